import "server-only";
import { randomUUID } from "node:crypto";
import { actorFromCaller, SYSTEM_ACTOR, type AuditActor, type AuditInput } from "@/lib/audit/entry";
import type { Role } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  allowedWaiverScopes,
  applyWaivers,
  formatCause,
  checkWaiverExpiry,
  evidenceFingerprint,
  evidenceSummary,
  MAX_WAIVER_REASON,
  waivedText,
  waiverPolicy,
  type AcceptedEvidence,
  type WaiverScope,
  type WaiverStatus,
} from "@/lib/readiness";
import { getRule } from "@/lib/rules";
import type { RuleResult, Severity } from "@/lib/rules";
import { appendAuditTx } from "./audit";
import { db } from "./db";
import { findServer } from "./find-server";
import { reevaluate, type ReevaluationScope } from "./ingest/reevaluate";
import { loadServersById, type LoadedServer } from "./ingest/state";
import { hasStatus } from "./ingest/statuses";
import { currentHostResults, toWaiverInput, wasWaived } from "./ingest/waiver-sql";
import { sqlDate } from "./sqlite/connection";
import { inWriteTx, type WriteTx } from "./write-tx";

// Waivers (risk acceptance). Every change is ONE raw write transaction: the waiver row, its audit entry, and the
// re-evaluation of what it covers (cause "waiver:<id>"), like lib/data/attestations.ts. The approval rules live here
// so that the API and the UI share them.

/** Who is acting (lib/auth Caller, without importing lib/auth at runtime). */
export type WaiverCaller =
  | { kind: "session"; userId: string; email: string; role: Role }
  | { kind: "token"; tokenId: string; name: string; role: Role };

export interface WaiverDto {
  id: string;
  ruleId: string;
  ruleTitle: string;
  /** The rule's severity when requested. */
  severity: Severity;
  /** True for a waiver of a blocker rule (needs a second admin; flagged everywhere). */
  blocker: boolean;
  scope: WaiverScope;
  server: { fqdn: string; name: string } | null;
  domain: string;
  reason: string;
  requestedBy: string;
  approvedBy: string | null;
  approvedAt: string | null;
  expiresAt: string;
  /** Effective status: an active waiver past its expiry is "expired" even before the sweep marks it. */
  status: WaiverStatus;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
  version: number;
  createdAt: string;
  accepted: AcceptedEvidence[];
  /** "Waived by <approver> until <date>" for active waivers, else null. */
  label: string | null;
}

export type WaiverOutcome =
  | { ok: true; waiver: WaiverDto; message: string }
  | { ok: false; status: 400 | 403 | 404 | 409; code: string; message: string; current?: WaiverDto };

const fail = (status: 400 | 403 | 404 | 409, code: string, message: string, current?: WaiverDto): WaiverOutcome => ({ ok: false, status, code, message, current });

const SELECT = { server: { select: { fqdn: true, name: true } } } satisfies Prisma.WaiverInclude;
type WaiverRow = Prisma.WaiverGetPayload<{ include: typeof SELECT }>;

function parseAccepted(json: string): AcceptedEvidence[] {
  return toWaiverInput({ id: "", ruleId: "", scope: "server", approvedBy: null, requestedBy: "", reason: "", acceptedJson: json, expiresAt: new Date(0) }).accepted;
}

const SEVERITIES = new Set<string>(["blocker", "warning", "info"]);
const STATUSES = new Set<string>(["pending", "active", "rejected", "revoked", "expired", "lapsed"]);

export function toWaiverDto(row: WaiverRow, now = new Date()): WaiverDto {
  const stored = (STATUSES.has(row.status) ? row.status : "revoked") as WaiverStatus;
  const status: WaiverStatus = (stored === "active" || stored === "pending") && row.expiresAt.getTime() <= now.getTime() ? "expired" : stored;
  const severity = (SEVERITIES.has(row.severity) ? row.severity : "warning") as Severity;
  const approvedBy = row.approvedBy;
  const expiresAt = row.expiresAt.toISOString();
  return {
    id: row.id,
    ruleId: row.ruleId,
    ruleTitle: getRule(row.ruleId)?.meta.title ?? row.ruleId,
    severity,
    blocker: severity === "blocker",
    scope: row.scope === "domain" ? "domain" : "server",
    server: row.server ? { fqdn: row.server.fqdn, name: row.server.name } : null,
    domain: row.domain,
    reason: row.reason,
    requestedBy: row.requestedBy,
    approvedBy,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    expiresAt,
    status,
    endedAt: row.endedAt?.toISOString() ?? (status === "expired" && stored !== "expired" ? expiresAt : null),
    endedBy: row.endedBy,
    endReason: row.endReason ?? (status === "expired" ? "expired" : null),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    accepted: parseAccepted(row.acceptedJson),
    label: status === "active" && approvedBy ? waivedText({ by: approvedBy, expiresAt }) : null,
  };
}

export async function getWaiver(id: string, now = new Date()): Promise<WaiverDto | null> {
  const row = await db().waiver.findUnique({ where: { id }, include: SELECT });
  return row ? toWaiverDto(row, now) : null;
}

/** The most waivers one list returns. */
export const MAX_WAIVERS_LISTED = 10_000;

export interface WaiverFilters {
  /** A stored status, or "renewal" (expired + lapsed, newest first). */
  status?: WaiverStatus | "renewal";
  ruleId?: string;
  /** FQDN or NetBIOS name: the waivers that apply to it (its own and its domain's). */
  server?: string;
  domain?: string;
  /** The waivers that touch a wave: its members' own, and those of the domains its members are in. */
  wave?: { id: string; domains: readonly string[] };
  /** Only these stored statuses (rejected and revoked ones are history). */
  statuses?: readonly WaiverStatus[];
  take?: number;
}

/** Waivers matching the filters, newest first; an active waiver past its expiry counts as expired. */
export async function listWaivers(filters: WaiverFilters = {}, now = new Date()): Promise<WaiverDto[]> {
  const and: Prisma.WaiverWhereInput[] = [];
  if (filters.ruleId) and.push({ ruleId: filters.ruleId });
  if (filters.domain) and.push({ domain: filters.domain.trim().toLowerCase() });
  if (filters.server) {
    const server = await findServer(filters.server);
    if (!server) return [];
    and.push({ OR: [{ serverId: server.id }, { scope: "domain", domain: server.domain }] });
  }
  if (filters.wave) and.push({ OR: [{ server: { waveId: filters.wave.id } }, { scope: "domain", domain: { in: [...filters.wave.domains] } }] });
  if (filters.statuses) and.push({ status: { in: [...filters.statuses] } });
  const due = { expiresAt: { lte: now } };
  switch (filters.status) {
    case undefined:
      break;
    case "renewal":
      and.push({ OR: [{ status: { in: ["expired", "lapsed"] } }, { status: "active", ...due }] });
      break;
    case "expired":
      and.push({ OR: [{ status: "expired" }, { status: { in: ["active", "pending"] }, ...due }] });
      break;
    case "active":
    case "pending":
      and.push({ status: filters.status, expiresAt: { gt: now } });
      break;
    default:
      and.push({ status: filters.status });
  }
  const rows = await db().waiver.findMany({
    where: and.length ? { AND: and } : {},
    include: SELECT,
    orderBy: filters.status === "renewal" ? [{ endedAt: "desc" }, { expiresAt: "desc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(filters.take ?? 500, MAX_WAIVERS_LISTED),
  });
  return rows.map((row) => toWaiverDto(row, now));
}

/** Active waivers of one rule (the rule page). */
export async function countActiveWaivers(ruleId: string, now = new Date()): Promise<{ active: number; pending: number }> {
  const [active, pending] = await Promise.all([
    db().waiver.count({ where: { ruleId, status: "active", expiresAt: { gt: now } } }),
    db().waiver.count({ where: { ruleId, status: "pending", expiresAt: { gt: now } } }),
  ]);
  return { active, pending };
}

/**
 * The server page's host results are re-derived live (decision 006): apply the server's active waivers (its own and
 * its domain's) so they say "waived" exactly as the stored statuses do. Shared results are stored with waivers
 * applied; a waiver there that expired before the sweep shows as failing again.
 */
export async function applyStoredWaivers<T extends { id: string; domain: string; hostResults: RuleResult[]; sharedResults: RuleResult[] }>(detail: T, now = new Date()): Promise<T> {
  const rows = await db().waiver.findMany({
    where: { status: "active", expiresAt: { gt: now }, OR: [{ serverId: detail.id }, { scope: "domain", domain: detail.domain }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return applyWaiverRows(detail, rows, now);
}

/** Active waiver rows that may cover many servers (the exports load them once per batch). */
export function loadActiveWaiverRows(serverIds: readonly string[], domains: readonly string[], now = new Date()) {
  return db().waiver.findMany({
    where: { status: "active", expiresAt: { gt: now }, OR: [{ serverId: { in: [...serverIds] } }, { scope: "domain", domain: { in: [...domains] } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

type ActiveWaiverRow = Awaited<ReturnType<typeof loadActiveWaiverRows>>[number];

/** applyStoredWaivers with the waiver rows already loaded (those not covering this server are ignored). */
export function applyWaiverRows<T extends { id: string; domain: string; hostResults: RuleResult[]; sharedResults: RuleResult[] }>(detail: T, allRows: readonly ActiveWaiverRow[], now = new Date()): T {
  const rows = allRows.filter((row) => row.serverId === detail.id || (row.scope === "domain" && row.domain === detail.domain));
  const nowMs = now.getTime();
  const sharedResults = detail.sharedResults.map((result) => {
    if (result.status !== "waived" || !result.waiver?.expiresAt || Date.parse(result.waiver.expiresAt) > nowMs) return result;
    const { waiver: _ended, ...rest } = result;
    void _ended;
    return { ...rest, status: "fail" as const };
  });
  if (rows.length === 0) return { ...detail, sharedResults };
  const applied = applyWaivers(detail.hostResults, rows.map(toWaiverInput), now.toISOString());
  return { ...detail, hostResults: [...applied.results], sharedResults };
}

// ---------------------------------------------------------------------------------------------------------------
// Changes (RAW SQL, one transaction each)

export interface WaiverRequest {
  ruleId: string;
  scope: WaiverScope;
  /** FQDN or NetBIOS name (server scope; for domain scope it may name the domain through one of its servers). */
  server?: string;
  domain?: string;
  reason: string;
  expiresAt: Date;
}

function actorOf(caller: WaiverCaller): AuditActor {
  return actorFromCaller(caller.kind === "session" ? { kind: "session", userId: caller.userId, email: caller.email } : { kind: "token", tokenId: caller.tokenId, name: caller.name });
}
const callerId = (caller: WaiverCaller) => (caller.kind === "session" ? caller.userId : caller.tokenId);

type RawWaiver = {
  id: string;
  ruleId: string;
  scope: string;
  serverId: string | null;
  domain: string;
  severity: string;
  requestedBy: string;
  requestedById: string | null;
  status: string;
  expiresAt: string;
  version: number;
  fqdn: string | null;
};

function readRaw(tx: WriteTx, id: string): Promise<RawWaiver | undefined> {
  return tx.get<RawWaiver>(
    `SELECT w."id", w."ruleId", w."scope", w."serverId", w."domain", w."severity", w."requestedBy", w."requestedById", w."status", w."expiresAt", w."version", s."fqdn"
     FROM "Waiver" w LEFT JOIN "Server" s ON s."id" = w."serverId" WHERE w."id" = ?`,
    [id],
  );
}

async function findServerRaw(tx: WriteTx, name: string): Promise<LoadedServer | null> {
  const value = name.trim();
  if (!value) return null;
  let rows = await tx.all<{ id: string }>(`SELECT "id" FROM "Server" WHERE "fqdn" = ?`, [value.toLowerCase()]);
  if (rows.length === 0) rows = await tx.all<{ id: string }>(`SELECT "id" FROM "Server" WHERE "name" = ? LIMIT 2`, [value.toUpperCase()]);
  if (rows.length !== 1) return null;
  return (await loadServersById(tx, new Set([rows[0]!.id])))[0] ?? null;
}

/** What re-evaluation a waiver's change calls for (its server, or every server of its domain). */
function scopeOf(waiver: { scope: string; serverId: string | null; domain: string }): ReevaluationScope {
  return waiver.scope === "server" && waiver.serverId
    ? { domains: new Set(), touched: new Set([waiver.serverId]), hostFactsOnly: true }
    : { domains: new Set([waiver.domain]), touched: new Set(), hostFactsOnly: false };
}

const labelOf = (w: { ruleId: string; scope: string; fqdn?: string | null; domain: string }) => `${w.ruleId} on ${w.scope === "server" ? (w.fqdn ?? "a server") : `domain ${w.domain || "(none)"}`}`;

/**
 * Requests a waiver. Warnings and info: a lead or admin, approved at once by the requester. Blockers: an admin only,
 * and it stays pending until a different admin approves it. The accepted evidence is taken from the current results.
 */
export async function requestWaiver(input: WaiverRequest, caller: WaiverCaller, now = new Date()): Promise<WaiverOutcome> {
  const rule = getRule(input.ruleId);
  if (!rule) return fail(404, "unknown-rule", `There is no rule "${input.ruleId}".`);
  const severity = rule.meta.severity;
  const policy = waiverPolicy(severity);
  if (!(policy.requesters as readonly string[]).includes(caller.role)) {
    return fail(403, "blocker-needs-admin", `${rule.meta.id} is a blocker: only an admin may request a blocker waiver (and another admin approves it).`);
  }
  if (!allowedWaiverScopes(rule.meta.scope).includes(input.scope)) {
    return fail(400, "scope-not-allowed", `${rule.meta.id} is a ${rule.meta.scope} rule, shared by every server of a domain: it can only be waived for a whole domain.`);
  }
  const reason = input.reason.trim();
  if (!reason) return fail(400, "reason-required", "Give a reason.");
  if (reason.length > MAX_WAIVER_REASON) return fail(400, "reason-too-long", `Keep the reason under ${MAX_WAIVER_REASON.toLocaleString("en-US")} characters.`);
  const expiryError = checkWaiverExpiry(input.expiresAt, now);
  if (expiryError) return fail(400, "bad-expiry", expiryError);

  const id = randomUUID();
  const outcome = await inWriteTx(async (tx): Promise<WaiverOutcome | null> => {
    let serverId: string | null = null;
    let fqdn: string | null = null;
    let domain: string;
    let accepted: AcceptedEvidence[];
    if (input.scope === "server") {
      const server = input.server ? await findServerRaw(tx, input.server) : null;
      if (!server) return fail(404, "unknown-server", input.server ? `No single server is named "${input.server}".` : "Name the server.");
      serverId = server.id;
      fqdn = server.fqdn;
      domain = server.domain;
      if (wasWaived(server.statuses, rule.meta.id)) return fail(409, "already-waived", `${rule.meta.id} is already waived on ${server.fqdn}.`);
      const result = (await currentHostResults(tx, [server], now)).get(server.id)?.find((r) => r.ruleId === rule.meta.id);
      if (!result || result.status !== "fail") return fail(409, "not-failing", `${rule.meta.id} is not failing on ${server.fqdn}: only a failing result can be waived.`);
      accepted = [{ fingerprint: evidenceFingerprint(result), summary: evidenceSummary(result) }];
    } else {
      const viaServer = input.server ? await findServerRaw(tx, input.server) : null;
      if (input.server && !viaServer) return fail(404, "unknown-server", `No single server is named "${input.server}".`);
      domain = (input.domain ?? viaServer?.domain ?? "").trim().toLowerCase();
      if (!input.domain && !viaServer) return fail(400, "domain-required", "Name the domain.");
      if (rule.meta.scope === "host") {
        const ids = (
          await tx.all<{ id: string; statuses: string }>(`SELECT "id", "statuses" FROM "Server" WHERE "domain" = ?`, [domain])
        ).filter((row) => hasStatus(row.statuses, rule.meta.id, "fail"));
        if (ids.length === 0) return fail(409, "not-failing", `${rule.meta.id} is not failing on any server of ${domain || "(no domain)"}.`);
        const servers = await loadServersById(tx, new Set(ids.map((row) => row.id)));
        const results = await currentHostResults(tx, servers, now);
        const distinct = new Map<string, AcceptedEvidence>();
        for (const list of results.values()) {
          const result = list.find((r) => r.ruleId === rule.meta.id);
          if (result?.status === "fail") {
            const fingerprint = evidenceFingerprint(result);
            if (!distinct.has(fingerprint)) distinct.set(fingerprint, { fingerprint, summary: evidenceSummary(result) });
          }
        }
        accepted = [...distinct.values()];
      } else {
        const stored = await tx.get<{ resultsJson: string }>(`SELECT "resultsJson" FROM "DomainEvaluation" WHERE "domain" = ?`, [domain]);
        const result = stored ? (JSON.parse(stored.resultsJson) as RuleResult[]).find((r) => r.ruleId === rule.meta.id) : undefined;
        if (result?.status === "waived") return fail(409, "already-waived", `${rule.meta.id} is already waived for ${domain || "(no domain)"}.`);
        if (!result || result.status !== "fail") return fail(409, "not-failing", `${rule.meta.id} is not failing for ${domain || "(no domain)"}: only a failing result can be waived.`);
        accepted = [{ fingerprint: evidenceFingerprint(result), summary: evidenceSummary(result) }];
      }
      if (accepted.length === 0) return fail(409, "not-failing", `${rule.meta.id} is not failing on ${domain || "(no domain)"}.`);
    }
    const open = await tx.get<{ id: string; status: string }>(
      `SELECT "id", "status" FROM "Waiver" WHERE "ruleId" = ? AND "scope" = ? AND "status" IN ('pending', 'active') AND "expiresAt" > ?
       AND ${input.scope === "server" ? `"serverId" = ?` : `"domain" = ?`} LIMIT 1`,
      [rule.meta.id, input.scope, sqlDate(now), input.scope === "server" ? serverId : domain],
    );
    if (open) return fail(409, open.status === "pending" ? "pending-exists" : "already-waived", `A ${open.status} waiver (${open.id}) already covers this; revoke it first.`);

    const who = actorOf(caller);
    const active = !policy.needsSecondAdmin;
    const at = sqlDate(now);
    await tx.run(
      `INSERT INTO "Waiver" ("id", "ruleId", "scope", "serverId", "domain", "severity", "reason", "requestedBy", "requestedById", "approvedBy", "approvedById", "approvedAt",
         "expiresAt", "acceptedJson", "status", "version", "createdAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      [
      id,
      rule.meta.id,
      input.scope,
      serverId,
      domain,
      severity,
      reason,
      who.name,
      callerId(caller),
      active ? who.name : null,
      active ? callerId(caller) : null,
      active ? at : null,
      sqlDate(input.expiresAt),
      JSON.stringify(accepted),
      active ? "active" : "pending",
      at,
      ],
    );
    const label = labelOf({ ruleId: rule.meta.id, scope: input.scope, fqdn, domain });
    const after = { ruleId: rule.meta.id, scope: input.scope, domain, severity, reason, expiresAt: input.expiresAt.toISOString(), status: active ? "active" : "pending", accepted };
    const entries: AuditInput[] = [{ actor: who, action: "waiver.request", targetType: "waiver", targetId: id, targetLabel: label, after, summary: `requested a ${severity} waiver of ${label}` }];
    if (active) entries.push({ actor: who, action: "waiver.approve", targetType: "waiver", targetId: id, targetLabel: label, before: { status: "pending" }, after: { status: "active" }, summary: `approved the waiver of ${label}` });
    await appendAuditTx(tx, entries, now);
    if (active) await reevaluate(tx, scopeOf({ scope: input.scope, serverId, domain }), formatCause({ kind: "waiver", waiverId: id }), now);
    return null;
  });
  if (outcome) return outcome;
  const waiver = (await getWaiver(id, now))!;
  return {
    ok: true,
    waiver,
    message: waiver.status === "pending" ? "Blocker waiver requested: it is pending until another admin approves it." : `${waiver.label ?? "Waived"}; the results were re-evaluated.`,
  };
}

type Change = { kind: "approve" } | { kind: "reject"; reason?: string } | { kind: "revoke"; reason?: string };

/** Approve / reject / revoke with optimistic concurrency on `version` (stale: 409 with the current state). */
async function change(id: string, version: number | undefined, caller: WaiverCaller, how: Change, now: Date): Promise<WaiverOutcome> {
  const who = actorOf(caller);
  const outcome = await inWriteTx(async (tx): Promise<WaiverOutcome | null> => {
    const row = await readRaw(tx, id);
    if (!row) return fail(404, "not-found", `There is no waiver "${id}".`);
    if ((how.kind !== "revoke" || row.severity === "blocker") && caller.role !== "admin") {
      return fail(403, "admin-only", how.kind === "revoke" ? "Only an admin may revoke a blocker waiver." : "Only an admin may approve or reject a blocker waiver.");
    }
    if (version !== undefined && row.version !== version) return fail(409, "stale", `The waiver changed since you loaded it (version ${row.version}, not ${version}). Reload and try again.`);
    const expired = Date.parse(row.expiresAt) <= now.getTime();
    const at = sqlDate(now);
    const label = labelOf(row);
    if (how.kind === "approve" || how.kind === "reject") {
      if (row.status !== "pending" || expired) return fail(409, "not-pending", `Only a pending waiver can be ${how.kind === "approve" ? "approved" : "rejected"} (this one is ${expired ? "expired" : row.status}).`);
      const ownRequest = row.requestedById !== null ? row.requestedById === callerId(caller) : row.requestedBy === who.name;
      if (ownRequest) return fail(403, "own-request", "A blocker waiver must be approved or rejected by an admin other than the one who requested it.");
      if (how.kind === "approve") {
        await tx.run(`UPDATE "Waiver" SET "status" = 'active', "approvedBy" = ?, "approvedById" = ?, "approvedAt" = ?, "version" = "version" + 1 WHERE "id" = ?`, [who.name, callerId(caller), at, id]);
        await appendAuditTx(tx, { actor: who, action: "waiver.approve", targetType: "waiver", targetId: id, targetLabel: label, before: { status: "pending" }, after: { status: "active", approvedBy: who.name }, summary: `approved the blocker waiver of ${label}` }, now);
        await reevaluate(tx, scopeOf(row), formatCause({ kind: "waiver", waiverId: id }), now);
      } else {
        await tx.run(`UPDATE "Waiver" SET "status" = 'rejected', "endedAt" = ?, "endedBy" = ?, "endReason" = ?, "version" = "version" + 1 WHERE "id" = ?`, [at, who.name, how.reason?.trim() || "rejected", id]);
        await appendAuditTx(tx, { actor: who, action: "waiver.reject", targetType: "waiver", targetId: id, targetLabel: label, before: { status: "pending" }, after: { status: "rejected", reason: how.reason ?? null }, summary: `rejected the blocker waiver of ${label}` }, now);
      }
      return null;
    }
    if (row.status !== "active" && row.status !== "pending") return fail(409, "not-active", `Only an active or pending waiver can be revoked (this one is ${row.status}).`);
    await tx.run(`UPDATE "Waiver" SET "status" = 'revoked', "endedAt" = ?, "endedBy" = ?, "endReason" = ?, "version" = "version" + 1 WHERE "id" = ?`, [at, who.name, how.reason?.trim() || "revoked", id]);
    await appendAuditTx(tx, { actor: who, action: "waiver.revoke", targetType: "waiver", targetId: id, targetLabel: label, before: { status: row.status }, after: { status: "revoked", reason: how.reason ?? null }, summary: `revoked the waiver of ${label}` }, now);
    if (row.status === "active") await reevaluate(tx, scopeOf(row), formatCause({ kind: "waiver", waiverId: id }), now);
    return null;
  });
  const after = await getWaiver(id, now);
  if (outcome) return outcome.ok ? outcome : { ...outcome, current: outcome.current ?? after ?? undefined };
  const verb = how.kind === "approve" ? "Approved" : how.kind === "reject" ? "Rejected" : "Revoked";
  return { ok: true, waiver: after!, message: `${verb} the waiver of ${after!.ruleId}${how.kind === "reject" ? "" : "; the results were re-evaluated"}.` };
}

export function approveWaiver(id: string, version: number, caller: WaiverCaller, now = new Date()): Promise<WaiverOutcome> {
  return change(id, version, caller, { kind: "approve" }, now);
}

export function rejectWaiver(id: string, version: number | undefined, caller: WaiverCaller, reason?: string, now = new Date()): Promise<WaiverOutcome> {
  return change(id, version, caller, { kind: "reject", reason }, now);
}

export function revokeWaiver(id: string, version: number, caller: WaiverCaller, reason?: string, now = new Date()): Promise<WaiverOutcome> {
  return change(id, version, caller, { kind: "revoke", reason }, now);
}

/**
 * Marks active (and pending) waivers past their expiry "expired" (audit "waiver.expire" by the system) and
 * re-evaluates what the active ones covered, in one transaction. Returns how many expired.
 */
export async function expireDueWaivers(now = new Date()): Promise<number> {
  return inWriteTx(async (tx) => {
    const due = await tx.all<{ id: string; ruleId: string; scope: string; serverId: string | null; domain: string; status: string; fqdn: string | null }>(
      `SELECT w."id", w."ruleId", w."scope", w."serverId", w."domain", w."status", s."fqdn" FROM "Waiver" w LEFT JOIN "Server" s ON s."id" = w."serverId"
       WHERE w."status" IN ('active', 'pending') AND w."expiresAt" <= ? ORDER BY w."createdAt", w."id"`,
      [sqlDate(now)],
    );
    if (due.length === 0) return 0;
    const domains = new Set<string>();
    const servers = new Set<string>();
    const entries: AuditInput[] = [];
    for (const row of due) {
      await tx.run(`UPDATE "Waiver" SET "status" = 'expired', "endedAt" = ?, "endedBy" = 'system', "endReason" = ?, "version" = "version" + 1 WHERE "id" = ?`, [sqlDate(now), "expired", row.id]);
      const label = labelOf(row);
      entries.push({ actor: SYSTEM_ACTOR, action: "waiver.expire", targetType: "waiver", targetId: row.id, targetLabel: label, before: { status: row.status }, after: { status: "expired" }, summary: `the waiver of ${label} expired` });
      if (row.status !== "active") continue;
      const scope = scopeOf(row);
      for (const domain of scope.domains === "all" ? [] : scope.domains) domains.add(domain);
      for (const server of scope.touched) servers.add(server);
    }
    await appendAuditTx(tx, entries, now);
    if (domains.size > 0 || servers.size > 0) {
      // Server-scope waivers re-evaluate their server only; domain-scope ones every server of the domain.
      await reevaluate(tx, { domains, touched: servers, hostFactsOnly: domains.size === 0 }, formatCause({ kind: "waiver", waiverId: due.length === 1 ? due[0]!.id : null }), now);
    }
    return due.length;
  });
}
