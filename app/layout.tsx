import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { THEME_SCRIPT } from "@/components/shell/theme-script";
import { getSessionCallerFromCookies } from "@/lib/auth/caller";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cloud Sync Readiness", template: "%s · Cloud Sync Readiness" },
  description: "Server-by-server readiness for the Microsoft Entra Cloud Sync provisioning agent.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const caller = await getSessionCallerFromCookies();
  // The request's CSP nonce (proxy.ts): an inline script runs only with it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <AppShell caller={caller}>{children}</AppShell>
      </body>
    </html>
  );
}
