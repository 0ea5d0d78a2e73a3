import "server-only";
import { z } from "zod";
import type { HostFacts } from "@/lib/facts";
import { engine, type Verdict, verdictSchema } from "@/lib/readiness";
import type { RuleResult } from "@/lib/rules";
import { type ServerFilters, STALE_AFTER_DAYS } from "@/lib/views/server-filters";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isOverdue, isoDay, rolloutStatusSchema, type RolloutStatus } from "@/lib/rollout/status";
import { db } from "./db";
import { containsText } from "./text-search";
import { serverTagWhere } from "./server-tag-filter";
import { failingRuleWhere } from "./failing-rule-filter";
import { getServerRuleContext } from "./server-views";
import { idsWithStatus, undelimitIds, undelimitRuleIds } from "./ingest/statuses";
import { findServer } from "./find-server";
import { applyStoredWaivers } from "./waivers";

export interface ServerListItem {
  fqdn: string;
  name: string;
  domain: string;
  osName: string | null;
  site: string | null;
  owner: string | null;
  tags: string[];
  verdict: Verdict;
  confidenceStars: number;
  blockingRuleIds: string[];
  conditionRuleIds: string[];
  /** Rules without the facts to judge them (any severity), as the export's "Unknown rules" column. */
  unknownRuleIds: string[];
  factsCollectedAt: string | null;
  evaluatedAt: string | null;
  stale: boolean;
  /** Results accepted by a live waiver (status "waived"). */
  waivedRuleIds: string[];
  rollout: ServerRollout;
}

/** A server's place in the rollout. */
export interface ServerRollout {
  wave: { id: string; name: string; archived: boolean } | null;
  status: RolloutStatus;
  /** "detected": a collector report showed the agent installed (see detectedUploadId). */
  source: "typed" | "detected";
  detectedUploadId: string | null;
  owner: string | null;
  targetDate: string | null;
  note: string | null;
  overdue: boolean;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ServerPage {
  total: number;
  page: number;
  pageSize: number;
  servers: ServerListItem[];
}

/**
 * A nullable column's order with its NULLs placed as SQLite places them (first ascending, last descending) on both
 * databases: PostgreSQL's default is the opposite. The exports' keyset pagination (lib/data/exports/server-rows.ts)
 * relies on the same placement.
 */
export function nullsAsSqlite(dir: "asc" | "desc"): Prisma.SortOrderInput {
  return { sort: dir, nulls: dir === "asc" ? "first" : "last" };
}

const SORT_COLUMNS: Record<ServerFilters["sort"], (dir: "asc" | "desc") => Prisma.ServerOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }, { fqdn: dir }],
  verdict: (dir) => [{ verdictRank: dir }, { name: "asc" }],
  domain: (dir) => [{ domain: dir }, { name: "asc" }],
  os: (dir) => [{ osName: nullsAsSqlite(dir) }, { name: "asc" }],
  collected: (dir) => [{ factsCollectedAt: nullsAsSqlite(dir) }, { name: "asc" }],
  confidence: (dir) => [{ confidenceStars: dir }, { name: "asc" }],
  // Servers without a wave: the order of a relation's column has no NULLS option in Prisma, so they come first
  // ascending on SQLite and last on PostgreSQL (each database's default); the exports follow the same placement.
  wave: (dir) => [{ wave: { position: dir } }, { name: "asc" }],
  rollout: (dir) => [{ rolloutStatus: dir }, { name: "asc" }],
  target: (dir) => [{ rolloutTargetDate: nullsAsSqlite(dir) }, { name: "asc" }],
};

export function staleBefore(now: Date): Date {
  return new Date(now.getTime() - STALE_AFTER_DAYS * 86_400_000);
}

/** The WHERE clause of a filtered server list (shared by the list, the counts and the exports). */
export function serverWhere(filters: ServerFilters, now = new Date()): Prisma.ServerWhereInput {
  const and: Prisma.ServerWhereInput[] = [];
  if (filters.q) and.push({ OR: [{ fqdn: containsText(filters.q.toLowerCase()) }, { name: containsText(filters.q.toUpperCase()) }] });
  if (filters.fqdn) and.push({ fqdn: filters.fqdn.toLowerCase().replace(/\.$/, "") });
  if (filters.readiness.length) and.push({ verdict: { in: filters.readiness } });
  if (filters.rule) and.push(failingRuleWhere(filters.rule));
  if (filters.domain) and.push({ domain: filters.domain.toLowerCase() });
  if (filters.os) and.push({ osName: filters.os });
  if (filters.site) and.push({ site: filters.site });
  if (filters.owner) and.push({ owner: filters.owner });
  if (filters.tag) and.push(serverTagWhere(filters.tag));
  if (filters.wave === "any") and.push({ wave: { archivedAt: null } });
  else if (filters.wave === "none") and.push({ OR: [{ waveId: null }, { wave: { archivedAt: { not: null } } }] });
  else if (filters.wave) and.push({ waveId: filters.wave });
  if (filters.rollout.length) and.push({ rolloutStatus: { in: filters.rollout } });
  if (filters.overdue) and.push({ rolloutTargetDate: { lt: isoDay(now) }, rolloutStatus: { notIn: ["installed", "excluded"] } });
  if (filters.stale) and.push({ OR: [{ factsCollectedAt: null }, { factsCollectedAt: { lt: staleBefore(now) } }] });
  return and.length ? { AND: and } : {};
}

/** A server's rollout columns (its wave, status and plan), as the list, the server page and rollout changes read them. */
export const ROLLOUT_SELECT = {
  wave: { select: { id: true, name: true, archivedAt: true } },
  rolloutStatus: true,
  rolloutStatusSource: true,
  rolloutDetectedUploadId: true,
  rolloutOwner: true,
  rolloutTargetDate: true,
  rolloutNote: true,
  rolloutVersion: true,
  rolloutUpdatedAt: true,
  rolloutUpdatedBy: true,
} satisfies Prisma.ServerSelect;

export const LIST_SELECT = {
  fqdn: true,
  name: true,
  domain: true,
  osName: true,
  site: true,
  owner: true,
  tags: true,
  verdict: true,
  confidenceStars: true,
  blockingRules: true,
  conditionRules: true,
  unknownRules: true,
  factsCollectedAt: true,
  evaluatedAt: true,
  statuses: true,
  ...ROLLOUT_SELECT,
} satisfies Prisma.ServerSelect;

export type ListRow = Prisma.ServerGetPayload<{ select: typeof LIST_SELECT }>;

export function toServerRollout(row: Pick<ListRow, "wave" | "rolloutStatus" | "rolloutStatusSource" | "rolloutDetectedUploadId" | "rolloutOwner" | "rolloutTargetDate" | "rolloutNote" | "rolloutVersion" | "rolloutUpdatedAt" | "rolloutUpdatedBy">, today: string): ServerRollout {
  const status = rolloutStatusSchema.catch("not-started").parse(row.rolloutStatus);
  return {
    wave: row.wave ? { id: row.wave.id, name: row.wave.name, archived: row.wave.archivedAt !== null } : null,
    status,
    source: row.rolloutStatusSource === "detected" ? "detected" : "typed",
    detectedUploadId: row.rolloutDetectedUploadId,
    owner: row.rolloutOwner,
    targetDate: row.rolloutTargetDate,
    note: row.rolloutNote,
    overdue: isOverdue(status, row.rolloutTargetDate, today),
    version: row.rolloutVersion,
    updatedAt: row.rolloutUpdatedAt?.toISOString() ?? null,
    updatedBy: row.rolloutUpdatedBy,
  };
}

export function toListItem(row: ListRow, staleDate: Date, today = isoDay(new Date())): ServerListItem {
  return {
    fqdn: row.fqdn,
    name: row.name,
    domain: row.domain,
    osName: row.osName,
    site: row.site,
    owner: row.owner,
    tags: undelimitIds(row.tags),
    verdict: verdictSchema.catch("unknown").parse(row.verdict),
    confidenceStars: row.confidenceStars,
    blockingRuleIds: undelimitRuleIds(row.blockingRules),
    conditionRuleIds: undelimitRuleIds(row.conditionRules),
    unknownRuleIds: undelimitRuleIds(row.unknownRules),
    factsCollectedAt: row.factsCollectedAt?.toISOString() ?? null,
    evaluatedAt: row.evaluatedAt?.toISOString() ?? null,
    stale: !row.factsCollectedAt || row.factsCollectedAt < staleDate,
    waivedRuleIds: idsWithStatus(row.statuses, "waived"),
    rollout: toServerRollout(row, today),
  };
}

/** One page of servers matching the filters, sorted with an index; never loads the whole fleet. */
export async function listServers(filters: ServerFilters, now = new Date()): Promise<ServerPage> {
  const where = serverWhere(filters, now);
  const [total, rows] = await Promise.all([
    db().server.count({ where }),
    db().server.findMany({
      where,
      select: LIST_SELECT,
      orderBy: SORT_COLUMNS[filters.sort](filters.dir),
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
  ]);
  const staleDate = staleBefore(now);
  return { total, page: filters.page, pageSize: filters.pageSize, servers: rows.map((row) => toListItem(row, staleDate, isoDay(now))) };
}

/** Streams every matching server in pages (for CSV/PDF exports), in the list's order. */
export async function* iterateServers(filters: ServerFilters, batch = 2_000, now = new Date()): AsyncGenerator<ServerListItem> {
  const where = serverWhere(filters, now);
  const staleDate = staleBefore(now);
  for (let skip = 0; ; skip += batch) {
    const rows = await db().server.findMany({ where, select: LIST_SELECT, orderBy: SORT_COLUMNS[filters.sort](filters.dir), skip, take: batch });
    for (const row of rows) yield toListItem(row, staleDate, isoDay(now));
    if (rows.length < batch) return;
  }
}

/** Distinct values offered in the filter controls (grouped in the database, using the column indexes). */
export async function listServerFilterOptions() {
  const server = db().server;
  const present = (values: (string | null)[]) => values.filter((value): value is string => !!value);
  const [domains, oses, sites, owners] = await Promise.all([
    server.groupBy({ by: ["domain"], orderBy: { domain: "asc" } }).then((rows) => present(rows.map((row) => row.domain))),
    server.groupBy({ by: ["osName"], orderBy: { osName: "asc" } }).then((rows) => present(rows.map((row) => row.osName))),
    server.groupBy({ by: ["site"], orderBy: { site: "asc" } }).then((rows) => present(rows.map((row) => row.site))),
    server.groupBy({ by: ["owner"], orderBy: { owner: "asc" } }).then((rows) => present(rows.map((row) => row.owner))),
  ]);
  return { domains, oses, sites, owners };
}

export const resultsSchema = z.array(z.custom<RuleResult>((value) => typeof value === "object" && value !== null && "ruleId" in value)).catch([]);

export interface ServerDetail extends ServerListItem {
  id: string;
  objectGuid: string | null;
  sid: string | null;
  confidenceShare: number;
  rulesetVersion: string;
  facts: HostFacts;
  hostResults: RuleResult[];
  sharedResults: RuleResult[];
  sharedEvaluatedAt: string | null;
}

/**
 * Everything the server page shows, by FQDN (case-insensitive). The host-scoped results are re-derived
 * from the stored facts with the same pure rules (one server: well under a millisecond) rather than stored
 * for 50,000 servers (decision 006); the verdict and statuses shown are the stored ones.
 */
export async function getServerDetail(fqdn: string, now = new Date()): Promise<ServerDetail | null> {
  const row = await db().server.findUnique({ where: { fqdn: fqdn.toLowerCase() }, include: { wave: { select: { id: true, name: true, archivedAt: true } } } });
  if (!row) return null;
  const facts = JSON.parse(row.factsJson) as HostFacts;
  const [shared, ctx] = await Promise.all([
    db().domainEvaluation.findUnique({ where: { domain: row.domain } }),
    getServerRuleContext({ domain: row.domain, facts, evaluatedAt: row.evaluatedAt?.toISOString() ?? null }, now),
  ]);
  // Host results are re-derived live: apply the server's active waivers so they match the stored statuses.
  return applyStoredWaivers({
    ...toListItem(row, staleBefore(now), isoDay(now)),
    id: row.id,
    objectGuid: row.objectGuid,
    sid: row.sid,
    confidenceShare: row.confidenceShare,
    rulesetVersion: row.rulesetVersion,
    facts,
    hostResults: engine.evaluateHost(ctx),
    sharedResults: shared ? resultsSchema.parse(JSON.parse(shared.resultsJson)) : [],
    sharedEvaluatedAt: shared?.evaluatedAt.toISOString() ?? null,
  }, now);
}

export interface ServerHistory {
  uploads: { uploadId: string; fileName: string; format: string; uploadedBy: string; uploadedAt: string; collectedAt: string }[];
  evaluations: { evaluatedAt: string; rulesetVersion: string; verdict: Verdict; confidenceStars: number; cause: string; statuses: string; note: string | null }[];
}

/** Each upload that touched the server and each evaluation (newest first). */
export async function getServerHistory(serverId: string, take = 50): Promise<ServerHistory> {
  const [snapshots, evaluations] = await Promise.all([
    db().hostSnapshot.findMany({
      where: { serverId },
      orderBy: [{ collectedAt: "desc" }, { createdAt: "desc" }],
      take,
      select: { collectedAt: true, upload: { select: { id: true, fileName: true, format: true, uploadedBy: true, createdAt: true } } },
    }),
    db().evaluation.findMany({ where: { serverId }, orderBy: { evaluatedAt: "desc" }, take }),
  ]);
  return {
    uploads: snapshots.map((s) => ({
      uploadId: s.upload.id,
      fileName: s.upload.fileName,
      format: s.upload.format,
      uploadedBy: s.upload.uploadedBy,
      uploadedAt: s.upload.createdAt.toISOString(),
      collectedAt: s.collectedAt.toISOString(),
    })),
    evaluations: evaluations.map((e) => ({
      evaluatedAt: e.evaluatedAt.toISOString(),
      rulesetVersion: e.rulesetVersion,
      verdict: verdictSchema.catch("unknown").parse(e.verdict),
      confidenceStars: e.confidenceStars,
      cause: e.cause,
      statuses: e.statuses,
      note: e.note,
    })),
  };
}

/** Resolves an API path segment: an FQDN, or a NetBIOS name when exactly one server has it. */
export async function findServerFqdn(name: string): Promise<string | null> {
  return (await findServer(name))?.fqdn ?? null;
}

