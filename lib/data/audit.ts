import "server-only";
import type { AuditInput } from "@/lib/audit/entry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_COLUMNS, toAuditRow } from "./audit-row";
import { sqlJobs } from "./sql-jobs";
import { sqlDate } from "./sqlite/connection";
import type { Column, WriteTx } from "./write-tx";

// Writes audit entries in the SAME transaction as the change they record: `appendAudit` inside a Prisma
// transaction (either database: lib/data/sqlite/audit.ts, lib/data/postgres/audit.ts), `appendAuditTx` inside an
// evaluation write transaction (lib/data/write-tx.ts: uploads, waivers, attestations; either database).
// There is deliberately no update or delete here or anywhere (a test scans the code; triggers refuse both).

export { toAuditRow } from "./audit-row";

const AUDIT_TX_COLUMNS: readonly Column[] = AUDIT_COLUMNS.map((name) => [name, name === "at" ? "timestamp" : "text"] as const);

/** Inside an evaluation write transaction (lib/data/write-tx.ts). */
export async function appendAuditTx(tx: WriteTx, entries: AuditInput | readonly AuditInput[], now = new Date()): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as AuditInput];
  if (list.length === 0) return;
  await tx.insertRows(
    "AuditEntry",
    AUDIT_TX_COLUMNS,
    list.map((entry) => {
      const row = toAuditRow(entry, now);
      return AUDIT_COLUMNS.map((column) => (column === "at" ? sqlDate(row.at) : row[column]));
    }),
  );
}

/** Inside a Prisma transaction (or with the client itself for a one-statement change). */
export async function appendAudit(tx: Prisma.TransactionClient, entries: AuditInput | readonly AuditInput[], now = new Date()): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as AuditInput];
  if (list.length === 0) return;
  await sqlJobs().audit.insertRows(
    tx,
    list.map((entry) => toAuditRow(entry, now)),
  );
}
