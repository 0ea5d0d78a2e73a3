// A production `next start` for benchmarks: a free port, a fresh temporary database (SQLite, or a throwaway PostgreSQL
// cluster with `database: "postgres"`: support/bench-database.ts), health wait, peak-memory readings from /proc, and a
// clean stop of the whole process group (and of the cluster).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createBenchDatabase, type BenchDatabase, type BenchDatabaseKind } from "./bench-database";

const HEALTH_TIMEOUT_MS = 90_000;

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function freePort(from: number, to: number, requested?: number): Promise<number> {
  if (requested !== undefined) {
    if (await isPortFree(requested)) return requested;
    throw new Error(`port ${requested} is in use`);
  }
  for (let port = from; port <= to; port++) if (await isPortFree(port)) return port;
  throw new Error(`no free port in ${from}-${to}`);
}

/** A /proc/<pid>/status field in kB ("VmHWM", "VmRSS"); 0 when the process is gone. */
export function statusKb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Every live descendant of pid (Linux /proc). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = children.get(queue.shift() ?? -1) ?? [];
    out.push(...next);
    queue.push(...next);
  }
  return out;
}

/** Peak resident memory: the server's VmHWM plus each live child's (an upper bound of their combined peak). */
export function peakMb(pid: number): { mb: number; processes: number } {
  const pids = [pid, ...descendants(pid)];
  return { mb: pids.reduce((sum, p) => sum + statusKb(p, "VmHWM"), 0) / 1024, processes: pids.length };
}

export class NextServer {
  private readonly log: string[] = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly base: string,
    readonly env: NodeJS.ProcessEnv,
    readonly tmp: string,
    readonly database: BenchDatabase,
  ) {
    const keep = (data: Buffer) => {
      for (const line of data.toString("utf8").split("\n")) if (line.trim() !== "") this.log.push(line);
      if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  /**
   * Starts `next start` on a fresh migrated temporary database (SQLite unless `database: "postgres"`). `prepare` runs
   * against that database (through `runScript`) before the server starts, e.g. to seed 50,000 servers; on PostgreSQL
   * the database is then vacuumed and analysed (BenchDatabase.settle) before the server starts.
   */
  static async start(options: { ports: [number, number]; port?: number; database?: BenchDatabaseKind; prepare?: (env: NodeJS.ProcessEnv) => void }): Promise<NextServer> {
    if (!existsSync(".next/BUILD_ID")) throw new Error("no production build (.next/BUILD_ID is missing): run `npx next build` first; benchmarks never build");
    const tmp = mkdtempSync(path.join(os.tmpdir(), "csr-bench-"));
    let database: BenchDatabase | undefined;
    try {
      database = await createBenchDatabase(options.database ?? "sqlite", tmp);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: database.url,
        ADMIN_EMAIL: "bench-admin@example.com",
        ADMIN_PASSWORD: "bench-admin-password-1",
      };
      options.prepare?.(env);
      await database.settle();
      const port = await freePort(options.ports[0], options.ports[1], options.port);
      const base = `http://127.0.0.1:${port}`;
      const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      const server = new NextServer(child, base, env, tmp, database);
      try {
        await server.waitForHealth();
      } catch (error) {
        await server.stop();
        throw error;
      }
      return server;
    } catch (error) {
      database?.stop();
      rmSync(tmp, { recursive: true, force: true });
      throw error;
    }
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  tail(lines = 15): string[] {
    return this.log.slice(-lines);
  }

  private async waitForHealth(): Promise<void> {
    const started = performance.now();
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (performance.now() - started < HEALTH_TIMEOUT_MS) {
      if (exited) throw new Error(`the server exited during start-up:\n${this.tail().join("\n")}`);
      try {
        if ((await fetch(`${this.base}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`/api/health did not answer within ${HEALTH_TIMEOUT_MS / 1000} s:\n${this.tail().join("\n")}`);
  }

  /** SIGTERM to the whole process group, SIGKILL after 10 s; removes the temporary database (and the cluster). */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-this.pid, name);
        } catch {
          // already gone
        }
      };
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
    this.database.stop();
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** Runs a TypeScript script with the app's module conditions (so server-only data code loads), returning its stdout. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", script, ...args], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status}): ${result.stderr.trim().slice(-2000)}`);
  return result.stdout;
}

/** CPU time (user + system) used so far by pid and its live descendants, in ms (Linux /proc, 100 ticks per second). */
export function cpuMs(pid: number): number {
  let ticks = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended
    }
  }
  return ticks * 10;
}
