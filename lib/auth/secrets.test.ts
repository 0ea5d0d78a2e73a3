import { describe, expect, it } from "vitest";
import { newApiToken, newRandomPassword, newSessionSecret, sha256Hex, TOKEN_PREFIX } from "./secrets";

describe("secrets", () => {
  it("creates distinct, high-entropy session secrets", () => {
    const a = newSessionSecret();
    const b = newSessionSecret();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64url").length).toBe(32);
  });

  it("creates API tokens with a recognisable prefix and a display prefix", () => {
    const { token, prefix } = newApiToken();
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(token.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBe(TOKEN_PREFIX.length + 6);
  });

  it("hashes with SHA-256 hex", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("generates bootstrap passwords long enough for the password policy", () => {
    expect(newRandomPassword().length).toBeGreaterThanOrEqual(24);
  });
});
