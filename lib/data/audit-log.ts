import "server-only";
import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, type AuditActorKind } from "@/lib/audit/entry";
import { type AuditFilters, type AuditFiltersInput, auditFiltersSchema, lowerBound, upperBound } from "@/lib/audit/filters";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { containsText } from "./text-search";

// Reading the audit log (the page /audit and GET /api/audit). Read-only: entries are written by lib/data/audit.ts
// inside the transaction of the change they record, and never edited or deleted. Filters: lib/audit/filters.ts.

export { type AuditFilters, type AuditFiltersInput, auditFiltersSchema, auditFiltersToSearch, parseAuditFilters } from "@/lib/audit/filters";

export interface AuditEntryDto {
  id: string;
  at: string;
  actor: { kind: AuditActorKind; id: string | null; name: string };
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
  summary: string;
  ip: string | null;
}

export interface AuditPage {
  total: number;
  page: number;
  pageSize: number;
  entries: AuditEntryDto[];
}

function parseJson(value: string | null): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

const actorKind = z.enum(AUDIT_ACTOR_KINDS).catch("system");

function whereOf(filters: AuditFilters): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (filters.action) {
    const family = filters.action.endsWith(".") ? filters.action : `${filters.action}.`;
    // An exact action uses the (action, at) index; a family is the list of its known actions (still indexed).
    if ((AUDIT_ACTIONS as readonly string[]).includes(filters.action)) and.push({ action: filters.action });
    else and.push({ action: { in: AUDIT_ACTIONS.filter((action) => action.startsWith(family)) } });
  }
  if (filters.actor) and.push({ actor: containsText(filters.actor) });
  if (filters.actorKind) and.push({ actorKind: filters.actorKind });
  if (filters.targetType) and.push({ targetType: filters.targetType });
  if (filters.targetId) and.push({ targetId: filters.targetId });
  if (filters.from) and.push({ at: { gte: lowerBound(filters.from) } });
  if (filters.to) and.push({ at: { lt: upperBound(filters.to) } });
  if (filters.q) and.push({ OR: [{ summary: containsText(filters.q) }, { targetLabel: containsText(filters.q) }] });
  return and.length === 0 ? {} : { AND: and };
}

/**
 * One page of the audit log, newest first, filtered in SQL (indexes: at, action+at, targetType+targetId+at, actor+at).
 * `filters` is validated again here, so callers may pass raw input.
 */
export async function listAuditEntries(input: AuditFiltersInput = {}): Promise<AuditPage> {
  const filters = auditFiltersSchema.parse(input);
  const where = whereOf(filters);
  const [total, rows] = await Promise.all([
    db().auditEntry.count({ where }),
    db().auditEntry.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
  ]);
  return {
    total,
    page: filters.page,
    pageSize: filters.pageSize,
    entries: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: { kind: actorKind.parse(row.actorKind), id: row.actorId, name: row.actor },
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      targetLabel: row.targetLabel,
      before: parseJson(row.beforeJson),
      after: parseJson(row.afterJson),
      summary: row.summary,
      ip: row.ip,
    })),
  };
}
