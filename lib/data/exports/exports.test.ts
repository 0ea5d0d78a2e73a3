import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { parseServerFilters, type ServerFilters } from "@/lib/views/server-filters";
import { loadDemoFleet } from "../demo";
import { ingestFile } from "../ingest/ingest-file";
import { updateServerRollout } from "../rollout/server-rollout";
import { createWave } from "../rollout/waves";
import { db } from "../db";
import { listServers } from "../servers";
import { decodeStatuses } from "../ingest/statuses";
import { countExportResults, iterateExportResults } from "./result-rows";
import { countExportServers, iterateExportServers } from "./server-rows";

// The exports against the real demo fleet (real upload path, real rules, throwaway SQLite): same servers and
// order as the list, one result row per server and applicable rule, statuses equal to the stored ones.

function filters(query: string): ServerFilters {
  const parsed = parseServerFilters(new URLSearchParams(query));
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

async function listed(query: string): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page += 1) {
    const result = await listServers(filters(`${query}&pageSize=500&page=${page}`));
    out.push(...result.servers.map((s) => s.fqdn));
    if (out.length >= result.total || result.servers.length === 0) return out;
  }
}

async function exported(query: string, batch: number): Promise<string[]> {
  const out: string[] = [];
  for await (const rows of iterateExportServers(filters(query), batch)) out.push(...rows.map((row) => row.server.fqdn));
  return out;
}

beforeAll(async () => {
  await loadDemoFleet({ servers: 300, uploadedBy: { name: "demo@example.com" } });
  const csv =
    "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain,Site,Owner,Tags\n" +
    "SRV-MÜNCHEN-01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,munich.example.com,東京,\"=cmd|' /C calc'!A0\",\"+x, @y\"\n";
  const seeded = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName: "munich.csv", options: {}, uploadedBy: { name: "test" } });
  if (!seeded.ok) throw new Error(seeded.message);
  // A few servers in waves (and most in none), so the wave and target sorts meet NULLs and ties.
  const wave = await createWave({ name: "Pilot", description: "" }, SYSTEM_ACTOR);
  const second = await createWave({ name: "Wave 2", description: "" }, SYSTEM_ACTOR);
  const some = (await listServers(filters("sort=name&pageSize=40"))).servers;
  for (const [index, server] of some.entries()) {
    await updateServerRollout(
      server.fqdn,
      { version: server.rollout.version, waveId: index % 2 ? wave.id : second.id, ...(index % 3 ? { targetDate: `2026-12-${String(10 + (index % 5)).padStart(2, "0")}` } : {}) },
      SYSTEM_ACTOR,
    );
  }
});

describe("servers export", () => {
  it.each([
    "",
    "sort=name&dir=desc",
    "sort=os",
    "sort=collected&dir=desc",
    "sort=confidence",
    "sort=wave",
    "sort=wave&dir=desc",
    "sort=target",
    "sort=target&dir=desc",
    "sort=rollout&dir=desc",
    "sort=domain",
    "readiness=not-ready",
    "wave=any&sort=name",
  ])("streams the same servers in the same order as the list (%s), batch after batch", async (query) => {
    const expected = await listed(query);
    expect(expected.length).toBeGreaterThan(0);
    expect(await exported(query, 7)).toEqual(expected);
    expect(await countExportServers(filters(query))).toBe(expected.length);
  });

  it("puts servers without a target date (NULL) first ascending and last descending, on both databases", async () => {
    // PostgreSQL's own default is the opposite; the list and the export ask for SQLite's placement explicitly.
    const targets = new Map((await db().server.findMany({ select: { fqdn: true, rolloutTargetDate: true } })).map((row) => [row.fqdn, row.rolloutTargetDate]));
    const withDate = [...targets.values()].filter((date) => date !== null).length;
    expect(withDate).toBeGreaterThan(0);
    expect(withDate).toBeLessThan(targets.size);
    const ascending = (await listed("sort=target")).map((fqdn) => targets.get(fqdn) !== null);
    expect(ascending).toEqual([...Array<boolean>(targets.size - withDate).fill(false), ...Array<boolean>(withDate).fill(true)]);
    const descending = (await listed("sort=target&dir=desc")).map((fqdn) => targets.get(fqdn) !== null);
    expect(descending).toEqual([...Array<boolean>(withDate).fill(true), ...Array<boolean>(targets.size - withDate).fill(false)]);
  });

  it("ignores the list's page and page size", async () => {
    expect((await exported("page=3&pageSize=10", 100)).length).toBe(301);
  });
});

describe("results export", () => {
  it("has one row per server and applicable rule, with the stored status of each", async () => {
    const query = "domain=munich.example.com";
    const stored = await db().server.findMany({ select: { fqdn: true, statuses: true } });
    const expected = new Map(stored.map((row) => [row.fqdn, [...decodeStatuses(row.statuses)].map(([ruleId, status]) => `${ruleId}:${status}`)]));
    const seen = new Map<string, string[]>();
    for await (const rows of iterateExportResults(filters(""), 50)) {
      for (const row of rows) {
        seen.set(row.fqdn, [...(seen.get(row.fqdn) ?? []), `${row.ruleId}:${row.status}`]);
      }
    }
    expect(seen.size).toBe(301);
    let total = 0;
    for (const [fqdn, statuses] of seen) {
      expect(statuses.sort()).toEqual(expected.get(fqdn)!.sort());
      total += statuses.length;
    }
    expect(await countExportResults(filters(""))).toBe(total);
    expect(await countExportResults(filters(query))).toBe(expected.get([...expected.keys()].find((f) => f.includes("munich"))!)!.length);
  });

  it("writes evidence compactly and names each rule", async () => {
    const rows = [];
    for await (const batch of iterateExportResults(filters("domain=munich.example.com"))) rows.push(...batch);
    const memory = rows.find((row) => row.ruleId === "host-memory");
    expect(memory).toMatchObject({ scope: "host", status: "pass", ruleTitle: expect.any(String) });
    expect(memory!.evidence).toMatch(/^host\.memory\.totalPhysicalBytes = \d+/);
  });
});
