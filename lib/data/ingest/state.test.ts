import { beforeEach, describe, expect, it } from "vitest";
import type { FleetFacts } from "@/lib/facts";
import { generateFleet } from "@/lib/demo";
import { toInventoryCsv } from "@/lib/demo/exports";
import { clearTables, sqlAll, sqlRun } from "../test-sql";
import { flag, inWriteTx } from "../write-tx";
import { ingestFile } from "./ingest-file";
import { compareBinary, loadContextState } from "./state";

// The fleet facts an evaluation reads (agent hosts per domain), counted in the database, on SQLite or PostgreSQL: the
// same as building them from every server's row.
const TABLES = ["Evaluation", "HostSnapshot", "FactSnapshot", "DomainEvaluation", "RuleSummary", "ReadinessSnapshot", "Attestation", "ServerTag", "Server", "Upload"];

/** The reference: every server with agent data, sorted, folded into per-domain entries. */
async function fleetFromEveryRow(): Promise<FleetFacts> {
  const rows = (await sqlAll<{ domain: string; fqdn: string; agentInstalled: unknown }>(`SELECT "domain", "fqdn", "agentInstalled" FROM "Server" WHERE "domain" <> '' AND "agentInstalled" IS NOT NULL`)).sort(
    (a, b) => compareBinary(a.domain, b.domain) || compareBinary(a.fqdn, b.fqdn),
  );
  const domains = new Map<string, { agentHosts: string[]; hostsWithAgentData: number }>();
  for (const row of rows) {
    const entry = domains.get(row.domain) ?? { agentHosts: [], hostsWithAgentData: 0 };
    domains.set(row.domain, entry);
    entry.hostsWithAgentData++;
    if (flag(row.agentInstalled) === 1) entry.agentHosts.push(row.fqdn);
  }
  return { domains: Object.fromEntries(domains) };
}

beforeEach(async () => {
  await clearTables(TABLES);
});

describe("loadContextState's fleet facts", () => {
  it("count each domain's hosts with agent data and list its agent hosts, as every row would", async () => {
    const hosts = generateFleet({ servers: 400, seed: "fleet-facts", domains: ["corp.contoso.com", "emea.contoso.com", "fabrikam.com"] }).hosts;
    const response = await ingestFile({ bytes: new TextEncoder().encode(toInventoryCsv(hosts)), fileName: "fleet.csv", options: {}, uploadedBy: { name: "admin" } });
    expect(response.ok && response.status).toBe("committed");

    const { fleet } = await inWriteTx((tx) => loadContextState(tx));
    expect(fleet).toEqual(await fleetFromEveryRow());
    const domains = Object.entries(fleet.domains ?? {});
    expect(domains.map(([domain]) => domain)).toEqual(["corp.contoso.com", "emea.contoso.com", "fabrikam.com"]);
    expect(domains.some(([, entry]) => entry.agentHosts.length > 0)).toBe(true); // not a vacuous comparison
  });

  it("keeps a hostile domain name as plain data: no object of the process gains a property", async () => {
    const at = "2026-12-01T00:00:00.000+00:00";
    await sqlRun(`INSERT INTO "Server" ("id", "fqdn", "name", "domain", "agentInstalled", "updatedAt") VALUES ('s1', 'x.__proto__', 'X', '__proto__', TRUE, ?)`, at);
    await sqlRun(`INSERT INTO "FactSnapshot" ("id", "kind", "subject", "collectedAt", "factsJson") VALUES ('d1', 'domain', '__proto__', ?, '{"dnsName":"__proto__"}')`, at);
    await sqlRun(`INSERT INTO "FactSnapshot" ("id", "kind", "subject", "collectedAt", "factsJson") VALUES ('a1', 'gmsa-acl', '__proto__|dc=__proto__', ?, '{"targetDn":"DC=__proto__"}')`, at);
    const state = await inWriteTx((tx) => loadContextState(tx));
    expect(({} as Record<string, unknown>).domain).toBeUndefined();
    expect(({} as Record<string, unknown>).acl).toBeUndefined();
    expect(Object.getPrototypeOf(state.fleet.domains)).toBe(Object.prototype);
    expect(Object.hasOwn(state.fleet.domains ?? {}, "__proto__")).toBe(true);
    expect(state.fleet.domains?.["__proto__"]).toEqual({ agentHosts: ["x.__proto__"], hostsWithAgentData: 1 });
    expect(Object.hasOwn(state.domains, "__proto__")).toBe(true);
    expect(state.domains["__proto__"]?.domain).toMatchObject({ dnsName: "__proto__" });
    expect(state.domains["__proto__"]?.acl).toMatchObject({ targetDn: "DC=__proto__" });
    expect(state.aclExports["__proto__"]).toHaveLength(1);
  });
});
