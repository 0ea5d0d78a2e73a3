/**
 * Strict-Transport-Security, sent only on responses that reached the browser over HTTPS (a browser ignores the
 * header over plain HTTP anyway, and a wrong one would pin a plain-HTTP deployment's host to HTTPS for a year).
 */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

export interface RequestProtocolFacts {
  /** The URL scheme Next.js resolved for the request ("https:" for direct TLS, or when X-Forwarded-Proto says so). */
  protocol: string;
  /** The raw X-Forwarded-Proto request header, if any. */
  forwardedProto: string | null;
  /** Whether TRUSTED_PROXIES names at least one reverse proxy (lib/auth/client-address.ts). */
  behindTrustedProxy: boolean;
}

/**
 * Whether the request came over HTTPS. With X-Forwarded-Proto: only when a reverse proxy is trusted (TRUSTED_PROXIES
 * set), and then the header's first value ("https, http" -> the client-facing hop) decides; without a trusted proxy
 * any client could send the header, so it is not believed. Without the header: when the URL is https (TLS ended
 * here). Under `next start` the proxy always sees the header: Next.js fills a missing one from the socket before
 * proxy.ts runs, and `next start` does not terminate TLS, so HTTPS there means a trusted proxy (decision 014).
 */
export function cameOverHttps({ protocol, forwardedProto, behindTrustedProxy }: RequestProtocolFacts): boolean {
  if (forwardedProto === null) return protocol === "https:";
  return behindTrustedProxy && forwardedProto.split(",")[0]?.trim().toLowerCase() === "https";
}
