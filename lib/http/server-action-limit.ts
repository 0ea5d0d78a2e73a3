/**
 * The body limit of every server action (next.config.ts `experimental.serverActions.bodySizeLimit`; Next.js counts
 * it while the body streams and answers 413 past it). The largest form is the servers page's bulk rollout change:
 * at most one page of selected servers (500 names of up to 255 characters, ≈ 200 KB as multipart), so 1 MB, Next's
 * default, made explicit. No form uploads a file: uploads and plans go to their route handlers (lib/http/limits.ts).
 * No imports: next.config.ts reads this file.
 */
export const SERVER_ACTION_BODY_LIMIT = "1mb";
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * next.config.ts `experimental.proxyClientMaxBodySize`: the copy of a page request's body that Next.js keeps for the
 * proxy (proxy.ts runs before every page and server action). Past it the body is cut off, so it must stay above the
 * server actions' limit for them to answer 413; 2 MB instead of Next's 10 MB bounds what one request can hold.
 */
export const PROXY_BODY_BUFFER_LIMIT = "2mb";
