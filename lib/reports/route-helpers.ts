// Shared by the PDF route handlers (pure, except that requestOrigin reads TRUSTED_PROXIES by default).
import { configuredTrustedProxies, requestOriginFrom } from "@/lib/auth/client-address";
import type { TrustedProxies } from "@/lib/auth/trusted-proxies";
import { decodedSegment } from "@/lib/http/path-segment";

/** The decoded name from a path segment ending in ".pdf" ("sync01.corp.contoso.com.pdf"), or null. */
export function pdfSegment(raw: string): string | null {
  const value = decodedSegment(raw);
  if (!value.toLowerCase().endsWith(".pdf")) return null;
  const name = value.slice(0, -4).trim();
  return name === "" ? null : name;
}

/**
 * The origin the client used, for absolute links in a PDF: X-Forwarded-Host / -Proto only from TRUSTED_PROXIES,
 * else the Host header and the request URL (lib/auth/client-address.ts).
 */
export function requestOrigin(request: Request, trusted: TrustedProxies = configuredTrustedProxies()): string {
  return requestOriginFrom(request.headers, request.url, trusted);
}
