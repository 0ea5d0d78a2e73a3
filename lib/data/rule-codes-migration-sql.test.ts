import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES, type ResultStatus, type RuleResult } from "@/lib/rules";
import { serverFiltersSchema } from "@/lib/views/server-filters";
import { databaseKind } from "./database-kind";
import { db } from "./db";
import { decodeStatuses, delimitRuleIds, encodeStatuses, undelimitRuleIds } from "./ingest/statuses";
import { listServers } from "./servers";
import { ruleListFillSql, sqlExec } from "./test-sql";

// Decision 025's data migration on whichever database the matrix runs: rows written with rule ids ("host-memory:f",
// ",host-memory,") read the same after it, and are byte for byte what the app now writes for the same results.

const MIGRATION = {
  sqlite: "prisma/migrations/20261206220000_rule_codes/migration.sql",
  postgres: "prisma/postgresql/migrations/20261206220000_rule_codes/migration.sql",
}[databaseKind()];

const LETTER: Record<ResultStatus, string> = { pass: "p", fail: "f", unknown: "u", waived: "w" };
const STATUSES: readonly ResultStatus[] = ["pass", "fail", "unknown", "waived"];

/** Every rule with a status that varies by server: the form rows had before the codes, and the results it stands for. */
function resultsOf(seed: number): RuleResult[] {
  return RULES.map((rule, i) => ({ ruleId: rule.meta.id, status: STATUSES[(i * 7 + seed) % 4]!, severity: "blocker", scope: "host", message: "", evidence: [] }));
}
const idForm = (results: readonly RuleResult[]) => results.map((r) => `${r.ruleId}:${LETTER[r.status]}`).sort().join(",");
const idList = (ids: readonly string[]) => (ids.length === 0 ? "" : `,${ids.join(",")},`);
const idsWith = (results: readonly RuleResult[], status: ResultStatus) => results.filter((r) => r.status === status).map((r) => r.ruleId);

async function runMigration(): Promise<void> {
  await sqlExec(readFileSync(MIGRATION, "utf8"));
}

describe("the rule-codes migration (decision 025)", () => {
  it("rewrites rule ids to codes in Server and Evaluation rows; they read the same, as the app now writes them", async () => {
    const fleet = [1, 2, 3].map((seed) => ({ fqdn: `m${seed}.corp.contoso.com`, results: resultsOf(seed) }));
    for (const { fqdn, results } of fleet) {
      const server = await db().server.create({
        data: {
          fqdn,
          name: fqdn.split(".")[0]!.toUpperCase(),
          domain: "corp.contoso.com",
          statuses: idForm(results),
          blockingRules: idList(idsWith(results, "fail")),
          conditionRules: idList(idsWith(results, "waived").reverse()),
          unknownRules: idList(idsWith(results, "unknown")),
          unknownBlockers: "",
        },
      });
      await db().evaluation.create({
        data: { serverId: server.id, evaluatedAt: new Date(), rulesetVersion: "rs-old", verdict: "not-ready", confidenceStars: 2, statuses: `${idForm(results)},host-retired-rule:f`, cause: "ruleset" },
      });
    }
    await db().server.create({ data: { fqdn: "never.corp.contoso.com", name: "NEVER", domain: "corp.contoso.com" } });

    await runMigration();

    for (const { fqdn, results } of fleet) {
      const row = await db().server.findUniqueOrThrow({ where: { fqdn }, include: { evaluations: true } });
      expect(row.statuses).toBe(encodeStatuses(results));
      expect(row.statuses.length).toBeLessThan(idForm(results).length / 3);
      expect(row.blockingRules).toBe(delimitRuleIds(idsWith(results, "fail")));
      expect(undelimitRuleIds(row.conditionRules)).toEqual(idsWith(results, "waived").reverse());
      expect(undelimitRuleIds(row.unknownRules)).toEqual(idsWith(results, "unknown"));
      expect(row.unknownBlockers).toBe("");
      // A rule retired before the codes keeps its id, and reads back as it.
      expect(Object.fromEntries(decodeStatuses(row.evaluations[0]!.statuses))).toEqual({
        ...Object.fromEntries(results.map((r) => [r.ruleId, r.status])),
        "host-retired-rule": "fail",
      });
    }
    expect((await db().server.findUniqueOrThrow({ where: { fqdn: "never.corp.contoso.com" } })).statuses).toBe("");

    // The failing-rule filter finds the rewritten rows once decision 029's migration has listed their failing rules
    // (an upgrade runs both; on PostgreSQL the database then computes failingList).
    await sqlExec(ruleListFillSql("failingRules"));
    const failing = fleet.filter(({ results }) => results.find((r) => r.ruleId === "host-memory")!.status === "fail").map(({ fqdn }) => fqdn);
    expect(failing.length).toBeGreaterThan(0);
    const listed = (await listServers(serverFiltersSchema.parse({ rule: "host-memory", sort: "name" }))).servers.map((s) => s.fqdn);
    expect(listed).toEqual(failing.sort());

    // Applied again (a restored backup of a half-migrated database): nothing changes.
    const before = await db().server.findMany({ orderBy: { fqdn: "asc" } });
    await runMigration();
    expect(await db().server.findMany({ orderBy: { fqdn: "asc" } })).toEqual(before.map((row) => ({ ...row, updatedAt: expect.any(Date) })));
  });
});
