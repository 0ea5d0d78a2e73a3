// A throwaway PostgreSQL cluster for migration checks and tests: initdb in a temporary directory, pg_ctl start on a
// free loopback port, dropped with everything in it by stop(). Uses Debian's `postgresql` package
// (/usr/lib/postgresql/<version>/bin, or PG_BIN). PostgreSQL refuses to run as root, so as root the cluster runs as
// the `postgres` user (runuser). Never touches a real cluster and never needs the network.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** The directory of initdb/pg_ctl, or null when PostgreSQL's server binaries are not installed. */
export function postgresBinDir() {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length === 0 ? null : path.join(root, versions[0], "bin");
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function postgresUid() {
  const result = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error("running as root, but there is no `postgres` user to run PostgreSQL as (apt-get install postgresql)");
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Starts a cluster and returns { url(database), createDatabase(name), stop() }. `url("postgres")` is the maintenance
 * database; createDatabase makes a new empty one and returns its URL.
 */
export async function startThrowawayPostgres() {
  const bin = postgresBinDir();
  if (bin === null) throw new Error("PostgreSQL's server binaries were not found (apt-get install postgresql, or set PG_BIN)");
  const dir = mkdtempSync(path.join(tmpdir(), "csr-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (tool, args) => {
    const command = asRoot ? "runuser" : path.join(bin, tool);
    const argv = asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args;
    execFileSync(command, argv, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  };
  if (asRoot) {
    const { uid, gid } = postgresUid();
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  let started = false;
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    run("pg_ctl", [
      "-D", data, "-w", "-l", path.join(dir, "server.log"),
      "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      "start",
    ]);
    started = true;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a throwaway PostgreSQL: ${error?.stderr?.toString() || error?.message || error}`);
  }
  const url = (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  let counter = 0;
  return {
    port,
    url,
    async createDatabase(prefix = "scratch") {
      const name = `${prefix}_${process.pid}_${++counter}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: url("postgres") });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    /** Stops the server but keeps the cluster (a database restart, for recovery tests); start it with resume(). */
    pause() {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    },
    resume() {
      run("pg_ctl", [
        "-D", data, "-w", "-l", path.join(dir, "server.log"),
        "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
        "start",
      ]);
    },
    stop() {
      try {
        if (started) run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
