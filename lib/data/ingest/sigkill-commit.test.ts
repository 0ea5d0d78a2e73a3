import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

// Fault test (issue 12): a process committing a large upload is killed with SIGKILL in the middle of its write
// transaction. The database must be intact (PRAGMA integrity_check), the upload wholly absent (or wholly there),
// every count consistent with the stored results, and the same file must then commit. The child process
// (sigkill-commit.child.ts) runs the real ingest path (ingestFile) on its own throwaway database.

const dir = mkdtempSync(path.join(tmpdir(), "csr-sigkill-"));
const dbFile = path.join(dir, "fault.db");
const SEED_SERVERS = 50;
const BIG_SERVERS = 10_000;
const DEADLINE_MS = 15_000;
const POLL_MS = 5;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function inventoryCsv(prefix: string, count: number, domains: number): string {
  const lines = ["Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain"];
  for (let i = 0; i < count; i += 1) {
    const os = i % 3 === 0 ? "Microsoft Windows Server 2016 Standard,10.0.14393.0,8,394802" : "Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449";
    lines.push(`${prefix}${String(i).padStart(5, "0")},${os},${prefix}${i % domains}.contoso.com`);
  }
  return `${lines.join("\n")}\n`;
}

function startChild(args: string[]): { child: ChildProcess; lines: string[]; stderr: string[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  // node itself with tsx as a loader (not the tsx CLI, which runs the script in a grandchild that SIGKILL would not reach).
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.resolve("lib/data/ingest/sigkill-commit.child.ts"), ...args], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, CSR_AUTO_MIGRATE: "0", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  let pending = "";
  child.stdout!.on("data", (data: Buffer) => {
    pending += data.toString("utf8");
    const parts = pending.split("\n");
    pending = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on("data", (data: Buffer) => stderr.push(data.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, lines, stderr, exited };
}

/** Polls `condition` every POLL_MS until it holds; fails with `what` after the deadline. No fixed sleeps. */
async function waitFor<T>(what: string, condition: () => T | undefined | false, deadline = Date.now() + DEADLINE_MS): Promise<T> {
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const walSize = () => (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0);

function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

/** Everything that must hold in any state the database can be in. */
function expectConsistent(db: Database.Database) {
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(db.pragma("foreign_key_check")).toEqual([]);
  // Every upload has its facts, and every fact its upload.
  for (const upload of db.prepare("SELECT id, accepted FROM Upload").all() as { id: string; accepted: number }[]) {
    expect(count(db, "SELECT count(*) AS n FROM HostSnapshot WHERE uploadId = ?", upload.id), `host snapshots of upload ${upload.id}`).toBe(upload.accepted);
  }
  expect(count(db, "SELECT count(*) AS n FROM HostSnapshot WHERE uploadId NOT IN (SELECT id FROM Upload)")).toBe(0);
  expect(count(db, "SELECT count(*) AS n FROM FactSnapshot WHERE uploadId IS NOT NULL AND uploadId NOT IN (SELECT id FROM Upload)")).toBe(0);
  // Every server has current facts from a stored snapshot and its latest evaluation matches its verdict.
  expect(count(db, "SELECT count(*) AS n FROM Server WHERE id NOT IN (SELECT serverId FROM HostSnapshot)")).toBe(0);
  const mismatched = count(
    db,
    `SELECT count(*) AS n FROM Server s WHERE s.verdict <> (SELECT e.verdict FROM Evaluation e WHERE e.serverId = s.id ORDER BY e.evaluatedAt DESC, e.rowid DESC LIMIT 1)`,
  );
  expect(mismatched).toBe(0);
  // The newest readiness snapshot counts the servers as they are.
  const latest = db.prepare("SELECT ready, conditions, notReady, unknown FROM ReadinessSnapshot ORDER BY at DESC, rowid DESC LIMIT 1").get() as
    | { ready: number; conditions: number; notReady: number; unknown: number }
    | undefined;
  const verdicts = Object.fromEntries((db.prepare("SELECT verdict, count(*) AS n FROM Server GROUP BY verdict").all() as { verdict: string; n: number }[]).map((row) => [row.verdict, row.n]));
  expect(latest).toEqual({ ready: verdicts["ready"] ?? 0, conditions: verdicts["ready-with-conditions"] ?? 0, notReady: verdicts["not-ready"] ?? 0, unknown: verdicts["unknown"] ?? 0 });
  // Per-rule counts never count more servers than there are (a half-written summary would).
  const servers = count(db, "SELECT count(*) AS n FROM Server");
  const ruleTotals = db.prepare("SELECT ruleId, pass + fail + unknown + waived AS total FROM RuleSummary").all() as { ruleId: string; total: number }[];
  expect(ruleTotals.length).toBeGreaterThan(0);
  for (const rule of ruleTotals) expect(rule.total, `${rule.ruleId}: ${rule.total} of ${servers} servers`).toBeLessThanOrEqual(servers);
  return { servers, verdicts };
}

describe("SIGKILL in the middle of an upload's commit", () => {
  it("leaves an intact database without the upload, and the same file commits afterwards", { timeout: 60_000 }, async () => {
    const seedCsv = path.join(dir, "seed.csv");
    const bigCsv = path.join(dir, "big.csv");
    writeFileSync(seedCsv, inventoryCsv("SEED", SEED_SERVERS, 2));
    writeFileSync(bigCsv, inventoryCsv("BIG", BIG_SERVERS, 20));

    const run = startChild(["seed-and-commit", seedCsv, bigCsv]);
    const failed = run.exited.then((exit) => ({ exit }));
    try {
      await waitFor("the seed upload", () => run.lines.some((line) => line === "SEEDED") || (run.child.exitCode !== null && "exited"));
      expect(run.child.exitCode, run.stderr.join("")).toBeNull();
      const uploadId = (
        await waitFor("the big upload's transaction to start", () => run.lines.find((line) => line.startsWith("COMMIT-STARTED ")) ?? (run.child.exitCode !== null && "exited"))
      ).replace("COMMIT-STARTED ", "");
      expect(uploadId, run.stderr.join("")).not.toBe("exited");
      // Let the transaction get well under way: its pages spill into the WAL (uncommitted frames) before the kill.
      const walAtStart = walSize();
      await waitFor("the WAL to grow by 1 MB", () => walSize() > walAtStart + 1024 * 1024 || run.child.exitCode !== null);
      const killed = run.child.kill("SIGKILL");
      expect(killed).toBe(true);
      const { exit } = await failed;
      expect(exit.signal, "the child was killed before it finished the commit").toBe("SIGKILL");
      expect(run.lines.filter((line) => line.startsWith("COMMITTED "))).toHaveLength(1); // the seed only

      const db = new Database(dbFile);
      try {
        const state = expectConsistent(db);
        // Wholly absent: no trace of the killed upload.
        expect(count(db, "SELECT count(*) AS n FROM Upload WHERE id = ?", uploadId)).toBe(0);
        expect(count(db, "SELECT count(*) AS n FROM Upload")).toBe(1);
        expect(count(db, "SELECT count(*) AS n FROM HostSnapshot WHERE uploadId = ?", uploadId)).toBe(0);
        expect(count(db, "SELECT count(*) AS n FROM Evaluation WHERE cause = ?", `upload:${uploadId}`)).toBe(0);
        expect(count(db, "SELECT count(*) AS n FROM Server WHERE name LIKE 'BIG%'")).toBe(0);
        expect(state.servers).toBe(SEED_SERVERS);
      } finally {
        db.close();
      }
    } finally {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
    }

    // The same file again: it commits (the killed attempt left no duplicate behind).
    const again = startChild(["commit", bigCsv]);
    const exit = await again.exited;
    expect(exit.code, again.stderr.join("")).toBe(0);
    const committed = again.lines.find((line) => line.startsWith("COMMITTED "));
    expect(JSON.parse(committed!.replace("COMMITTED ", ""))).toMatchObject({ status: "committed", counts: { accepted: BIG_SERVERS, servers: BIG_SERVERS } });
    const db = new Database(dbFile);
    try {
      const state = expectConsistent(db);
      expect(state.servers).toBe(SEED_SERVERS + BIG_SERVERS);
      expect(count(db, "SELECT count(*) AS n FROM Upload")).toBe(2);
    } finally {
      db.close();
    }
  });
});
