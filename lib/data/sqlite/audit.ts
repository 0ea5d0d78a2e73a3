import "server-only";
import type Database from "better-sqlite3";
import type { AuditInput } from "@/lib/audit/entry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_COLUMNS, toAuditRow, type AuditRow } from "../audit-row";
import { sqlDate } from "./connection";

// RAW SQL (SQLite): the audit log's writes (lib/data/audit.ts). Append only.

const ROWS_PER_STATEMENT = 400;

function columnValue(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return sqlDate(value);
  return value as string | number;
}

/**
 * Multi-row INSERTs of 400 entries each inside a Prisma transaction — Prisma's createMany needed ~20 s for 20,000
 * entries (a bulk rollout change writes one per server); this takes well under a second.
 */
export async function insertRows(tx: Prisma.TransactionClient, rows: readonly AuditRow[]): Promise<void> {
  const tuple = `(${AUDIT_COLUMNS.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const batch = rows.slice(i, i + ROWS_PER_STATEMENT);
    const params: (string | number | null)[] = [];
    for (const row of batch) for (const column of AUDIT_COLUMNS) params.push(columnValue(row[column]));
    await tx.$executeRawUnsafe(`INSERT INTO AuditEntry (${AUDIT_COLUMNS.join(", ")}) VALUES ${batch.map(() => tuple).join(", ")}`, ...params);
  }
}

/** Inside an inWriteTransaction (uploads, waivers, attestations, sign-in throttling). */
export function appendAuditSql(db: Database.Database, entries: AuditInput | readonly AuditInput[], now = new Date()): void {
  const list = Array.isArray(entries) ? entries : [entries as AuditInput];
  if (list.length === 0) return;
  const insert = db.prepare(
    `INSERT INTO AuditEntry (id, at, actorKind, actorId, actor, action, targetType, targetId, targetLabel, beforeJson, afterJson, summary, ip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const entry of list) {
    const row = toAuditRow(entry, now);
    insert.run(row.id, sqlDate(row.at), row.actorKind, row.actorId, row.actor, row.action, row.targetType, row.targetId, row.targetLabel, row.beforeJson, row.afterJson, row.summary, row.ip);
  }
}
