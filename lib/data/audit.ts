import "server-only";
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { AuditInput } from "@/lib/audit/entry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sqlDate } from "./sqlite/connection";

// Writes audit entries in the SAME transaction as the change they record: `appendAudit` inside a Prisma
// transaction, `appendAuditSql` inside a raw better-sqlite3 write transaction (uploads, evaluations).
// There is deliberately no update or delete here or anywhere (a test scans the code; triggers refuse both).

type AuditRow = {
  id: string;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  summary: string;
  ip: string | null;
};

const MAX_JSON = 20_000;

function json(value: unknown): string | null {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text.length > MAX_JSON ? JSON.stringify({ truncated: true, preview: text.slice(0, MAX_JSON) }) : text;
}

export function toAuditRow(input: AuditInput, now: Date): AuditRow {
  return {
    id: randomUUID(),
    at: input.at ?? now,
    actorKind: input.actor.kind,
    actorId: input.actor.id ?? null,
    actor: input.actor.name.slice(0, 320),
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    targetLabel: input.targetLabel?.slice(0, 500) ?? null,
    beforeJson: json(input.before),
    afterJson: json(input.after),
    summary: (input.summary ?? "").slice(0, 1_000),
    ip: input.ip ?? null,
  };
}

const AUDIT_COLUMNS = ["id", "at", "actorKind", "actorId", "actor", "action", "targetType", "targetId", "targetLabel", "beforeJson", "afterJson", "summary", "ip"] as const;
const ROWS_PER_STATEMENT = 400;

function columnValue(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return sqlDate(value);
  return value as string | number;
}

/**
 * Inside a Prisma transaction (or with the client itself for a one-statement change). RAW SQL (SQLite): multi-row
 * INSERTs of 400 entries each — Prisma's createMany needed ~20 s for 20,000 entries (a bulk rollout change writes
 * one per server); this takes well under a second.
 */
export async function appendAudit(tx: Prisma.TransactionClient, entries: AuditInput | readonly AuditInput[], now = new Date()): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as AuditInput];
  const tuple = `(${AUDIT_COLUMNS.map(() => "?").join(", ")})`;
  for (let i = 0; i < list.length; i += ROWS_PER_STATEMENT) {
    const batch = list.slice(i, i + ROWS_PER_STATEMENT);
    const params: (string | number | null)[] = [];
    for (const entry of batch) {
      const row = toAuditRow(entry, now);
      for (const column of AUDIT_COLUMNS) params.push(columnValue(row[column]));
    }
    await tx.$executeRawUnsafe(`INSERT INTO AuditEntry (${AUDIT_COLUMNS.join(", ")}) VALUES ${batch.map(() => tuple).join(", ")}`, ...params);
  }
}

/** RAW SQL (SQLite): inside an inWriteTransaction (uploads, waivers, attestations). */
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
