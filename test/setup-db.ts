// Every test file gets its own throwaway SQLite database, migrated with the project's own migrator.
// The file is only created when a test actually touches the database (lib/db.ts connects lazily).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "csr-test-"));
process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
process.env.CSR_AUTO_MIGRATE = "1";
