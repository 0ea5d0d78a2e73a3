import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInPanel } from "@/components/auth/sign-in-panel";
import { getSessionCallerFromCookies } from "@/lib/auth/caller";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await getSessionCallerFromCookies()) redirect("/");
  return <SignInPanel title="Sign in">Cloud Sync Readiness: is your fleet ready for the Entra Cloud Sync agent?</SignInPanel>;
}
