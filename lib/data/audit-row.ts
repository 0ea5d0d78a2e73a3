import { randomUUID } from "node:crypto";
import type { AuditInput } from "@/lib/audit/entry";

// One audit entry as stored (AuditEntry), shared by the SQLite and PostgreSQL writers.

export type AuditRow = {
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

export const AUDIT_COLUMNS = ["id", "at", "actorKind", "actorId", "actor", "action", "targetType", "targetId", "targetLabel", "beforeJson", "afterJson", "summary", "ip"] as const;

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
