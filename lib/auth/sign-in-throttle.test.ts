import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { db } from "@/lib/data/db";
import { reserveSignInAttempt } from "@/lib/data/login-attempts";
import { createUser } from "@/lib/data/users";
import { ensureBootstrapAdmin } from "./bootstrap";
import { signIn, throttleConfig } from "./sign-in";

// Decision 015 against a real, migrated SQLite database (test/setup-db.ts): known devices apart, per client and per
// account delays for unknown clients, check + record in one transaction.
const PASSWORD = "the owner's password";

async function user(email: string) {
  return createUser({ email, name: email, role: "viewer", password: PASSWORD }, SYSTEM_ACTOR);
}

async function failures(key: string): Promise<number> {
  return db().loginAttempt.count({ where: { key, success: false } });
}

describe("the lockout attack", () => {
  beforeAll(async () => {
    process.env.ADMIN_EMAIL = "first.admin@example.com";
    process.env.ADMIN_PASSWORD = PASSWORD;
    await ensureBootstrapAdmin(() => {});
  });

  it("no longer locks out the first admin: five wrong passwords elsewhere, then the right one from a clean client", async () => {
    for (let i = 0; i < 5; i += 1) expect((await signIn("first.admin@example.com", `guess number ${i}`, "203.0.113.7")).ok).toBe(false);
    expect(await signIn("first.admin@example.com", `guess number 5`, "203.0.113.7")).toMatchObject({ ok: false, reason: "rate-limited" });
    const owner = await signIn("first.admin@example.com", PASSWORD, "198.51.100.20");
    expect(owner.ok).toBe(true);
  });

  it("a browser where the owner signed in before is never throttled by failures elsewhere, even from its own address", async () => {
    await user("owner@example.com");
    const first = await signIn("owner@example.com", PASSWORD, "192.0.2.10");
    if (!first.ok) throw new Error(first.message);
    // An attacker rotating through addresses: at most twice the limit are evaluated, then every unknown client waits.
    const results = [];
    for (let i = 0; i < 15; i += 1) results.push(await signIn("owner@example.com", `guess ${i}`, `198.18.0.${i}`));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(10);
    expect(await signIn("owner@example.com", PASSWORD, "198.18.1.1")).toMatchObject({ ok: false, reason: "rate-limited" });
    // The owner's browser (device cookie), from an address the attacker also used: signs in.
    const again = await signIn("owner@example.com", PASSWORD, { ip: "198.18.0.3", deviceSecret: first.device.secret });
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.device.secret).toBe(first.device.secret);
  });

  it("a device cookie of another account counts for nothing", async () => {
    const mine = await user("mine@example.com");
    await user("theirs@example.com");
    const signedIn = await signIn("mine@example.com", PASSWORD, "192.0.2.30");
    if (!signedIn.ok) throw new Error(signedIn.message);
    expect(signedIn.user.id).toBe(mine.id);
    for (let i = 0; i < 5; i += 1) await signIn("theirs@example.com", `guess ${i}`, { ip: "192.0.2.31", deviceSecret: signedIn.device.secret });
    const attempt = await signIn("theirs@example.com", PASSWORD, { ip: "192.0.2.31", deviceSecret: signedIn.device.secret });
    expect(attempt).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("a success forgets that client's failures only; the others stay counted", async () => {
    await user("typo@example.com");
    for (let i = 0; i < 3; i += 1) await signIn("typo@example.com", `guess ${i}`, "192.0.2.40");
    for (let i = 0; i < 2; i += 1) await signIn("typo@example.com", `typo ${i}`, "192.0.2.41");
    expect((await signIn("typo@example.com", PASSWORD, "192.0.2.41")).ok).toBe(true);
    expect(await failures("typo@example.com")).toBe(3);
  });
});

describe("concurrent wrong passwords", () => {
  it("twenty at once from one client: exactly the limit are evaluated, the rest refused unevaluated", async () => {
    await user("burst@example.com");
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn("burst@example.com", `parallel guess ${i}`, "192.0.2.50")));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(throttleConfig().maxPerAccount);
    expect(results.filter((r) => !r.ok && r.reason === "rate-limited")).toHaveLength(20 - throttleConfig().maxPerAccount);
    expect(await failures("burst@example.com")).toBe(5);
  });

  it("twenty at once from twenty addresses: at most twice the limit are evaluated", async () => {
    await user("spread@example.com");
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn("spread@example.com", `parallel guess ${i}`, `192.0.2.${100 + i}`)));
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBe(10);
    expect(await failures("spread@example.com")).toBe(10);
  });
});

describe("delays", () => {
  it("grow with every failure past the limit, and an attempt after the delay is evaluated", async () => {
    const config = throttleConfig();
    const client = { key: "slow@example.com", ip: "192.0.2.60", deviceHash: null };
    let now = Date.parse("2026-12-01T10:00:00Z");
    for (let i = 0; i < 5; i += 1) expect((await reserveSignInAttempt(client, config, new Date(now))).allowed).toBe(true);
    const waits: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const refused = await reserveSignInAttempt(client, config, new Date(now + 1_000));
      if (refused.allowed) throw new Error("expected a delay");
      waits.push(refused.retryAfterMs + 1_000);
      now += refused.retryAfterMs + 1_000; // exactly when the delay ends
      expect((await reserveSignInAttempt(client, config, new Date(now))).allowed).toBe(true);
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000]);
  });
});
