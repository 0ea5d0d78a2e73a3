/**
 * The body limit of every server action (next.config.ts `experimental.serverActions.bodySizeLimit`; Next.js counts
 * it while the body streams and answers 413 past it). The largest form is the servers page's bulk rollout change:
 * at most one page of selected servers (500 names of up to 255 characters, ≈ 200 KB as multipart), so 1 MB, Next's
 * default, made explicit. No form uploads a file: uploads and plans go to their route handlers (lib/http/limits.ts).
 * No imports: next.config.ts and proxy.ts read this file.
 */
export const SERVER_ACTION_BODY_LIMIT = "1mb";
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * next.config.ts `experimental.proxyClientMaxBodySize`: the copy of a page request's body that Next.js keeps for the
 * proxy (proxy.ts runs before every page and server action). Past it the body is cut off, so it must stay above the
 * server actions' limit for them to answer 413; 2 MB instead of Next's 10 MB bounds what one request can hold.
 */
export const PROXY_BODY_BUFFER_LIMIT = "2mb";

/**
 * proxy.ts: a page POST (a server action) that declares a body over SERVER_ACTION_BODY_LIMIT answers 413 before
 * anything reads it. Next.js refuses a longer body itself while it streams, but answers a fetch action's refusal with
 * a 500; browsers always declare the length of a form's body, so a real oversized form gets the clear 413.
 */
export function declaredActionBodyTooLarge(method: string, headers: Headers): Response | null {
  if (method.toUpperCase() !== "POST") return null;
  const declared = headers.get("content-length");
  if (declared === null || !/^\s*\d+\s*$/.test(declared) || Number(declared) <= SERVER_ACTION_BODY_LIMIT_BYTES) return null;
  return new Response("The form is larger than the 1 MB limit for a form.\n", { status: 413, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
