import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { generateFleet } from "@/lib/demo";
import { fleetContextFiles, toInventoryCsv } from "@/lib/demo/exports";
import { env } from "@/lib/env";
import { createApiToken } from "../api-tokens";
import { db } from "../db";
import { ingestFile } from "../ingest/ingest-file";
import { sqlitePathFromUrl } from "../migrations/apply-migrations.mjs";
import { applyPostgresMigrations } from "../migrations/apply-postgres-migrations.mjs";
import { postgresBinDir, startThrowawayPostgres } from "../migrations/pg-throwaway.mjs";
import { sqlite } from "../sqlite/connection";
import { createUser } from "../users";
import { copySqliteToPostgres, toPostgresValue } from "./copy-to-postgres";

describe("toPostgresValue", () => {
  it("turns SQLite's 0/1 into booleans and its ISO text into UTC wall time, and leaves the rest", () => {
    expect(toPostgresValue(1, { name: "b", type: "boolean" })).toBe(true);
    expect(toPostgresValue(0, { name: "b", type: "boolean" })).toBe(false);
    expect(toPostgresValue("2026-11-25T01:09:24.600+00:00", { name: "t", type: "timestamp without time zone" })).toBe("2026-11-25 01:09:24.600");
    expect(toPostgresValue("2026-11-25T03:09:24.600+02:00", { name: "t", type: "timestamp without time zone" })).toBe("2026-11-25 01:09:24.600");
    expect(toPostgresValue(1764032964600, { name: "t", type: "timestamp without time zone" })).toBe("2025-11-25 01:09:24.600");
    expect(() => toPostgresValue("yesterday", { name: "t", type: "timestamp without time zone" })).toThrow(/column t: "yesterday" is not a date-time/);
    expect(toPostgresValue(null, { name: "x", type: "boolean" })).toBeNull();
    expect(toPostgresValue("text", { name: "x", type: "text" })).toBe("text");
    expect(toPostgresValue(0.25, { name: "x", type: "double precision" })).toBe(0.25);
  });
});

// A real SQLite database filled through the ingest path, copied into a real PostgreSQL (a throwaway cluster) migrated
// by Prisma's engine: nothing mocked.
// The source is this test file's SQLite database: under the PostgreSQL matrix (CSR_TEST_DB=postgres) there is none.
describe.skipIf((postgresBinDir() === null && !process.env.CI) || process.env.CSR_TEST_DB === "postgres")("copySqliteToPostgres (npm run admin -- copy-to)", () => {
  let cluster: Awaited<ReturnType<typeof startThrowawayPostgres>>;
  const sqliteFile = () => sqlitePathFromUrl(env().DATABASE_URL);

  async function migratedDatabase(name: string): Promise<string> {
    const url = await cluster.createDatabase(name);
    await applyPostgresMigrations({ url });
    return url;
  }

  async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
    const fleet = generateFleet({ servers: 60, seed: "copy-to" });
    const encoder = new TextEncoder();
    for (const file of [...fleetContextFiles(fleet), { name: "hosts.csv", text: toInventoryCsv(fleet.hosts) }]) {
      const response = await ingestFile({ bytes: encoder.encode(file.text), fileName: file.name, options: {}, uploadedBy: { name: "test" } });
      if (!response.ok) throw new Error(`${file.name}: ${response.message}`);
    }
    const user = await createUser({ email: "copy@example.com", name: "Copy", role: "admin", password: "copy-password-123" }, SYSTEM_ACTOR);
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date("2026-12-01T08:30:00.123Z") } });
    await createApiToken({ name: "copy", role: "viewer", createdById: user.id }, SYSTEM_ACTOR);
  }, 120_000);

  afterAll(() => cluster?.stop());

  it("copies every table, row for row, with booleans and date-times intact, and verifies the counts", async () => {
    const url = await migratedDatabase("copy");
    const lines: string[] = [];
    const report = await copySqliteToPostgres(sqliteFile(), url, (line) => lines.push(line));
    const tables = sqlite().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").pluck().all() as string[];
    expect(report.tables.map((table) => table.name).sort()).toEqual([...tables].sort());
    for (const { name, rows } of report.tables) {
      expect(rows, name).toBe(sqlite().prepare(`SELECT COUNT(*) FROM "${name}"`).pluck().get());
      if (name === "ServerTag") continue; // below: PostgreSQL keeps the tags as Server.tagList
      const [{ n }] = await query<{ n: string }>(url, `SELECT COUNT(*) AS n FROM "${name}"`);
      expect(Number(n), name).toBe(rows);
    }
    expect(report.tables.find((table) => table.name === "Server")?.rows).toBe(60);
    // ServerTag (decision 030): no rows on PostgreSQL; each server's tags are its tagList, the same pairs.
    expect(report.tables.find((table) => table.name === "ServerTag")?.rows).toBeGreaterThan(0);
    expect(await query(url, `SELECT 1 FROM "ServerTag"`)).toEqual([]);
    const pairs = (sqlite().prepare(`SELECT s.fqdn || ' ' || t.tag FROM "ServerTag" t JOIN "Server" s ON s.id = t."serverId"`).pluck().all() as string[]).sort();
    const copiedPairs = (await query<{ pair: string }>(url, `SELECT s.fqdn || ' ' || t AS pair FROM "Server" s, unnest(s."tagList") AS t`)).map((row) => row.pair).sort();
    expect(copiedPairs).toEqual(pairs);
    expect(lines).toHaveLength(tables.length);
    // Parents before children: Upload before HostSnapshot, User before Session/ApiToken.
    const order = report.tables.map((table) => table.name);
    expect(order.indexOf("Upload")).toBeLessThan(order.indexOf("HostSnapshot"));
    expect(order.indexOf("Server")).toBeLessThan(order.indexOf("Evaluation"));
    expect(order.indexOf("User")).toBeLessThan(order.indexOf("ApiToken"));

    const user = await db().user.findUniqueOrThrow({ where: { email: "copy@example.com" } });
    // node-postgres reads a timestamp without time zone as local time: compare the wall-clock text instead.
    const [text] = await query<{ created: string; disabled: string }>(url, `SELECT to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS created, to_char("disabledAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS disabled FROM "User" WHERE email = 'copy@example.com'`);
    expect(`${text.created}Z`).toBe(user.createdAt.toISOString());
    expect(`${text.disabled}Z`).toBe("2026-12-01T08:30:00.123Z");
    const agents = sqlite().prepare("SELECT agentInstalled AS installed, COUNT(*) AS n FROM Server GROUP BY agentInstalled ORDER BY agentInstalled").all() as { installed: number | null; n: number }[];
    const copiedAgents = await query<{ installed: boolean | null; n: string }>(url, `SELECT "agentInstalled" AS installed, COUNT(*) AS n FROM "Server" GROUP BY "agentInstalled" ORDER BY "agentInstalled" NULLS FIRST`);
    expect(copiedAgents.map((row) => ({ installed: row.installed, n: Number(row.n) }))).toEqual(agents.map((row) => ({ installed: row.installed === null ? null : row.installed === 1, n: row.n })));
    const server = sqlite().prepare("SELECT fqdn, factsJson, verdict, confidenceShare FROM Server ORDER BY fqdn LIMIT 1").get() as { fqdn: string; factsJson: string; verdict: string; confidenceShare: number };
    const [same] = await query<{ factsJson: string; verdict: string; confidenceShare: number }>(url, `SELECT "factsJson", verdict, "confidenceShare" FROM "Server" WHERE fqdn = '${server.fqdn}'`);
    expect(same).toEqual({ factsJson: server.factsJson, verdict: server.verdict, confidenceShare: server.confidenceShare });
    // Server.failingList is not copied: PostgreSQL computes it from the copied failingRules (decisions 021 and 029).
    const [computed] = await query<{ mismatched: string; failing: string }>(
      url,
      `SELECT COUNT(*) FILTER (WHERE "failingList" IS DISTINCT FROM string_to_array(btrim("failingRules", ','), ',')) AS mismatched, COUNT(*) FILTER (WHERE cardinality("failingList") > 0) AS failing FROM "Server"`,
    );
    expect(Number(computed.mismatched)).toBe(0);
    expect(Number(computed.failing)).toBe((sqlite().prepare(`SELECT COUNT(*) AS n FROM Server WHERE failingRules <> ''`).get() as { n: number }).n);
    expect(Number(computed.failing)).toBeGreaterThan(0);
  }, 120_000);

  it("refuses a database that already holds data, and one whose schema is not this version's", async () => {
    const url = await migratedDatabase("twice");
    await copySqliteToPostgres(sqliteFile(), url);
    await expect(copySqliteToPostgres(sqliteFile(), url)).rejects.toThrow(/already holds data \(.*User.*\): copy-to only fills an empty database/);

    const bare = await cluster.createDatabase("bare");
    await expect(copySqliteToPostgres(sqliteFile(), bare)).rejects.toThrow(/schema does not match this version's \(table .* is missing.*Apply this version's migrations/);
  }, 120_000);

  it("runs as `npm run admin -- copy-to <url>` on an empty database: migrates it, copies, prints the counts", async () => {
    const url = await cluster.createDatabase("cli");
    const result = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/admin.ts", "copy-to", url], {
      encoding: "utf8",
      env: { ...process.env },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Applied \d+ PostgreSQL migration\(s\) to the target\./);
    expect(result.stdout).toMatch(/^Server\t60$/m);
    expect(result.stdout).toMatch(/^copied \d+ rows in \d+ tables in [\d.]+ s; counts verified$/m);
    const again = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/admin.ts", "copy-to", url], { encoding: "utf8" });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already holds data");
  }, 120_000);

  it("keeps nothing when an insert fails half-way (one transaction)", async () => {
    const url = await migratedDatabase("fails");
    // The last table to be filled refuses its rows: everything copied before it must be rolled back.
    await query(url, `CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$ LANGUAGE plpgsql`);
    await query(url, `CREATE TRIGGER refuse BEFORE INSERT ON "Evaluation" FOR EACH ROW EXECUTE FUNCTION refuse()`);
    await expect(copySqliteToPostgres(sqliteFile(), url)).rejects.toThrow(/The copy to PostgreSQL failed: refused by test\. Nothing was kept\./);
    for (const table of ["User", "Upload", "Server", "HostSnapshot", "Evaluation"]) {
      const [{ n }] = await query<{ n: string }>(url, `SELECT COUNT(*) AS n FROM "${table}"`);
      expect(Number(n), table).toBe(0);
    }
  }, 120_000);
});
