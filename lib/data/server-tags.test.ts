import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { generateFleet } from "@/lib/demo";
import { parseServerFilters } from "@/lib/views/server-filters";
import { DEMO_SEED, loadDemoFleet } from "./demo";
import { deleteUpload } from "./ingest/delete-upload";
import { ingestFile, type IngestResponse } from "./ingest/ingest-file";
import { databaseKind } from "./database-kind";
import { db } from "./db";
import { listServers } from "./servers";
import { sqlite } from "./sqlite/connection";
import { undelimitIds } from "./ingest/statuses";
import { clearTables, sqlAll, sqlGet } from "./test-sql";

// Tags live twice (decision 016): Server.tags, the display copy, and the copy the tag filter searches: on SQLite the
// ServerTag rows (the (tag, serverId) index), on PostgreSQL Server.tagList, an array the database computes from
// Server.tags (GIN index; decision 030), with no ServerTag rows. Real uploads, a real (throwaway) database (SQLite or
// PostgreSQL), the real list query.
const uploadedBy = { name: "admin@example.com" };
const HEADER = "FQDN,Collected At,Operating System,OS Version,Tags\n";

async function upload(name: string, rows: string[]): Promise<IngestResponse & { ok: true }> {
  const response = await ingestFile({ bytes: new TextEncoder().encode(HEADER + rows.join("\n") + "\n"), fileName: name, options: {}, uploadedBy });
  if (!response.ok) throw new Error(`${response.code}: ${response.message}`);
  if (response.status !== "committed") throw new Error(`${name}: ${response.status}`);
  return response;
}

const row = (fqdn: string, collectedAt: string, tags: string) => `${fqdn},${collectedAt},Windows Server 2022 Datacenter,10.0.20348,${tags}`;

/** FQDNs the servers list returns for ?tag=<tag> (every page), and its total. */
async function tagged(tag: string): Promise<string[]> {
  const parsed = parseServerFilters(new URLSearchParams({ tag, pageSize: "500", sort: "name" }));
  if (!parsed.success) throw parsed.error;
  const page = await listServers(parsed.data);
  expect(page.total).toBe(page.servers.length);
  return page.servers.map((server) => server.fqdn).sort();
}

/** Every server's tags as both copies hold them: the Server.tags text and the filter's copy joined the same way. */
async function bothCopies(): Promise<{ fqdn: string; tags: string; rows: string }[]> {
  const servers =
    databaseKind() === "postgres"
      ? (await sqlAll<{ fqdn: string; tags: string; tagList: string[] }>(`SELECT "fqdn", "tags", "tagList" FROM "Server" ORDER BY "fqdn"`)).map(({ fqdn, tags, tagList }) => ({ fqdn, tags, list: tagList }))
      : (await db().server.findMany({ select: { fqdn: true, tags: true, tagsRel: { select: { tag: true } } }, orderBy: { fqdn: "asc" } })).map(({ fqdn, tags, tagsRel }) => ({ fqdn, tags, list: tagsRel.map((row) => row.tag) }));
  return servers.map(({ fqdn, tags, list }) => {
    const rows = [...list].sort(); // code-unit order, as SQLite's ORDER BY tag
    return { fqdn, tags, rows: rows.length ? `,${rows.join(",")},` : "" };
  });
}

/** The two copies agree for every server, and no ServerTag row outlives its server (PostgreSQL keeps none at all). */
async function expectCopiesAgree(): Promise<void> {
  const copies = await bothCopies();
  expect(copies.filter((copy) => copy.tags !== copy.rows)).toEqual([]);
  const orphans = await sqlGet<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "ServerTag" t WHERE NOT EXISTS (SELECT 1 FROM "Server" s WHERE s."id" = t."serverId")`);
  expect(Number(orphans!.n)).toBe(0);
  if (databaseKind() === "postgres") expect(await db().serverTag.count()).toBe(0);
}

/** How many (server, tag) pairs the filter's copy holds. */
async function tagRowCount(): Promise<number> {
  if (databaseKind() === "sqlite") return db().serverTag.count();
  return Number((await sqlGet<{ n: number }>(`SELECT COALESCE(SUM(cardinality("tagList")), 0) AS "n" FROM "Server"`))!.n);
}

beforeEach(async () => {
  await clearTables(["Evaluation", "HostSnapshot", "FactSnapshot", "UploadEntry", "DomainEvaluation", "RuleSummary", "ReadinessSnapshot", "Server", "Upload"]);
});

describe("server tags", () => {
  it("filters by tag case-insensitively, through uploads that change tags and deletions that fall back", async () => {
    const older = await upload("older.csv", [
      row("web01.corp.contoso.com", "2026-11-01T10:00:00Z", "Pilot;TIER0;web;pilot"),
      row("app02.corp.contoso.com", "2026-11-01T10:00:00Z", "pilot"),
      row("bare03.corp.contoso.com", "2026-11-01T10:00:00Z", ""),
    ]);
    await expectCopiesAgree();
    expect((await bothCopies()).map((copy) => [copy.fqdn, copy.tags])).toEqual([
      ["app02.corp.contoso.com", ",pilot,"],
      ["bare03.corp.contoso.com", ""],
      ["web01.corp.contoso.com", ",pilot,tier0,web,"],
    ]);
    expect(await tagRowCount()).toBe(4);
    // Case-insensitive both ways: stored lower-case, the filter value lower-cased.
    expect(await tagged("PILOT")).toEqual(["app02.corp.contoso.com", "web01.corp.contoso.com"]);
    expect(await tagged("Tier0")).toEqual(["web01.corp.contoso.com"]);
    expect(await tagged("web")).toEqual(["web01.corp.contoso.com"]);
    // Whole tags only (the delimited LIKE matched whole tags too): no prefix, no substring.
    expect(await tagged("pil")).toEqual([]);
    expect(await tagged("tier")).toEqual([]);

    // A newer upload drops "pilot" and "web" from web01, keeps app02's tags as they were, tags bare03, adds db04.
    const newer = await upload("newer.csv", [
      row("web01.corp.contoso.com", "2026-11-05T10:00:00Z", "tier0"),
      row("app02.corp.contoso.com", "2026-11-05T10:00:00Z", "pilot"),
      row("bare03.corp.contoso.com", "2026-11-05T10:00:00Z", "DMZ"),
      row("db04.corp.contoso.com", "2026-11-05T10:00:00Z", "dmz;sql"),
    ]);
    await expectCopiesAgree();
    expect(await tagged("pilot")).toEqual(["app02.corp.contoso.com"]);
    expect(await tagged("tier0")).toEqual(["web01.corp.contoso.com"]);
    expect(await tagged("web")).toEqual([]);
    expect(await tagged("dmz")).toEqual(["bare03.corp.contoso.com", "db04.corp.contoso.com"]);

    // Older facts kept as history only change nothing.
    await upload("stale.csv", [row("web01.corp.contoso.com", "2026-10-01T10:00:00Z", "legacy")]);
    await expectCopiesAgree();
    expect(await tagged("legacy")).toEqual([]);

    // Deleting the newer upload: web01 and bare03 fall back to the older facts' tags, db04 (only there) goes.
    expect(await deleteUpload(newer.id!)).toBe(true);
    await expectCopiesAgree();
    expect(await tagged("pilot")).toEqual(["app02.corp.contoso.com", "web01.corp.contoso.com"]);
    expect(await tagged("dmz")).toEqual([]);
    expect(await tagged("sql")).toEqual([]);
    expect((await bothCopies()).find((copy) => copy.fqdn === "bare03.corp.contoso.com")?.tags).toBe("");

    // Deleting the rest removes every server and, by the cascade, every ServerTag row.
    expect(await deleteUpload(older.id!)).toBe(true);
    for (const { id } of await db().upload.findMany({ select: { id: true } })) expect(await deleteUpload(id)).toBe(true);
    expect(await bothCopies()).toEqual([]);
    expect(await tagRowCount()).toBe(0);
  });

  it("keeps the newest tags of a server seen several times in one file, and combines the tag filter with others", async () => {
    await upload("dupes.csv", [
      row("web01.corp.contoso.com", "2026-11-01T10:00:00Z", "old;pilot"),
      row("web01.corp.contoso.com", "2026-11-03T10:00:00Z", "new;pilot"),
      row("web01.corp.contoso.com", "2026-11-02T10:00:00Z", "middle"),
      row("app02.emea.contoso.com", "2026-11-03T10:00:00Z", "pilot"),
    ]);
    await expectCopiesAgree();
    expect(await tagged("new")).toEqual(["web01.corp.contoso.com"]);
    expect(await tagged("old")).toEqual([]);
    expect(await tagged("middle")).toEqual([]);
    const parsed = parseServerFilters(new URLSearchParams({ tag: "pilot", domain: "emea.contoso.com" }));
    if (!parsed.success) throw parsed.error;
    expect((await listServers(parsed.data)).servers.map((server) => server.fqdn)).toEqual(["app02.emea.contoso.com"]);
    // The list shows the display copy.
    expect((await listServers({ ...parsed.data, domain: undefined, fqdn: "web01.corp.contoso.com" })).servers[0]?.tags).toEqual(["new", "pilot"]);
  });

  // SQLite only: the data step belongs to a SQLite migration that added ServerTag to databases holding servers.
  // PostgreSQL's migrations start from the current schema (ServerTag in its first migration), with no such step.
  it.skipIf(databaseKind() === "postgres")("the migration's data step fills ServerTag from Server.tags", async () => {
    await upload("fleet.csv", [row("web01.corp.contoso.com", "2026-11-01T10:00:00Z", "pilot;tier0"), row("app02.corp.contoso.com", "2026-11-01T10:00:00Z", "")]);
    const db = sqlite();
    // As before the migration: only the Server.tags copy (one written before tags were lower-cased).
    db.prepare("DELETE FROM ServerTag").run();
    db.prepare("UPDATE Server SET tags = ',Pilot,tier0,' WHERE fqdn = 'web01.corp.contoso.com'").run();
    const sql = readFileSync(path.resolve("prisma/migrations/20261205063029_server_tags/migration.sql"), "utf8");
    const dataStep = sql.slice(sql.indexOf("INSERT OR IGNORE INTO"));
    db.exec(dataStep);
    expect(db.prepare("SELECT s.fqdn, t.tag FROM ServerTag t JOIN Server s ON s.id = t.serverId ORDER BY 1, 2").all()).toEqual([
      { fqdn: "web01.corp.contoso.com", tag: "pilot" },
      { fqdn: "web01.corp.contoso.com", tag: "tier0" },
    ]);
  });
});

describe("PostgreSQL's tag array (decision 030)", () => {
  it.skipIf(databaseKind() !== "postgres")("is each server's tags as the app splits them (Server.tags, computed by the database)", async () => {
    const cases = [",pilot,", ",pilot,web,tier-0,", "", ",ünïcode,with space,", ",a,b,c,d,e,f,g,h,"];
    for (const [i, tags] of cases.entries()) {
      await db().server.create({ data: { fqdn: `t${i}.corp.contoso.com`, name: `T${i}`, domain: "corp.contoso.com", tags } });
    }
    const rows = await sqlAll<{ fqdn: string; tags: string; tagList: string[] }>(`SELECT "fqdn", "tags", "tagList" FROM "Server" ORDER BY "fqdn"`);
    expect(rows.map((row) => row.tagList)).toEqual(rows.map((row) => undelimitIds(row.tags)));
    // An update of Server.tags moves the array with it, and the filter follows.
    await db().server.update({ where: { fqdn: "t0.corp.contoso.com" }, data: { tags: ",web," } });
    expect(await tagged("web")).toEqual(["t0.corp.contoso.com", "t1.corp.contoso.com"]);
    expect(await tagged("pilot")).toEqual(["t1.corp.contoso.com"]);
    expect(await db().serverTag.count()).toBe(0);
  });
});

describe("demo fleet tags", () => {
  it("loads every generated host's tags into both copies, and the filter finds exactly the tagged hosts", { timeout: 60_000 }, async () => {
    await loadDemoFleet({ servers: 300, uploadedBy });
    await expectCopiesAgree();
    const fleet = generateFleet({ servers: 300, seed: DEMO_SEED });
    const pilots = fleet.hosts.filter((host) => host.tags?.includes("pilot")).map((host) => host.identity?.fqdn?.toLowerCase()).sort();
    expect(pilots.length).toBeGreaterThan(10);
    expect(await tagged("pilot")).toEqual(pilots);
    expect(await tagRowCount()).toBe(fleet.hosts.reduce((sum, host) => sum + new Set(host.tags ?? []).size, 0));
  });
});
