import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { createApiToken, listApiTokens, resolveApiToken } from "@/lib/data/api-tokens";
import { db } from "@/lib/data/db";
import { createUser, saveUserDisabled, saveUserRole } from "@/lib/data/users";
import { apiRoute } from "./guards";
import { SESSION_COOKIE, sessionSecretFromRequest } from "./session-cookie";
import { signIn } from "./sign-in";

// Bearer tokens and session cookies as route handlers see them (real database, test/setup-db.ts).
const me = apiRoute("read", async (_request, caller) => Response.json({ role: caller.role, kind: caller.kind }));
const upload = apiRoute("upload", async () => Response.json({ ok: true }));
const context = { params: Promise.resolve({}) };

function call(route: typeof me, headers: Record<string, string>) {
  return route(new Request("http://127.0.0.1:3000/api/me", { headers }), context);
}

async function owner(email: string, role: "admin" | "lead" | "viewer") {
  return createUser({ email, name: email, role, password: "a long enough password" }, SYSTEM_ACTOR);
}

describe("API tokens", () => {
  it("an expired token is refused with 401 and says so", async () => {
    const { token, id } = await createApiToken({ name: "short-lived", role: "viewer", expiresAt: new Date(Date.now() + 60_000) }, SYSTEM_ACTOR);
    expect((await call(me, { authorization: `Bearer ${token}` })).status).toBe(200);
    await db().apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const response = await call(me, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatchObject({ code: "token-expired", message: expect.stringContaining("expired on") });
    expect((await listApiTokens()).find((t) => t.id === id)).toMatchObject({ expired: true });
    await expect(createApiToken({ name: "past", role: "viewer", expiresAt: new Date(Date.now() - 1) }, SYSTEM_ACTOR)).rejects.toThrow(/future/);
  });

  it("acts at most with its creator's current role, and is refused while the creator is disabled", async () => {
    const admin = await owner("token.owner@example.com", "admin");
    const { token, id } = await createApiToken({ name: "pipeline", role: "admin", createdById: admin.id }, SYSTEM_ACTOR);
    expect(await (await call(me, { authorization: `Bearer ${token}` })).json()).toEqual({ role: "admin", kind: "token" });

    await saveUserRole(admin.id, "viewer", SYSTEM_ACTOR);
    expect(await (await call(me, { authorization: `Bearer ${token}` })).json()).toEqual({ role: "viewer", kind: "token" });
    expect((await call(upload, { authorization: `Bearer ${token}` })).status).toBe(403);
    expect((await listApiTokens()).find((t) => t.id === id)).toMatchObject({ role: "admin", effectiveRole: "viewer" });

    await saveUserDisabled(admin.id, true, SYSTEM_ACTOR);
    const refused = await call(me, { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toMatchObject({ code: "token-owner-disabled", message: expect.stringContaining("disabled") });
    const disableEntry = await db().auditEntry.findFirst({ where: { action: "user.disable", targetId: admin.id } });
    expect(JSON.parse(disableEntry!.afterJson!)).toMatchObject({ disabled: true, tokensRefused: 1 });

    // Enabling the user and raising the role back restores the token (it was refused, not revoked).
    await saveUserDisabled(admin.id, false, SYSTEM_ACTOR);
    await saveUserRole(admin.id, "admin", SYSTEM_ACTOR);
    expect(await resolveApiToken(token)).toMatchObject({ ok: true, caller: { role: "admin" } });
  });

  it("a lower token role is kept under a higher creator; tokens without a creator (CLI) keep their role", async () => {
    const lead = await owner("lead.owner@example.com", "lead");
    const viewerToken = (await createApiToken({ name: "reader", role: "viewer", createdById: lead.id }, SYSTEM_ACTOR)).token;
    expect(await resolveApiToken(viewerToken)).toMatchObject({ ok: true, caller: { role: "viewer" } });
    const cliToken = (await createApiToken({ name: "cli", role: "admin" }, SYSTEM_ACTOR)).token;
    expect(await resolveApiToken(cliToken)).toMatchObject({ ok: true, caller: { role: "admin" } });
  });

  it("revoked and unknown tokens: 401, revoked named as such", async () => {
    const { token, id } = await createApiToken({ name: "old", role: "viewer" }, SYSTEM_ACTOR);
    await db().apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    expect((await (await call(me, { authorization: `Bearer ${token}` })).json()).error.code).toBe("token-revoked");
    expect((await (await call(me, { authorization: "Bearer csr_nope" })).json()).error.code).toBe("unauthorized");
    expect((await (await call(me, { authorization: "Basic abc" })).json()).error.code).toBe("unauthorized");
  });

  it("the audit entry of a token names its expiry", async () => {
    const expiresAt = new Date(Date.now() + 90 * 86_400_000);
    const { id } = await createApiToken({ name: "audited", role: "lead", expiresAt }, SYSTEM_ACTOR);
    const entry = await db().auditEntry.findFirst({ where: { action: "token.create", targetId: id } });
    expect(JSON.parse(entry!.afterJson!)).toMatchObject({ name: "audited", role: "lead", expiresAt: expiresAt.toISOString() });
  });
});

describe("a malformed or oversized session cookie is an anonymous request", () => {
  const bad = ["%E0%A4%A", "%", "a".repeat(100_000), "not a secret", "x".repeat(42), "\xff\xfe"];

  it.each(bad.map((value) => [value.slice(0, 20), value]))("API: 401 JSON, never a 500 (%s)", async (_label, value) => {
    const response = await call(me, { cookie: `${SESSION_COOKIE}=${value}` });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  it("reads no secret from them, and the real secret still works", async () => {
    for (const value of bad) {
      expect(sessionSecretFromRequest(new Request("http://x/", { headers: { cookie: `${SESSION_COOKIE}=${value}` } }))).toBeUndefined();
    }
    await owner("cookie.user@example.com", "viewer");
    const session = await signIn("cookie.user@example.com", "a long enough password", "192.0.2.200");
    if (!session.ok) throw new Error(session.message);
    const response = await call(me, { cookie: `other=1; ${SESSION_COOKIE}=${session.secret}` });
    expect(await response.json()).toEqual({ role: "viewer", kind: "session" });
  });
});
