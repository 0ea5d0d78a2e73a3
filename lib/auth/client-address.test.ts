import { describe, expect, it } from "vitest";
import { clientAddressFrom, requestHostFrom, requestOriginFrom } from "./client-address";
import { parseTrustedProxies, type TrustedProxies } from "./trusted-proxies";

function proxies(text: string): TrustedProxies {
  const parsed = parseTrustedProxies(text);
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  return parsed.value;
}
const NONE = proxies("");
const NGINX = proxies("10.0.0.5, 192.168.0.0/16, fd00::/8");

describe("TRUSTED_PROXIES", () => {
  it("accepts IPs and CIDR ranges (IPv4, IPv6, IPv4-mapped) and names every bad entry", () => {
    expect(NGINX.has("10.0.0.5")).toBe(true);
    expect(NGINX.has("::ffff:10.0.0.5")).toBe(true);
    expect(NGINX.has("192.168.44.1")).toBe(true);
    expect(NGINX.has("fd12::1")).toBe(true);
    expect(NGINX.has("10.0.0.6")).toBe(false);
    expect(NGINX.has("not an address")).toBe(false);
    expect(NONE.has("127.0.0.1")).toBe(false);
    expect(parseTrustedProxies("10.0.0.1, nginx, 10.0.0.0/33")).toEqual({
      ok: false,
      problems: ['"nginx" is not an IP address or CIDR range', '"10.0.0.0/33" has an invalid prefix length'],
    });
  });
});

describe("the client address", () => {
  it("without trusted proxies: the address Next.js recorded from the socket, never the left-most (client-chosen) entry", () => {
    // Next fills X-Forwarded-For with the socket peer when the request has none.
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "::ffff:203.0.113.9" }), NONE)).toBe("203.0.113.9");
    // A client that sends "1.2.3.4, <anything>": not the left-most.
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }), NONE)).toBe("203.0.113.9");
    expect(clientAddressFrom(new Headers(), NONE)).toBe("unknown");
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "<script>" }), NONE)).toBe("unknown");
  });

  it("behind trusted proxies: the right-most address that is not a trusted proxy (spoofed entries to its left are ignored)", () => {
    const spoofed = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 192.168.1.2" });
    expect(clientAddressFrom(spoofed, NGINX)).toBe("203.0.113.9");
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "203.0.113.9" }), NGINX)).toBe("203.0.113.9");
    // Every hop a trusted proxy: the request started at the first.
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "10.0.0.5" }), NGINX)).toBe("10.0.0.5");
  });
});

describe("the origin and host the browser used", () => {
  const headers = new Headers({ host: "app.internal:3000", "x-forwarded-host": "evil.example, readiness.example.com", "x-forwarded-proto": "https" });
  it("ignores X-Forwarded-Host / -Proto without a trusted proxy", () => {
    expect(requestOriginFrom(headers, "http://127.0.0.1:3000/api/reports/x.pdf", NONE)).toBe("http://app.internal:3000");
    expect(requestHostFrom(headers, NONE)).toBe("app.internal:3000");
  });
  it("believes their first value behind a trusted proxy", () => {
    expect(requestOriginFrom(headers, "http://127.0.0.1:3000/api/reports/x.pdf", NGINX)).toBe("https://evil.example");
    expect(requestHostFrom(new Headers({ host: "a:1", "x-forwarded-host": "readiness.example.com" }), NGINX)).toBe("readiness.example.com");
  });
});
