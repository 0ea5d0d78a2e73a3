import { describe, expect, it } from "vitest";
import { serverFiltersSchema } from "@/lib/views/server-filters";
import { databaseKind } from "./database-kind";
import { db } from "./db";
import type { ResultStatus } from "@/lib/rules";
import { statusEntry } from "./ingest/statuses";
import { listServers } from "./servers";
import { withRuleLists } from "./test-sql";

// The servers list's failing-rule and search filters on whichever database the matrix runs (SQLite, or PostgreSQL
// under `npm run test:pg`, where the failing-rule filter uses Server.failingList's GIN index: decisions 021 and 029).
// Servers are seeded through Prisma, with the rule lists the evaluation writes beside `statuses`.
const fqdnsOf = async (query: Record<string, string>) =>
  (await listServers(serverFiltersSchema.parse({ sort: "name", ...query }))).servers.map((server) => server.fqdn);

describe("servers list filters", () => {
  it("finds servers failing a rule (first, middle or last in the statuses; not a rule whose id it prefixes; not waived)", async () => {
    await db().server.createMany({
      data: [
        { fqdn: "a.corp.contoso.com", name: "A", domain: "corp.contoso.com", ...withRuleLists("host-tls:f,host-tls12:p,zeta:u") },
        { fqdn: "b.corp.contoso.com", name: "B", domain: "corp.contoso.com", ...withRuleLists("alpha:f,host-tls:p") },
        { fqdn: "c.corp.contoso.com", name: "C", domain: "corp.contoso.com", ...withRuleLists("alpha:p,host-tls:w") },
        { fqdn: "d.corp.contoso.com", name: "D", domain: "corp.contoso.com", ...withRuleLists("alpha:u,host-tls12:f") },
        { fqdn: "e.corp.contoso.com", name: "E", domain: "corp.contoso.com", ...withRuleLists("") },
        { fqdn: "f.corp.contoso.com", name: "F", domain: "corp.contoso.com", ...withRuleLists("alpha:p,host-tls:u,zeta:f") },
      ],
    });
    expect(await fqdnsOf({ rule: "host-tls" })).toEqual(["a.corp.contoso.com"]);
    expect(await fqdnsOf({ rule: "host-tls12" })).toEqual(["d.corp.contoso.com"]);
    expect(await fqdnsOf({ rule: "alpha" })).toEqual(["b.corp.contoso.com"]);
    expect(await fqdnsOf({ rule: "zeta" })).toEqual(["f.corp.contoso.com"]);
    expect(await fqdnsOf({ rule: "host" })).toEqual([]);
    expect((await listServers(serverFiltersSchema.parse({ rule: "host-tls" }))).total).toBe(1);

    // A new evaluation rewrites both columns; the filter follows (on PostgreSQL the database recomputes failingList).
    await db().server.update({ where: { fqdn: "c.corp.contoso.com" }, data: withRuleLists("alpha:p,host-tls:f") });
    await db().server.update({ where: { fqdn: "a.corp.contoso.com" }, data: withRuleLists("host-tls:p,host-tls12:p,zeta:u") });
    expect(await fqdnsOf({ rule: "host-tls" })).toEqual(["c.corp.contoso.com"]);
    expect(await fqdnsOf({ rule: "host-tls", domain: "corp.contoso.com", readiness: "unknown" })).toEqual(["c.corp.contoso.com"]);
  });

  it("finds servers failing a registered rule by its stored code, not a rule whose code shares a character", async () => {
    const stored = (...entries: [string, ResultStatus][]) => entries.map(([ruleId, status]) => statusEntry(ruleId, status)).sort().join(",");
    await db().server.createMany({
      data: [
        { fqdn: "port-a.corp.contoso.com", name: "PORT-A", domain: "corp.contoso.com", ...withRuleLists(stored(["host-port-80", "fail"], ["host-port-8080", "pass"])) },
        { fqdn: "port-b.corp.contoso.com", name: "PORT-B", domain: "corp.contoso.com", ...withRuleLists(stored(["host-port-8080", "fail"], ["host-memory", "pass"])) },
        { fqdn: "port-c.corp.contoso.com", name: "PORT-C", domain: "corp.contoso.com", ...withRuleLists(stored(["host-memory", "waived"], ["host-port-80", "pass"])) },
      ],
    });
    expect(statusEntry("host-port-80", "fail")).toMatch(/^[0-9a-z]{2}:f$/);
    expect(await fqdnsOf({ rule: "host-port-80" })).toEqual(["port-a.corp.contoso.com"]);
    expect(await fqdnsOf({ rule: "host-port-8080" })).toEqual(["port-b.corp.contoso.com"]);
    expect(await fqdnsOf({ rule: "host-memory" })).toEqual([]);
  });

  it("searches FQDN and name case-insensitively, anywhere in them", async () => {
    await db().server.createMany({
      data: [
        { fqdn: "srv-ams-14339.corp.contoso.com", name: "SRV-AMS-14339", domain: "corp.contoso.com" },
        { fqdn: "srv-ams-2201.corp.contoso.com", name: "SRV-AMS-2201", domain: "corp.contoso.com" },
        { fqdn: "web01.fabrikam.com", name: "LEGACYWEB", domain: "fabrikam.com" },
      ],
    });
    expect(await fqdnsOf({ q: "ams-14" })).toEqual(["srv-ams-14339.corp.contoso.com"]);
    expect(await fqdnsOf({ q: "AMS" })).toEqual(["srv-ams-14339.corp.contoso.com", "srv-ams-2201.corp.contoso.com"]);
    expect(await fqdnsOf({ q: "legacy" })).toEqual(["web01.fabrikam.com"]);
    expect(await fqdnsOf({ q: "x" })).toEqual([]);
    expect(await fqdnsOf({ q: "50%" })).toEqual([]);
  });
});

// The PostgreSQL side (decisions 021 and 029): failingList is computed by the database, and the planner answers a
// selective failing-rule filter from its GIN index (docs/decisions/021 has the 50,000-server plans).
describe.skipIf(databaseKind() !== "postgres")("PostgreSQL list-filter indexes", () => {
  it("computes failingList from failingRules and refuses writes to it", async () => {
    await db().server.create({ data: { fqdn: "g.corp.contoso.com", name: "G", domain: "corp.contoso.com", ...withRuleLists("alpha:f,beta:p,gamma:f") } });
    await db().server.create({ data: { fqdn: "h.corp.contoso.com", name: "H", domain: "corp.contoso.com", ...withRuleLists("alpha:p") } });
    const rows = await db().$queryRawUnsafe<{ fqdn: string; failingList: string[] }[]>(`SELECT "fqdn", "failingList" FROM "Server" WHERE "fqdn" IN ('g.corp.contoso.com', 'h.corp.contoso.com') ORDER BY "fqdn"`);
    expect(rows).toEqual([
      { fqdn: "g.corp.contoso.com", failingList: ["alpha", "gamma"] },
      { fqdn: "h.corp.contoso.com", failingList: [] },
    ]);
    await expect(db().$executeRawUnsafe(`UPDATE "Server" SET "failingList" = ARRAY['x'] WHERE "fqdn" = 'g.corp.contoso.com'`)).rejects.toThrow(/failingList/);
  });

  it("answers a selective failing-rule filter from the GIN index", async () => {
    // 5,000 servers, 1 in 500 failing bulk-rule: the planner's own choice is then the GIN index.
    await db().$executeRawUnsafe(`
      INSERT INTO "Server" ("id", "fqdn", "name", "domain", "statuses", "failingRules", "updatedAt")
      SELECT 'plan-' || i, 'srv-' || i || '.corp.contoso.com', 'SRV-' || i, 'corp.contoso.com',
             'alpha:p,bulk-rule:' || CASE WHEN i % 500 = 0 THEN 'f' ELSE 'p' END || ',zeta:f',
             CASE WHEN i % 500 = 0 THEN ',bulk-rule,zeta,' ELSE ',zeta,' END, now()
      FROM generate_series(1, 5000) AS i`);
    // VACUUM also moves the new rows from the GIN index's pending list into the index (autovacuum does that after a
    // large upload).
    await db().$executeRawUnsafe(`VACUUM ANALYZE "Server"`);
    const plan = async (where: string) => {
      const rows = await db().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT COUNT(*) FROM "Server" WHERE ${where}`);
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    };
    expect(await plan(`"failingList" @> ARRAY['bulk-rule']`)).toContain("Bitmap Index Scan on \"Server_failingList_idx\"");
    expect(await fqdnsOf({ rule: "bulk-rule" })).toHaveLength(10);
    expect(await fqdnsOf({ q: "4321" })).toEqual(["srv-4321.corp.contoso.com"]);
  });
});
