// RAW SQL (SQLite and PostgreSQL): a read-only consistency check of the stored fleet, for the multi-instance test
// (scripts/test-multi-instance.ts) and for diagnosing an installation after a crash. It opens its own connection from
// a URL (never the app's pooled one), so a harness can run it against a database that servers are using.
//
// What it checks (every upload commits all of its rows or none, and the derived tables follow the servers):
// - every Upload has its snapshots: a host inventory one HostSnapshot per accepted record, any other upload at least
//   one HostSnapshot or FactSnapshot; no snapshot points to a missing upload; every Server has a HostSnapshot;
// - RuleSummary equals a recount from Server.statuses and Server.blockingRules (lib/data/ingest/statuses.ts);
// - the latest ReadinessSnapshot's counts equal the Server verdict counts;
// - optionally, that given files (by sha256) and domains left no trace: no Upload, no snapshot, no Server.
import Database from "better-sqlite3";
import pg from "pg";
import { decodeStatuses, failingRulesOf, undelimitRuleIds, waivedRulesOf } from "./ingest/statuses";
import { databaseKindOf } from "./database-url.mjs";
import { sqlitePathFromUrl } from "./migrations/apply-migrations.mjs";
import { numbered } from "./postgres/sql";

type Row = Record<string, unknown>;
type Query = (sql: string, params?: readonly unknown[]) => Promise<Row[]>;

export interface ConsistencyOptions {
  /** sha256 (hex) of files that must not be stored (e.g. one whose upload was killed mid-commit). */
  absentSha256?: readonly string[];
  /** Domains no server may be in (the servers only an absent file described). */
  absentDomains?: readonly string[];
}

export interface ConsistencyReport {
  /** One precise sentence per violated invariant; empty when consistent. */
  problems: string[];
  counts: { uploads: number; servers: number; hostSnapshots: number; factSnapshots: number; users: number; readinessSnapshots: number };
  verdicts: Record<string, number>;
}

const VERDICT_COLUMNS = { ready: "ready", conditions: "ready-with-conditions", notReady: "not-ready", unknown: "unknown" } as const;
const SUMMARY_FIELDS = ["pass", "fail", "unknown", "waived", "blocking"] as const;
type SummaryCounts = Record<(typeof SUMMARY_FIELDS)[number], number>;

async function withQuery<T>(url: string, work: (query: Query, kind: "sqlite" | "postgres") => Promise<T>): Promise<T> {
  const kind = databaseKindOf(url);
  if (kind === "postgres") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // One snapshot for every query of the check, while servers keep writing.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const result = await work(async (sql, params = []) => (await client.query(numbered(sql), [...params])).rows as Row[], "postgres");
      await client.query("COMMIT");
      return result;
    } finally {
      await client.end();
    }
  }
  if (kind === "sqlite") {
    const db = new Database(sqlitePathFromUrl(url), { readonly: true, fileMustExist: true, timeout: 10_000 });
    try {
      db.exec("BEGIN"); // a read transaction: one snapshot of the WAL for every query
      const result = await work(async (sql, params = []) => db.prepare(sql).all(...params) as Row[], "sqlite");
      db.exec("COMMIT");
      return result;
    } finally {
      db.close();
    }
  }
  throw new Error(`not a database URL: ${url.slice(0, 20)}…`);
}

const num = (value: unknown) => Number(value ?? 0);
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

export async function checkConsistency(url: string, options: ConsistencyOptions = {}): Promise<ConsistencyReport> {
  return withQuery(url, async (query, kind) => {
    const problems: string[] = [];
    const count = async (table: string) => num((await query(`SELECT COUNT(*) AS n FROM "${table}"`))[0]?.n);
    const counts = {
      uploads: await count("Upload"),
      servers: await count("Server"),
      hostSnapshots: await count("HostSnapshot"),
      factSnapshots: await count("FactSnapshot"),
      users: await count("User"),
      readinessSnapshots: await count("ReadinessSnapshot"),
    };

    // Every upload has its snapshots.
    const uploads = await query(
      `SELECT u."id", u."fileName", u."kind", u."accepted",
              (SELECT COUNT(*) FROM "HostSnapshot" h WHERE h."uploadId" = u."id") AS hosts,
              (SELECT COUNT(*) FROM "FactSnapshot" f WHERE f."uploadId" = u."id") AS facts
         FROM "Upload" u`,
    );
    for (const upload of uploads) {
      const hosts = num(upload.hosts);
      const facts = num(upload.facts);
      if (upload.kind === "host-inventory" && hosts !== num(upload.accepted)) {
        problems.push(`upload ${upload.id} (${upload.fileName}): ${hosts} host snapshots for ${num(upload.accepted)} accepted records`);
      } else if (hosts + facts === 0) {
        problems.push(`upload ${upload.id} (${upload.fileName}, ${upload.kind}): no snapshot at all`);
      }
    }
    const orphanHosts = num((await query(`SELECT COUNT(*) AS n FROM "HostSnapshot" h WHERE NOT EXISTS (SELECT 1 FROM "Upload" u WHERE u."id" = h."uploadId")`))[0]?.n);
    if (orphanHosts > 0) problems.push(`${orphanHosts} host snapshots point to a missing upload`);
    const orphanFacts = num(
      (await query(`SELECT COUNT(*) AS n FROM "FactSnapshot" f WHERE f."uploadId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Upload" u WHERE u."id" = f."uploadId")`))[0]?.n,
    );
    if (orphanFacts > 0) problems.push(`${orphanFacts} fact snapshots point to a missing upload`);
    const bareServers = await query(`SELECT s."fqdn" FROM "Server" s WHERE NOT EXISTS (SELECT 1 FROM "HostSnapshot" h WHERE h."serverId" = s."id") ORDER BY s."fqdn" LIMIT 5`);
    if (bareServers.length > 0) {
      const n = num((await query(`SELECT COUNT(*) AS n FROM "Server" s WHERE NOT EXISTS (SELECT 1 FROM "HostSnapshot" h WHERE h."serverId" = s."id")`))[0]?.n);
      problems.push(`${n} servers have no host snapshot (e.g. ${bareServers.map((row) => row.fqdn).join(", ")})`);
    }

    // RuleSummary equals a recount from every server's statuses.
    const recount = new Map<string, SummaryCounts>();
    const verdicts: Record<string, number> = {};
    // Each server's failing- and waived-rule lists (the failing-rule filter's and the wave gate's columns, decision 029)
    // are the ones its statuses give.
    const listDiffs: string[] = [];
    let listDiffCount = 0;
    for (const row of await query(`SELECT "fqdn", "statuses", "failingRules", "waivedRules", "blockingRules", "verdict" FROM "Server"`)) {
      verdicts[String(row.verdict)] = (verdicts[String(row.verdict)] ?? 0) + 1;
      const failing = failingRulesOf(String(row.statuses ?? ""));
      const waived = waivedRulesOf(String(row.statuses ?? ""));
      if (failing !== String(row.failingRules ?? "") && ++listDiffCount <= 5) listDiffs.push(`${row.fqdn} has failingRules "${row.failingRules}", its statuses give "${failing}"`);
      if (waived !== String(row.waivedRules ?? "") && ++listDiffCount <= 5) listDiffs.push(`${row.fqdn} has waivedRules "${row.waivedRules}", its statuses give "${waived}"`);
      const of = (ruleId: string) => {
        let counts = recount.get(ruleId);
        if (!counts) recount.set(ruleId, (counts = { pass: 0, fail: 0, unknown: 0, waived: 0, blocking: 0 }));
        return counts;
      };
      for (const [ruleId, status] of decodeStatuses(String(row.statuses ?? ""))) of(ruleId)[status]++;
      for (const ruleId of undelimitRuleIds(String(row.blockingRules ?? ""))) of(ruleId).blocking++;
    }
    if (listDiffCount > 0) problems.push(`${listDiffCount} rule lists differ from their server's statuses: ${listDiffs.join("; ")}`);
    const stored = new Map<string, SummaryCounts>();
    for (const row of await query(`SELECT "ruleId", "pass", "fail", "unknown", "waived", "blocking" FROM "RuleSummary"`)) {
      stored.set(String(row.ruleId), { pass: num(row.pass), fail: num(row.fail), unknown: num(row.unknown), waived: num(row.waived), blocking: num(row.blocking) });
    }
    const zero: SummaryCounts = { pass: 0, fail: 0, unknown: 0, waived: 0, blocking: 0 };
    const summaryDiffs: string[] = [];
    for (const ruleId of [...new Set([...recount.keys(), ...stored.keys()])].sort()) {
      const want = recount.get(ruleId) ?? zero;
      const have = stored.get(ruleId) ?? zero;
      const differing = SUMMARY_FIELDS.filter((field) => want[field] !== have[field]);
      if (differing.length > 0) summaryDiffs.push(`${ruleId} ${differing.map((field) => `${field} ${have[field]} (recount ${want[field]})`).join(", ")}`);
    }
    if (summaryDiffs.length > 0) problems.push(`RuleSummary differs from a recount of Server.statuses for ${summaryDiffs.length} rules: ${summaryDiffs.slice(0, 5).join("; ")}`);

    // The latest ReadinessSnapshot equals the current verdict counts. SQLite: the newest rowid; PostgreSQL: the newest
    // `at`, and among snapshots taken at the same instant any one may be the last written (cuid ids do not order).
    if (counts.servers > 0 || counts.readinessSnapshots > 0) {
      const latest =
        kind === "sqlite"
          ? await query(`SELECT "at", "ready", "conditions", "notReady", "unknown" FROM "ReadinessSnapshot" ORDER BY rowid DESC LIMIT 1`)
          : await query(`SELECT "at", "ready", "conditions", "notReady", "unknown" FROM "ReadinessSnapshot" WHERE "at" = (SELECT MAX("at") FROM "ReadinessSnapshot")`);
      const describe = (row: Row) => Object.entries(VERDICT_COLUMNS).map(([column, verdict]) => `${verdict} ${num(row[column])}`).join(", ");
      const matches = (row: Row) => Object.entries(VERDICT_COLUMNS).every(([column, verdict]) => num(row[column]) === (verdicts[verdict] ?? 0));
      const actual = Object.values(VERDICT_COLUMNS).map((verdict) => `${verdict} ${verdicts[verdict] ?? 0}`).join(", ");
      if (latest.length === 0) problems.push(`no ReadinessSnapshot, but ${counts.servers} servers (${actual})`);
      else if (!latest.some(matches)) problems.push(`the latest ReadinessSnapshot counts ${latest.map(describe).join(" | ")}, the servers are ${actual}`);
    }

    // Files and domains that must have left no trace.
    const absentSha = options.absentSha256 ?? [];
    if (absentSha.length > 0) {
      const rows = await query(`SELECT "id", "fileName" FROM "Upload" WHERE "sha256" IN (${placeholders(absentSha.length)})`, absentSha);
      for (const row of rows) problems.push(`upload ${row.id} (${row.fileName}) is stored but must be absent`);
    }
    const absentDomains = options.absentDomains ?? [];
    if (absentDomains.length > 0) {
      const rows = await query(`SELECT "domain", COUNT(*) AS n FROM "Server" WHERE "domain" IN (${placeholders(absentDomains.length)}) GROUP BY "domain"`, absentDomains);
      for (const row of rows) problems.push(`${num(row.n)} servers in ${row.domain}, which only an absent file described`);
    }
    return { problems, counts, verdicts };
  });
}

/**
 * How many write transactions are open on the database right now (for the multi-instance test, to show that a kill
 * landed inside a commit). PostgreSQL: sessions of this database in a transaction that has written (a transaction
 * id) or holds an advisory lock (the evaluation lock of every commit).
 * SQLite: 1 when another connection holds the write lock (an IMMEDIATE transaction cannot start at once), else 0.
 */
export async function openWriteTransactions(url: string): Promise<number> {
  const kind = databaseKindOf(url);
  if (kind === "postgres") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // A session in a transaction that has written (it holds a transaction id) or holds an advisory lock (the
      // evaluation lock is taken first, lib/data/postgres/write-tx.ts; a commit may read for a while before writing).
      const { rows } = await client.query(
        `SELECT COUNT(*)::int AS n FROM pg_stat_activity a
          WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
            AND (a.backend_xid IS NOT NULL OR EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted))`,
      );
      return Number(rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  }
  if (kind === "sqlite") {
    const db = new Database(sqlitePathFromUrl(url), { fileMustExist: true, timeout: 0 });
    try {
      db.exec("BEGIN IMMEDIATE");
      db.exec("ROLLBACK");
      return 0;
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_BUSY") return 1;
      throw error;
    } finally {
      db.close();
    }
  }
  throw new Error(`not a database URL: ${url.slice(0, 20)}…`);
}
