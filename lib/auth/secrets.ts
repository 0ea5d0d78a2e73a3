import { createHash, randomBytes } from "node:crypto";

// Session cookies and API tokens are 256-bit random values. Only their SHA-256 is stored: for
// high-entropy secrets a fast hash is the standard (a slow password hash adds nothing), and it lets
// us look the secret up by its hash. See docs/decisions/002-auth.md.

export const TOKEN_PREFIX = "csr_";

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

export function newSessionSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function newApiToken(): { token: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

/** A printable random password for the bootstrap admin (about 120 bits). */
export function newRandomPassword(): string {
  return randomBytes(20).toString("base64url");
}
