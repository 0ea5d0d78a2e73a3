import { describe, expect, it } from "vitest";
import { API_POLICY, newNonce, nonceOf, pagePolicy } from "./csp";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split("; ").map((part) => {
    const [name, ...sources] = part.split(" ");
    return [name!, sources];
  }));
}

describe("newNonce", () => {
  it("is 16 random bytes in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, newNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("pagePolicy", () => {
  it("in production: scripts by nonce and strict-dynamic only, no eval, no inline <style> without the nonce", () => {
    const policy = directives(pagePolicy({ nonce: "abc123==", dev: false }));
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(policy.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(policy.get("font-src")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(pagePolicy({ nonce: "abc123==", dev: false })).not.toMatch(/unsafe-eval|'unsafe-inline'.*script/);
  });

  it("in development: eval for React's debugging stacks, inline styles for hot reloading", () => {
    const policy = directives(pagePolicy({ nonce: "n", dev: true }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("carries the nonce where Next.js looks for it", () => {
    const nonce = newNonce();
    expect(nonceOf(pagePolicy({ nonce, dev: false }))).toBe(nonce);
    expect(nonceOf(API_POLICY)).toBeUndefined();
  });
});

describe("API_POLICY", () => {
  it("lets nothing load, run, submit or frame", () => {
    expect(API_POLICY).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  });
});
