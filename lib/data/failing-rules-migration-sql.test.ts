import { describe, expect, it } from "vitest";
import { RULES, type ResultStatus, type RuleResult } from "@/lib/rules";
import { serverFiltersSchema } from "@/lib/views/server-filters";
import { db } from "./db";
import { ruleCode } from "./ingest/rule-codes";
import { encodeStatuses, failingRulesOf, waivedRulesOf } from "./ingest/statuses";
import { listServers } from "./servers";
import { ruleListFillSql, sqlExec } from "./test-sql";

// Decision 029's data migrations on whichever database the matrix runs: servers stored before Server.failingRules and
// Server.waivedRules existed get the lists their statuses give, byte for byte what the app writes (failingRulesOf,
// waivedRulesOf), and the failing-rule filter finds them (on PostgreSQL through the failingList computed from it).

const STATUSES: readonly ResultStatus[] = ["pass", "fail", "unknown", "waived"];
function resultsOf(seed: number): RuleResult[] {
  return RULES.map((rule, i) => ({ ruleId: rule.meta.id, status: STATUSES[(i * 5 + seed) % 4]!, severity: "blocker", scope: "host", message: "", evidence: [] }));
}

describe("the failing- and waived-rules migrations (decision 029)", () => {
  it("derives failingRules from every stored server's statuses, as the app writes it", async () => {
    const fleet = [1, 2, 3].map((seed) => ({ fqdn: `f${seed}.corp.contoso.com`, statuses: encodeStatuses(resultsOf(seed)) }));
    const odd = [
      { fqdn: "none.corp.contoso.com", statuses: "" },
      { fqdn: "passing.corp.contoso.com", statuses: encodeStatuses(RULES.slice(0, 5).map((rule) => ({ ruleId: rule.meta.id, status: "pass", severity: "blocker", scope: "host", message: "", evidence: [] }))) },
      // A rule without a code (retired, or newer than the codes) is stored by its id; first, middle and last entries.
      { fqdn: "uncoded.corp.contoso.com", statuses: "0a:f,host-retired-rule:f,zz-rule:p,zz-tail:f,zz-waived:w" },
    ];
    for (const { fqdn, statuses } of [...fleet, ...odd]) {
      await db().server.create({ data: { fqdn, name: fqdn.split(".")[0]!.toUpperCase(), domain: "corp.contoso.com", statuses } });
    }
    expect(fleet.every(({ statuses }) => failingRulesOf(statuses).length > 0)).toBe(true);

    await sqlExec(ruleListFillSql("failingRules"));
    await sqlExec(ruleListFillSql("waivedRules"));

    for (const { fqdn, statuses } of [...fleet, ...odd]) {
      const row = await db().server.findUniqueOrThrow({ where: { fqdn } });
      expect(row.failingRules).toBe(failingRulesOf(statuses));
      expect(row.waivedRules).toBe(waivedRulesOf(statuses));
    }
    expect(fleet.every(({ statuses }) => waivedRulesOf(statuses).length > 0)).toBe(true);
    const uncoded = await db().server.findUniqueOrThrow({ where: { fqdn: "uncoded.corp.contoso.com" } });
    expect(uncoded.failingRules).toBe(",0a,host-retired-rule,zz-tail,");
    expect(uncoded.waivedRules).toBe(",zz-waived,");
    expect((await db().server.findUniqueOrThrow({ where: { fqdn: "none.corp.contoso.com" } })).failingRules).toBe("");

    // The failing-rule filter finds the migrated rows.
    const rule = RULES[3]!.meta.id;
    const failing = fleet.filter(({ statuses }) => failingRulesOf(statuses).includes(`,${ruleCode(rule)},`));
    expect(failing.length).toBeGreaterThan(0);
    const listed = (await listServers(serverFiltersSchema.parse({ rule, sort: "name" }))).servers.map((s) => s.fqdn);
    expect(listed).toEqual(failing.map(({ fqdn }) => fqdn).sort());
    expect((await listServers(serverFiltersSchema.parse({ rule: "host-retired-rule" }))).servers.map((s) => s.fqdn)).toEqual(["uncoded.corp.contoso.com"]);

    // Applied again: nothing changes.
    const before = await db().server.findMany({ orderBy: { fqdn: "asc" } });
    await sqlExec(ruleListFillSql("failingRules"));
    await sqlExec(ruleListFillSql("waivedRules"));
    expect(await db().server.findMany({ orderBy: { fqdn: "asc" } })).toEqual(before);
  });
});
