import { beforeAll, describe, expect, it } from "vitest";
import type { AuditInput } from "@/lib/audit/entry";
import { appendAudit } from "./audit";
import { auditFiltersToSearch, listAuditEntries, parseAuditFilters } from "./audit-log";
import { db } from "./db";

// Real database per file (test/setup-db.ts): SQLite, or PostgreSQL under `npm run test:pg`.
const admin = { kind: "user", id: "u-admin", name: "admin@example.com" } as const;
const lead = { kind: "user", id: "u-lead", name: "lead@example.com" } as const;
const token = { kind: "token", id: "t-1", name: "token:pipeline" } as const;

function at(day: number, hour = 12): Date {
  return new Date(Date.UTC(2026, 10, day, hour, 0, 0));
}

const SEED: AuditInput[] = [
  { actor: admin, action: "user.create", targetType: "user", targetId: "u-lead", targetLabel: "lead@example.com", after: { role: "lead" }, summary: "created lead@example.com (lead)", at: at(1) },
  { actor: admin, action: "user.role", targetType: "user", targetId: "u-lead", targetLabel: "lead@example.com", before: { role: "lead" }, after: { role: "admin" }, summary: "changed the role", at: at(2) },
  { actor: lead, action: "wave.create", targetType: "wave", targetId: "w-1", targetLabel: "Pilot", after: { name: "Pilot" }, summary: "created wave Pilot", at: at(3) },
  { actor: lead, action: "rollout.assign", targetType: "server", targetId: "s-1", targetLabel: "sync01.corp.contoso.com", summary: "assigned to Pilot", at: at(4) },
  { actor: lead, action: "rollout.move", targetType: "server", targetId: "s-1", targetLabel: "sync01.corp.contoso.com", summary: "moved from Pilot to Wave 2", at: at(5) },
  { actor: token, action: "upload.commit", targetType: "upload", targetId: "up-1", targetLabel: "<script>alert(1)</script>.csv", summary: "uploaded a file", at: at(6) },
  { actor: { kind: "anonymous", name: "mallory@example.com" }, action: "auth.sign-in-failed", targetType: "session", targetLabel: "mallory@example.com", summary: "sign-in failed", ip: "10.9.9.9", at: at(7, 0) },
  { actor: { kind: "anonymous", name: "mallory@example.com" }, action: "auth.sign-in-failed", targetType: "session", targetLabel: "mallory@example.com", summary: "sign-in failed", ip: "10.9.9.9", at: at(7, 23) },
];

beforeAll(async () => {
  await appendAudit(db(), SEED);
});

describe("listAuditEntries", () => {
  it("lists newest first with parsed before/after and a total", async () => {
    const page = await listAuditEntries();
    expect(page.total).toBe(SEED.length);
    expect(page.page).toBe(1);
    expect(page.pageSize).toBe(50);
    expect(page.entries.map((e) => e.at)).toEqual([...SEED].reverse().map((e) => e.at!.toISOString()));
    const role = page.entries.find((e) => e.action === "user.role");
    expect(role).toMatchObject({ actor: admin, targetId: "u-lead", before: { role: "lead" }, after: { role: "admin" } });
    expect(page.entries.find((e) => e.action === "rollout.assign")?.before).toBeNull();
  });

  it("filters by exact action and by action family", async () => {
    expect((await listAuditEntries({ action: "rollout.move" })).entries.map((e) => e.action)).toEqual(["rollout.move"]);
    expect((await listAuditEntries({ action: "rollout." })).entries.map((e) => e.action)).toEqual(["rollout.move", "rollout.assign"]);
    expect((await listAuditEntries({ action: "user" })).total).toBe(2);
    expect(parseAuditFilters({ action: "nonsense.thing" }).success).toBe(false);
    expect(parseAuditFilters({ action: "rollout.%" }).success).toBe(false);
  });

  it("filters by actor (part of the name, case-insensitive) and actor kind", async () => {
    expect((await listAuditEntries({ actor: "LEAD@" })).total).toBe(3);
    expect((await listAuditEntries({ actor: "pipeline" })).entries.map((e) => e.action)).toEqual(["upload.commit"]);
    expect((await listAuditEntries({ actorKind: "anonymous" })).total).toBe(2);
  });

  it("filters by target type and id", async () => {
    expect((await listAuditEntries({ targetType: "server" })).total).toBe(2);
    expect((await listAuditEntries({ targetType: "user", targetId: "u-lead" })).total).toBe(2);
    expect((await listAuditEntries({ targetId: "w-1" })).entries[0]?.targetLabel).toBe("Pilot");
    expect(parseAuditFilters({ targetType: "planet" }).success).toBe(false);
  });

  it("filters by date range: a date alone covers the whole day (UTC)", async () => {
    expect((await listAuditEntries({ from: "2026-11-07", to: "2026-11-07" })).total).toBe(2);
    expect((await listAuditEntries({ from: "2026-11-03", to: "2026-11-05" })).entries.map((e) => e.action)).toEqual(["rollout.move", "rollout.assign", "wave.create"]);
    expect((await listAuditEntries({ to: "2026-11-01T12:00:00Z" })).entries.map((e) => e.action)).toEqual(["user.create"]);
    expect((await listAuditEntries({ from: "2026-11-07T12:00:00Z" })).total).toBe(1);
    expect(parseAuditFilters({ from: "2026-11-08", to: "2026-11-07" }).success).toBe(false);
    expect(parseAuditFilters({ from: "yesterday" }).success).toBe(false);
  });

  it("searches the summary and the target label", async () => {
    expect((await listAuditEntries({ q: "wave 2" })).entries.map((e) => e.action)).toEqual(["rollout.move"]);
    expect((await listAuditEntries({ q: "sync01" })).total).toBe(2);
    expect((await listAuditEntries({ q: "<script>" })).entries[0]?.targetLabel).toBe("<script>alert(1)</script>.csv");
  });

  it("combines filters", async () => {
    expect((await listAuditEntries({ actor: "lead", targetType: "server", from: "2026-11-05" })).entries.map((e) => e.action)).toEqual(["rollout.move"]);
  });

  it("pages with a stable order, also for entries written at the same instant", async () => {
    const same = new Date(Date.UTC(2026, 9, 1));
    await appendAudit(
      db(),
      Array.from({ length: 7 }, (_, i) => ({ actor: admin, action: "token.create" as const, targetType: "token" as const, targetId: `tok-${i}`, summary: `token ${i}` })),
      same,
    );
    const ids: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const result = await listAuditEntries({ action: "token.create", page, pageSize: 2 });
      expect(result.total).toBe(7);
      ids.push(...result.entries.map((e) => e.targetId!));
    }
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect((await listAuditEntries({ action: "token.create", page: 9, pageSize: 2 })).entries).toEqual([]);
  });

  it("validates paging: page size at most 200", () => {
    expect(parseAuditFilters(new URLSearchParams("pageSize=200")).success).toBe(true);
    expect(parseAuditFilters(new URLSearchParams("pageSize=201")).success).toBe(false);
    expect(parseAuditFilters(new URLSearchParams("page=0")).success).toBe(false);
    const parsed = parseAuditFilters(new URLSearchParams("action=&actor=+&page=2&pageSize=25"));
    expect(parsed.success && parsed.data).toMatchObject({ action: undefined, actor: undefined, page: 2, pageSize: 25 });
  });

  it("round-trips filters through the query string", () => {
    const search = auditFiltersToSearch({ action: "rollout.", actor: "lead", from: "2026-11-01", page: 3, pageSize: 50 });
    expect(search).toBe("action=rollout.&actor=lead&from=2026-11-01&page=3");
    const parsed = parseAuditFilters(new URLSearchParams(search));
    expect(parsed.success && parsed.data).toMatchObject({ action: "rollout.", actor: "lead", from: "2026-11-01", page: 3, pageSize: 50 });
  });

  it("stays fast with 100,000 entries", async () => {
    const actions = ["rollout.move", "rollout.update", "upload.commit", "waiver.approve", "user.role"] as const;
    const base = Date.UTC(2026, 0, 1);
    {
      const batch: AuditInput[] = [];
      for (let i = 0; i < 100_000; i++) {
        batch.push({
          actor: i % 3 === 0 ? lead : admin,
          action: actions[i % actions.length]!,
          targetType: "server",
          targetId: `srv-${i % 5000}`,
          targetLabel: `srv${i % 5000}.corp.contoso.com`,
          summary: `bulk entry ${i}`,
          at: new Date(base + i * 60_000),
        });
      }
      await db().$transaction((tx) => appendAudit(tx, batch), { timeout: 60_000 });
    }
    expect(await db().auditEntry.count()).toBeGreaterThan(100_000);
    const cases = [
      {},
      { page: 400 },
      { action: "rollout." },
      { action: "user.role", from: "2026-02-01", to: "2026-02-10" },
      { targetType: "server" as const, targetId: "srv-42" },
      { actor: "lead" },
      { q: "entry 99999" },
    ];
    for (const filters of cases) {
      const started = performance.now();
      const page = await listAuditEntries({ ...filters, pageSize: 200 });
      const ms = performance.now() - started;
      expect(page.entries.length).toBeGreaterThan(0);
      // Generous: the point is "no full-table work in JS", not a benchmark (2 shared cores).
      expect(ms, JSON.stringify(filters)).toBeLessThan(2_000);
    }
  }, 120_000);
});
