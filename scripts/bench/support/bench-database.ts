// The database a benchmark runs on: `--db=sqlite` (default: a fresh file in the suite's temporary directory) or
// `--db=postgres` (a throwaway PostgreSQL cluster from Debian's `postgresql` package, lib/data/migrations/
// pg-throwaway.mjs: initdb + pg_ctl in a temporary directory, as the `postgres` user when root). Either is migrated
// the way the server migrates at start, its URL goes to the seeding scripts and the `next start` the suite runs
// (DATABASE_URL), and `stop()` removes it — the cluster also when the suite fails or the bench is interrupted.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/data/migrations/apply-migrations.mjs";
import { applyPostgresMigrations } from "@/lib/data/migrations/apply-postgres-migrations.mjs";
import { postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/data/migrations/pg-throwaway.mjs";

export type BenchDatabaseKind = "sqlite" | "postgres";

/** `--db=sqlite|postgres` (default sqlite). */
export function dbOption(options: Readonly<Record<string, string>>): BenchDatabaseKind {
  const value = options.db ?? "sqlite";
  if (value === "sqlite" || value === "postgres") return value;
  throw new Error(`--db must be sqlite or postgres, got ${value}`);
}

export interface BenchDatabase {
  kind: BenchDatabaseKind;
  url: string;
  /** One line for the suite's details: what the database is and how it runs. */
  description: string;
  /**
   * After seeding: on PostgreSQL, `VACUUM ANALYZE` (what autovacuum does within a minute or so of a large upload:
   * statistics for the planner, and the GIN indexes' pending lists merged), so the views are timed in the steady
   * state rather than in the minute after the upload. Nothing on SQLite.
   */
  settle(): Promise<void>;
  /** Removes the PostgreSQL cluster (idempotent); the SQLite file goes with the suite's temporary directory. */
  stop(): void;
  /** PostgreSQL: the postmaster's pid (its children are the backends), for CPU readings; undefined on SQLite. */
  serverPid?: number;
}

/** The pid of the postmaster listening on `port` (its command line has `-p <port>`), from /proc. */
function postmasterPid(port: number): number | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (args[0]?.endsWith("/postgres") && args.includes("-p") && args[args.indexOf("-p") + 1] === String(port)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

const live = new Set<ThrowawayPostgres>();
let handlersInstalled = false;

/** Interrupting the bench (Ctrl-C, SIGTERM) still removes the clusters, then exits as the signal would. */
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      for (const cluster of live) {
        try {
          cluster.stop();
        } catch {
          // best effort: the process is going away
        }
      }
      live.clear();
      if (process.listenerCount(signal) === 1) process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    });
  }
}

export async function createBenchDatabase(kind: BenchDatabaseKind, tmpDir: string): Promise<BenchDatabase> {
  if (kind === "sqlite") {
    const url = `file:${path.join(tmpDir, "bench.db")}`;
    applyMigrations({ url });
    return { kind, url, description: `SQLite ${url}`, settle: async () => {}, stop: () => {} };
  }
  if (postgresBinDir() === null) throw new Error("--db=postgres needs PostgreSQL's server binaries (apt-get install postgresql, or set PG_BIN)");
  installSignalHandlers();
  const cluster = await startThrowawayPostgres();
  live.add(cluster);
  const stop = () => {
    if (!live.delete(cluster)) return;
    cluster.stop();
  };
  try {
    const url = await cluster.createDatabase("bench");
    await applyPostgresMigrations({ url });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let version = "PostgreSQL";
    try {
      version = String((await client.query("SHOW server_version")).rows[0]?.server_version ?? "");
      version = `PostgreSQL ${version}`;
    } finally {
      await client.end();
    }
    return {
      kind,
      url,
      description:
        `${version}, throwaway cluster on 127.0.0.1:${cluster.port} (this machine, default settings: shared_buffers 128 MB; ` +
        `fsync, synchronous_commit and full_page_writes off, as every throwaway cluster here), database ${new URL(url).pathname.slice(1)}`,
      async settle() {
        const settleClient = new pg.Client({ connectionString: url });
        await settleClient.connect();
        try {
          await settleClient.query("VACUUM ANALYZE");
        } finally {
          await settleClient.end();
        }
      },
      stop,
      serverPid: postmasterPid(cluster.port),
    };
  } catch (error) {
    stop();
    throw error;
  }
}
