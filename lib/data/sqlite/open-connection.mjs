// The settings of every better-sqlite3 connection of the app (the process's own, connection.ts, and the upload
// worker's write thread, write-thread.mjs): one place, so the two cannot drift. Plain ESM for the thread.
import Database from "better-sqlite3";

/** How long a connection waits for another writer's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/** Opens `file` in WAL mode with foreign keys enforced. */
export function openConnection(file) {
  const connection = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma("foreign_keys = ON");
  return connection;
}
