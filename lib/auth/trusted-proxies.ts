import { BlockList, isIP } from "node:net";

/**
 * TRUSTED_PROXIES: a comma-separated list of IP addresses and CIDR ranges (IPv4 or IPv6) of the reverse proxies in
 * front of the app. Empty (the default): no proxy is trusted, X-Forwarded-* headers sent by clients are not believed.
 */
export interface TrustedProxies {
  readonly entries: readonly string[];
  has(address: string): boolean;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; "[::1]:443" / "10.0.0.1:443" → the address; anything else unchanged (trimmed). */
export function normalizeAddress(value: string): string {
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return address.toLowerCase();
}

/** Parses the setting; returns the problems (one per bad entry) instead of throwing. */
export function parseTrustedProxies(text: string | undefined): { ok: true; value: TrustedProxies } | { ok: false; problems: string[] } {
  const list = new BlockList();
  const entries: string[] = [];
  const problems: string[] = [];
  for (const raw of (text ?? "").split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const [addressPart, prefixPart, extra] = entry.split("/");
    const address = normalizeAddress(addressPart ?? "");
    const family = isIP(address);
    if (family === 0 || extra !== undefined) {
      problems.push(`"${entry}" is not an IP address or CIDR range`);
      continue;
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefixPart === undefined) {
      list.addAddress(address, type);
    } else {
      const prefix = /^\d{1,3}$/.test(prefixPart) ? Number(prefixPart) : NaN;
      if (!(prefix >= 0 && prefix <= (family === 4 ? 32 : 128))) {
        problems.push(`"${entry}" has an invalid prefix length`);
        continue;
      }
      list.addSubnet(address, prefix, type);
    }
    entries.push(entry);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      entries,
      has(candidate: string): boolean {
        if (entries.length === 0) return false;
        const address = normalizeAddress(candidate);
        const family = isIP(address);
        return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
      },
    },
  };
}

/** For lib/env.ts: a zod refinement message, or null when the setting is valid. */
export function trustedProxiesProblem(text: string | undefined): string | null {
  const parsed = parseTrustedProxies(text);
  return parsed.ok ? null : parsed.problems.join("; ");
}
