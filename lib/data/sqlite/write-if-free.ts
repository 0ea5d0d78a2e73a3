import "server-only";
import { sqlite } from "./connection";

// RAW SQL (SQLite): best-effort bookkeeping writes that must never make a request wait for the write lock.

/**
 * Runs one small write statement now if the database's write lock is free, and skips it (false) if another
 * connection holds it: the upload worker may hold it for seconds while it commits a large upload (decision 017),
 * and better-sqlite3 waits synchronously, which would freeze every request of the server. For writes that can be
 * retried by the next request: a session's sliding expiry, an API token's last-used time.
 */
export function writeIfFree(sql: string, ...params: unknown[]): boolean {
  const connection = sqlite();
  const previous = connection.pragma("busy_timeout", { simple: true }) as number;
  connection.pragma("busy_timeout = 0");
  try {
    connection.prepare(sql).run(...params);
    return true;
  } catch (error) {
    if (error instanceof Error && "code" in error && (error.code === "SQLITE_BUSY" || error.code === "SQLITE_BUSY_SNAPSHOT")) return false;
    throw error;
  } finally {
    connection.pragma(`busy_timeout = ${previous}`);
  }
}
