import { env } from "@/lib/env";
import { isIP } from "node:net";
import { normalizeAddress, parseTrustedProxies, type TrustedProxies } from "./trusted-proxies";

/**
 * Who is at the other end, and which origin they used, believing X-Forwarded-* only from TRUSTED_PROXIES.
 *
 * Next.js (16) gives route handlers and server actions no socket address. What it does (next/dist/server/base-server.js,
 * "Update the x-forwarded-* headers"): when a request arrives WITHOUT X-Forwarded-For / -Host / -Proto it fills them
 * from the socket (peer address, Host, TLS); a request that carries them keeps the client's values. So:
 * - No trusted proxy (default): the client address is the right-most X-Forwarded-For entry, which is the socket peer
 *   unless the client sent the header itself; a client that does can choose its address. Sign-in throttling therefore
 *   bounds what a fresh address buys (all unknown clients together get at most twice the per-account limit) and
 *   recognises the owner's browsers by a device cookie, not an address (decision 015). The host comes from the Host
 *   header, never from X-Forwarded-Host. The protocol is the request URL's, which Next.js derives from
 *   X-Forwarded-Proto when the client sent one: it is the client's own claim. That is harmless where it is used (the
 *   same-origin check compares it with the Origin a browser sends, and a cross-site page cannot set
 *   X-Forwarded-Proto), and HSTS never relies on it (lib/security/hsts.ts believes it only from a trusted proxy).
 * - Trusted proxies: the right-most X-Forwarded-For entry that is not a trusted proxy (a client cannot forge what the
 *   proxies append), and X-Forwarded-Host / -Proto's first value. The app must then be reachable only through those
 *   proxies (bind it to localhost or firewall it): a request that bypasses them cannot be told apart.
 */

function forwardedList(value: string | null): string[] {
  return (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function asAddress(entry: string | undefined): string {
  if (entry === undefined) return "unknown";
  const address = normalizeAddress(entry);
  return isIP(address) !== 0 ? address : "unknown";
}

export function clientAddressFrom(headers: Headers, trusted: TrustedProxies): string {
  const hops = forwardedList(headers.get("x-forwarded-for"));
  if (trusted.entries.length === 0) return asAddress(hops.at(-1));
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    if (!trusted.has(hops[index]!)) return asAddress(hops[index]);
  }
  return asAddress(hops[0]); // every hop is a trusted proxy: the request started at the first one
}

/** The origin the browser used ("https://readiness.example.com"), for absolute links and the same-origin check. */
export function requestOriginFrom(headers: Headers, requestUrl: string, trusted: TrustedProxies): string {
  const url = new URL(requestUrl);
  let host = headers.get("host")?.trim() || url.host;
  let proto = url.protocol.replace(/:$/, "");
  if (trusted.entries.length > 0) {
    host = forwardedList(headers.get("x-forwarded-host"))[0] ?? host;
    proto = forwardedList(headers.get("x-forwarded-proto"))[0]?.toLowerCase() ?? proto;
  }
  return `${proto}://${host}`;
}

/** The host the browser addressed: X-Forwarded-Host from a trusted proxy, else Host. */
export function requestHostFrom(headers: Headers, trusted: TrustedProxies): string | null {
  if (trusted.entries.length > 0) {
    const forwarded = forwardedList(headers.get("x-forwarded-host"))[0];
    if (forwarded) return forwarded;
  }
  return headers.get("host")?.trim() || null;
}

let cached: { text: string; value: TrustedProxies } | undefined;

/** TRUSTED_PROXIES from the environment (validated by lib/env.ts), parsed once. */
export function configuredTrustedProxies(): TrustedProxies {
  const text = env().TRUSTED_PROXIES;
  if (cached?.text === text) return cached.value;
  const parsed = parseTrustedProxies(text);
  if (!parsed.ok) throw new Error(`TRUSTED_PROXIES: ${parsed.problems.join("; ")}`);
  cached = { text, value: parsed.value };
  return parsed.value;
}

export function clientAddress(headers: Headers): string {
  return clientAddressFrom(headers, configuredTrustedProxies());
}
