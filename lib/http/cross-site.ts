/**
 * Cross-site writes (CSRF) refused before anything runs (issue 12). A browser sends `Origin` with every POST; a
 * write whose Origin names another host, or that has no Origin but a `Sec-Fetch-Site` saying another site sent it,
 * is refused. A write with neither header is not a browser's cross-site request (curl, scripts) and passes.
 * Used by proxy.ts for pages and their server actions (Next.js alone lets an Origin-less action through and answers a
 * mismatched one with a 500); API routes check the same in apiRoute (lib/auth/guards.ts), stricter: a cookie-
 * authenticated API write needs our Origin. No imports: the proxy bundle stays small.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a request is a cross-site write, or null when it is not one. `ownHost` is the host the browser addressed
 * (Host, or X-Forwarded-Host from a trusted proxy: lib/auth/client-address.ts requestHostFrom).
 */
export function crossSiteWriteReason(method: string, headers: Headers, ownHost: string | null): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const origin = headers.get("origin");
  if (origin !== null) {
    let host: string | null = null;
    try {
      host = origin === "null" ? null : new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== null && ownHost !== null && host.toLowerCase() === ownHost.toLowerCase()) return null;
    return `Origin ${origin.slice(0, 100)} is not this site`;
  }
  const site = headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return `Sec-Fetch-Site: ${site} without an Origin`;
  return null;
}

/** The 403 answer to a cross-site write (plain text: it answers a page or a server action, not the API). */
export function crossSiteRefusal(reason: string): Response {
  return new Response(`Cross-site request refused (${reason}). Use this site's own pages, or the API with a token.\n`, {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
