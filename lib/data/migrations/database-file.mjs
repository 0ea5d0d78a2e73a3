// Creates the SQLite database file readable and writable by its owner only (0600), before SQLite opens it.
// SQLite gives the -wal, -shm and -journal files it creates the database file's permission bits, so they are
// 0600 too. An existing file keeps its mode (an operator may have chosen another one on purpose).
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";

export const DATABASE_FILE_MODE = 0o600;

/** Creates `file` (and its folder) empty with mode 0600 if it does not exist yet; returns whether it did. */
export function createDatabaseFile(file) {
  mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
  let fd;
  try {
    // "wx": create, fail if it exists; the mode applies at creation, so the file is never readable by others.
    fd = openSync(/*turbopackIgnore: true*/ file, "wx", DATABASE_FILE_MODE);
  } catch (error) {
    if (error?.code === "EEXIST") return false;
    throw error;
  }
  closeSync(fd);
  chmodSync(/*turbopackIgnore: true*/ file, DATABASE_FILE_MODE); // exact, whatever the umask took away
  return true;
}
