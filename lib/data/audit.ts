import "server-only";
import type { AuditInput } from "@/lib/audit/entry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toAuditRow } from "./audit-row";
import { sqlJobs } from "./sql-jobs";

// Writes audit entries in the SAME transaction as the change they record: `appendAudit` inside a Prisma
// transaction (either database: lib/data/sqlite/audit.ts, lib/data/postgres/audit.ts), `appendAuditSql` inside a raw
// better-sqlite3 write transaction (uploads, evaluations; SQLite only).
// There is deliberately no update or delete here or anywhere (a test scans the code; triggers refuse both).

export { toAuditRow } from "./audit-row";
export { appendAuditSql } from "./sqlite/audit";

/** Inside a Prisma transaction (or with the client itself for a one-statement change). */
export async function appendAudit(tx: Prisma.TransactionClient, entries: AuditInput | readonly AuditInput[], now = new Date()): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as AuditInput];
  if (list.length === 0) return;
  await sqlJobs().audit.insertRows(
    tx,
    list.map((entry) => toAuditRow(entry, now)),
  );
}
