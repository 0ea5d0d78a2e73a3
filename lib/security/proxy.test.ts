import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { resetEnvCache } from "@/lib/env";
import { config, proxy } from "@/proxy";
import { nonceOf } from "./csp";
import { HSTS_VALUE } from "./hsts";

// proxy.ts: what Next.js receives from it for one request (the response headers, and the request headers it
// forwards to the render as x-middleware-request-*).
function run(url: string, headers: Record<string, string> = {}) {
  const response = proxy(new NextRequest(url, { headers }));
  const policy = response.headers.get("content-security-policy") ?? "";
  return {
    policy,
    nonce: nonceOf(policy),
    forwardedNonce: response.headers.get("x-middleware-request-x-nonce"),
    forwardedPolicy: response.headers.get("x-middleware-request-content-security-policy"),
    hsts: response.headers.get("strict-transport-security"),
  };
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("proxy", () => {
  it("gives every request its own nonce, in the response policy and in the headers the render reads", () => {
    const first = run("http://127.0.0.1:3000/servers");
    const second = run("http://127.0.0.1:3000/servers");
    expect(first.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second.nonce).not.toBe(first.nonce);
    expect(first.forwardedNonce).toBe(first.nonce);
    expect(first.forwardedPolicy).toBe(first.policy);
    expect(first.policy).toContain(`script-src 'self' 'nonce-${first.nonce}' 'strict-dynamic'`);
  });

  it("sends HSTS only for HTTPS", () => {
    expect(run("http://127.0.0.1:3000/").hsts).toBeNull();
    expect(run("https://csr.example/").hsts).toBe(HSTS_VALUE);
    // A client's own X-Forwarded-Proto is not believed without a trusted proxy…
    expect(run("http://127.0.0.1:3000/", { "x-forwarded-proto": "https" }).hsts).toBeNull();
    // …and is with one.
    vi.stubEnv("TRUSTED_PROXIES", "127.0.0.1");
    resetEnvCache();
    expect(run("http://127.0.0.1:3000/", { "x-forwarded-proto": "https" }).hsts).toBe(HSTS_VALUE);
  });

  it("matches pages and page-level route handlers, not API routes or static files", () => {
    const matches = (url: string) => unstable_doesMiddlewareMatch({ config, nextConfig: {}, url });
    for (const url of ["/", "/servers", "/servers/a.example/fix-script", "/collector", "/login", "/apiary"]) expect(matches(url), url).toBe(true);
    for (const url of ["/api/uploads", "/api/reports/fleet.pdf", "/_next/static/chunks/a.js", "/_next/image?url=x", "/favicon.ico"]) expect(matches(url), url).toBe(false);
  });
});
