import { describe, expect, it } from "vitest";
import { checkConsistency, openWriteTransactions } from "./consistency-check";
import { db } from "./db";
import { withRuleLists } from "./test-sql";

// The consistency check of the multi-instance test (scripts/test-multi-instance.ts), on whichever database the matrix
// runs (SQLite, or PostgreSQL under `npm run test:pg`): seeded through Prisma, then broken one invariant at a time.
describe("consistency check", () => {
  const url = () => process.env.DATABASE_URL!;

  it("sees a write transaction open on another connection", async () => {
    await db().readinessSnapshot.count(); // SQLite: the file exists once the app's connection opened it
    expect(await openWriteTransactions(url())).toBe(0);
    const seen = await db().$transaction(async (tx) => {
      await tx.readinessSnapshot.create({ data: { at: new Date(), ready: 0, conditions: 0, notReady: 0, unknown: 0, cause: "test" } });
      return openWriteTransactions(url());
    });
    expect(seen).toBe(1);
    expect(await openWriteTransactions(url())).toBe(0);
    await db().readinessSnapshot.deleteMany({ where: { cause: "test" } });
  });

  it("passes on a consistent fleet and names each broken invariant", async () => {
    const at = new Date("2026-12-01T10:00:00.000Z");
    const upload = await db().upload.create({
      data: { sha256: "a".repeat(64), fileName: "fleet.csv", sizeBytes: 1, kind: "host-inventory", format: "inventory-csv", uploadedBy: "test", createdAt: at, records: 2, accepted: 2, rejected: 0, serversAffected: 2, issuesJson: "[]", optionsJson: "{}" },
    });
    const server = (fqdn: string, verdict: string, statuses: string, blockingRules: string) =>
      db().server.create({ data: { fqdn, name: fqdn.split(".")[0]!.toUpperCase(), domain: "corp.contoso.com", verdict, ...withRuleLists(statuses), blockingRules } });
    const web = await server("web.corp.contoso.com", "not-ready", "rule-a:f,rule-b:p", ",rule-a,");
    const app = await server("app.corp.contoso.com", "ready", "rule-a:p,rule-b:w", "");
    for (const s of [web, app]) await db().hostSnapshot.create({ data: { serverId: s.id, uploadId: upload.id, collectedAt: at, factsJson: "{}" } });
    await db().ruleSummary.createMany({
      data: [
        { ruleId: "rule-a", pass: 1, fail: 1, unknown: 0, waived: 0, blocking: 1 },
        { ruleId: "rule-b", pass: 1, fail: 0, unknown: 0, waived: 1, blocking: 0 },
      ],
    });
    await db().readinessSnapshot.create({ data: { at, ready: 1, conditions: 0, notReady: 1, unknown: 0, cause: "upload" } });

    const fine = await checkConsistency(url(), { absentSha256: ["b".repeat(64)], absentDomains: ["other.example"] });
    expect(fine.problems).toEqual([]);
    expect(fine.counts).toMatchObject({ uploads: 1, servers: 2, hostSnapshots: 2, readinessSnapshots: 1 });
    expect(fine.verdicts).toEqual({ "not-ready": 1, ready: 1 });

    await db().ruleSummary.update({ where: { ruleId: "rule-a" }, data: { fail: 2 } });
    await db().readinessSnapshot.create({ data: { at: new Date(at.getTime() + 1000), ready: 2, conditions: 0, notReady: 0, unknown: 0, cause: "upload" } });
    await db().hostSnapshot.deleteMany({ where: { serverId: app.id } });
    await db().server.update({ where: { id: app.id }, data: { failingRules: ",rule-b," } });
    const broken = await checkConsistency(url(), { absentSha256: ["a".repeat(64)], absentDomains: ["corp.contoso.com"] });
    expect(broken.problems).toEqual([
      `upload ${upload.id} (fleet.csv): 1 host snapshots for 2 accepted records`,
      "1 servers have no host snapshot (e.g. app.corp.contoso.com)",
      `1 rule lists differ from their server's statuses: app.corp.contoso.com has failingRules ",rule-b,", its statuses give ""`,
      "RuleSummary differs from a recount of Server.statuses for 1 rules: rule-a fail 2 (recount 1)",
      "the latest ReadinessSnapshot counts ready 2, ready-with-conditions 0, not-ready 0, unknown 0, the servers are ready 1, ready-with-conditions 0, not-ready 1, unknown 0",
      `upload ${upload.id} (fleet.csv) is stored but must be absent`,
      "2 servers in corp.contoso.com, which only an absent file described",
    ]);
  });
});
