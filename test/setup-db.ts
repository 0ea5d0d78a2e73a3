// Every test file gets its own throwaway database, migrated with the project's own migrator.
// SQLite (default): a file that is only created when a test actually touches the database (lib/data/db.ts connects
// lazily). PostgreSQL (`npm run test:pg`, CSR_TEST_DB=postgres): a database cloned from the template that
// scripts/test-pg.mjs migrated on its throwaway cluster.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

if (process.env.CSR_TEST_DB === "postgres") {
  const adminUrl = process.env.CSR_TEST_PG_URL;
  const template = process.env.CSR_TEST_PG_TEMPLATE;
  if (!adminUrl || !template) throw new Error("CSR_TEST_DB=postgres needs CSR_TEST_PG_URL and CSR_TEST_PG_TEMPLATE (run `npm run test:pg`)");
  const name = `test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.DATABASE_POOL_SIZE ??= "4";
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "csr-test-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
  process.env.CSR_AUTO_MIGRATE = "1";
}
