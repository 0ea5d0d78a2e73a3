/**
 * The Content-Security-Policy of the app (docs/decisions/013-content-security-policy.md).
 *
 * Pages get a per-request nonce (proxy.ts): Next.js reads it from the request's CSP header and puts it on its
 * own scripts and inline styles; app/layout.tsx puts it on the theme script. With 'strict-dynamic', scripts
 * those nonced scripts load (Next's chunks) are trusted too, and nothing else runs: no inline script without
 * the nonce, no eval in production, no script from another origin.
 *
 * To allow something new, add it to the directive that needs it here (and say why in the decision record);
 * e2e/security-headers.spec.ts fails on any violation on any page.
 */

export interface PagePolicyOptions {
  /** Base64 nonce of this request (newNonce()). */
  nonce: string;
  /** `next dev`: React needs eval for its debugging stacks, and the dev overlay/HMR inject styles without a nonce. */
  dev: boolean;
}

/** 16 random bytes as base64: unguessable, new for every request. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

function serialize(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");
}

/** The policy of an HTML page (and of everything else proxy.ts answers). */
export function pagePolicy({ nonce, dev }: PagePolicyOptions): string {
  return serialize({
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // <style> elements and stylesheets: ours, or Next's inline ones carrying the nonce. In dev the nonce is left
    // out, since a nonce makes browsers ignore 'unsafe-inline' (Turbopack's HMR injects <style> without one).
    "style-src": dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    // style="" attributes only: React renders bar widths as inline styles (overview bars, upload progress).
    // An attribute cannot load a script; url() in it is still held to img-src/font-src.
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  });
}

/**
 * The policy of API route handlers and file downloads (JSON, CSV, XLSX, PDF, scripts): they are never rendered
 * as pages of ours, so nothing may load, run or frame them.
 */
export const API_POLICY = serialize({
  "default-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
  "frame-ancestors": ["'none'"],
});

/** The nonce of a policy built by pagePolicy (as Next.js reads it), or undefined. */
export function nonceOf(policy: string): string | undefined {
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}
