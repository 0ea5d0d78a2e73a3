import { type NextRequest, NextResponse } from "next/server";
import { configuredTrustedProxies, requestHostFrom } from "@/lib/auth/client-address";
import { crossSiteRefusal, crossSiteWriteReason } from "@/lib/http/cross-site";
import { declaredActionBodyTooLarge } from "@/lib/http/server-action-limit";
import { newNonce, pagePolicy } from "@/lib/security/csp";
import { cameOverHttps, HSTS_VALUE } from "@/lib/security/hsts";

/**
 * Runs before every page (Next.js 16 "proxy", formerly middleware): a fresh CSP nonce per request, handed to the
 * render through the request's Content-Security-Policy and x-nonce headers (Next.js puts it on its own scripts;
 * app/layout.tsx on the theme script), the same policy on the response, and HSTS when the request came over HTTPS.
 * Every page is rendered per request (the root layout reads the session cookie), so every page gets its nonce.
 */
export function proxy(request: NextRequest) {
  // A write from another site (a server action posted cross-site) is refused before it runs: 403 (lib/http/cross-site.ts).
  const crossSite = crossSiteWriteReason(request.method, request.headers, requestHostFrom(request.headers, configuredTrustedProxies()));
  if (crossSite) return crossSiteRefusal(crossSite);
  const tooLarge = declaredActionBodyTooLarge(request.method, request.headers);
  if (tooLarge) return tooLarge;

  const nonce = newNonce();
  const policy = pagePolicy({ nonce, dev: process.env.NODE_ENV === "development" });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  const https = cameOverHttps({
    protocol: request.nextUrl.protocol,
    forwardedProto: request.headers.get("x-forwarded-proto"),
    behindTrustedProxy: configuredTrustedProxies().entries.length > 0,
  });
  if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export const config = {
  // Not: API route handlers (they get API_POLICY from next.config.ts, and a proxy would buffer their request
  // bodies, cutting uploads off at 10 MB) and Next's static files (no HTML, long-cached).
  matcher: ["/((?!api/|_next/static/|_next/image|favicon.ico).*)"],
};
