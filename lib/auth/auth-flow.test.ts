import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { createApiToken, getTokenCaller, revokeApiToken } from "@/lib/data/api-tokens";
import { getSessionCaller } from "@/lib/data/sessions";
import { countUsers, createUser, DuplicateEmailError, getUserCredentials, saveUserDisabled } from "@/lib/data/users";
import { ensureBootstrapAdmin } from "./bootstrap";
import { signIn } from "./sign-in";

// Runs against a real, freshly migrated SQLite database (test/setup-db.ts).
describe("authentication against the database", () => {
  const lines: string[] = [];

  beforeAll(async () => {
    delete process.env.ADMIN_PASSWORD;
    await ensureBootstrapAdmin((line) => lines.push(line));
  });

  it("creates the first admin once, printing a generated password", async () => {
    expect(await countUsers()).toBe(1);
    const printed = lines.join("\n");
    const password = /password: (\S+)/.exec(printed)?.[1];
    expect(password).toBeTruthy();
    const result = await signIn("admin@localhost.localdomain", password!, "10.0.0.1");
    expect(result.ok).toBe(true);

    await ensureBootstrapAdmin((line) => lines.push(line));
    expect(await countUsers()).toBe(1);
  });

  it("two creations of one email at once (two instances bootstrapping): one user, the other a DuplicateEmailError", async () => {
    const input = { email: "race@example.com", name: "Race", role: "viewer" as const, password: "correct horse battery" };
    const outcomes = await Promise.allSettled([createUser(input, SYSTEM_ACTOR), createUser(input, SYSTEM_ACTOR)]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((outcome) => outcome.status === "rejected");
    expect(rejected?.reason).toBeInstanceOf(DuplicateEmailError);
  });

  it("stores an argon2id hash, never the password", async () => {
    await createUser({ email: "Lead@Example.com", name: "Lead", role: "lead", password: "correct horse battery" }, SYSTEM_ACTOR);
    const credentials = await getUserCredentials("lead@example.com");
    expect(credentials?.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(credentials?.passwordHash).not.toContain("correct horse");
  });

  it("signs in with the right password and resolves the session from its secret", async () => {
    const result = await signIn(" LEAD@example.com ", "correct horse battery", "10.0.0.2");
    if (!result.ok) throw new Error(result.message);
    const session = await getSessionCaller(result.secret, 12);
    expect(session).toMatchObject({ email: "lead@example.com", role: "lead" });
    expect(await getSessionCaller("not-a-real-secret", 12)).toBeNull();
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const unknown = await signIn("nobody@example.com", "whatever password", "10.0.0.3");
    const wrong = await signIn("lead@example.com", "wrong password!!", "10.0.0.3");
    expect(unknown).toEqual({ ok: false, reason: "invalid", message: "The email or password is not correct." });
    expect(wrong).toEqual(unknown);
  });

  it("throttles the client that failed, not the owner: the right password from a clean client still signs in", async () => {
    await createUser({ email: "target@example.com", name: "Target", role: "viewer", password: "the right password" }, SYSTEM_ACTOR);
    for (let i = 0; i < 5; i += 1) {
      expect((await signIn("target@example.com", `wrong-${i}-password`, "10.1.0.1")).ok).toBe(false);
    }
    expect(await signIn("target@example.com", "the right password", "10.1.0.1")).toMatchObject({ ok: false, reason: "rate-limited" });
    expect((await signIn("target@example.com", "the right password", "10.1.0.99")).ok).toBe(true);
  });

  it("refuses disabled accounts and ends their sessions", async () => {
    const user = await createUser({ email: "leaver@example.com", name: "Leaver", role: "viewer", password: "leaver password!" }, SYSTEM_ACTOR);
    const result = await signIn("leaver@example.com", "leaver password!", "10.2.0.1");
    if (!result.ok) throw new Error(result.message);
    await saveUserDisabled(user.id, true, SYSTEM_ACTOR);
    expect(await getSessionCaller(result.secret, 12)).toBeNull();
    expect((await signIn("leaver@example.com", "leaver password!", "10.2.0.1")).ok).toBe(false);
  });

  it("resolves API tokens by hash until they are revoked", async () => {
    const { token, id } = await createApiToken({ name: "uploader", role: "admin" }, SYSTEM_ACTOR);
    expect(await getTokenCaller(token)).toMatchObject({ name: "uploader", role: "admin" });
    expect(await getTokenCaller(token + "x")).toBeNull();
    expect(await revokeApiToken(id, SYSTEM_ACTOR)).toBe(true);
    expect(await getTokenCaller(token)).toBeNull();
    expect(await revokeApiToken(id, SYSTEM_ACTOR)).toBe(false);
  });
});
