import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { acceptedEvidenceSchema, domainFactsFor, engine, evidenceChangedText, scopeForDomain, type Waiver, type WaiverLapse } from "@/lib/readiness";
import type { RuleContext, RuleResult } from "@/lib/rules";
import { appendAuditTx } from "../audit";
import { sqlDate } from "../sqlite/connection";
import type { WriteTx } from "../write-tx";
import { loadContextState, type LoadedServer } from "./state";
import { hasStatus } from "./statuses";

// RAW SQL (portable, inside the evaluation write transaction): the waivers an evaluation applies, and their lapse.

type ActiveRow = {
  id: string;
  ruleId: string;
  scope: string;
  serverId: string | null;
  domain: string;
  approvedBy: string | null;
  requestedBy: string;
  reason: string;
  expiresAt: string;
  acceptedJson: string;
};

const acceptedListSchema = acceptedEvidenceSchema.array();

/** An active waiver as stored, in the form the pure readiness code applies. */
export function toWaiverInput(row: Pick<ActiveRow, "id" | "ruleId" | "scope" | "approvedBy" | "requestedBy" | "reason" | "acceptedJson"> & { expiresAt: string | Date }): Waiver {
  let accepted: Waiver["accepted"] = [];
  try {
    const parsed = acceptedListSchema.safeParse(JSON.parse(row.acceptedJson));
    if (parsed.success) accepted = parsed.data;
  } catch {
    accepted = [];
  }
  return {
    id: row.id,
    ruleId: row.ruleId,
    scope: row.scope === "domain" ? "domain" : "server",
    by: row.approvedBy ?? row.requestedBy,
    reason: row.reason,
    expiresAt: new Date(row.expiresAt).toISOString(),
    accepted,
  };
}

/** Every active waiver, loaded once per evaluation and grouped by server and by domain. */
export interface ActiveWaivers {
  count: number;
  byServer: Map<string, Waiver[]>;
  byDomain: Map<string, Waiver[]>;
  /** Where each waiver applies (for audit labels). */
  subject: Map<string, { serverId: string | null; domain: string }>;
  /** Waivers that lapsed during this evaluation (no longer applied). */
  ended: Set<string>;
}

export async function loadActiveWaivers(tx: WriteTx): Promise<ActiveWaivers> {
  const rows = await tx.all<ActiveRow>(
    `SELECT "id", "ruleId", "scope", "serverId", "domain", "approvedBy", "requestedBy", "reason", "expiresAt", "acceptedJson" FROM "Waiver" WHERE "status" = 'active' ORDER BY "createdAt", "id"`,
  );
  const out: ActiveWaivers = { count: rows.length, byServer: new Map(), byDomain: new Map(), subject: new Map(), ended: new Set() };
  for (const row of rows) {
    const waiver = toWaiverInput(row);
    const map = waiver.scope === "server" ? out.byServer : out.byDomain;
    const key = waiver.scope === "server" ? (row.serverId ?? "") : row.domain;
    const list = map.get(key);
    if (list) list.push(waiver);
    else map.set(key, [waiver]);
    out.subject.set(row.id, { serverId: row.serverId, domain: row.domain });
  }
  return out;
}

/** Waivers to apply to one server's host results: its own, then its domain's (minus those that lapsed). */
export function waiversForServer(active: ActiveWaivers, serverId: string, domain: string): Waiver[] {
  const own = active.byServer.get(serverId);
  const shared = active.byDomain.get(domain);
  const list = own && shared ? [...own, ...shared] : (own ?? shared ?? []);
  return active.ended.size === 0 ? list : list.filter((w) => !active.ended.has(w.id));
}

/** Ends lapsed waivers: status "lapsed", the end reason, and a "waiver.lapse" audit entry by the system. */
export async function recordLapses(tx: WriteTx, active: ActiveWaivers, lapses: readonly WaiverLapse[], now: Date, label: string): Promise<void> {
  for (const lapse of lapses) {
    if (active.ended.has(lapse.waiverId)) continue;
    active.ended.add(lapse.waiverId);
    const reason = evidenceChangedText(lapse);
    await tx.run(
      `UPDATE "Waiver" SET "status" = 'lapsed', "endedAt" = ?, "endedBy" = 'system', "endReason" = ?, "version" = "version" + 1 WHERE "id" = ? AND "status" = 'active'`,
      [sqlDate(now), reason, lapse.waiverId],
    );
    await appendAuditTx(
      tx,
      {
        actor: SYSTEM_ACTOR,
        action: "waiver.lapse",
        targetType: "waiver",
        targetId: lapse.waiverId,
        targetLabel: `${lapse.ruleId} on ${label}`,
        before: { status: "active" },
        after: { status: "lapsed", endReason: reason },
        summary: `waiver lapsed: ${reason}`,
      },
      now,
    );
  }
}

/** The history note of a server whose waiver lapsed, or that a domain waiver no longer covers. */
export function lapseNote(lapse: WaiverLapse): string {
  return `waiver lapsed: ${evidenceChangedText(lapse)}`;
}

export function uncoveredNote(miss: WaiverLapse): string {
  return `domain waiver no longer covers this server (${miss.ruleId}): ${evidenceChangedText(miss)}`;
}

/** True when the encoded statuses say `ruleId` was waived. */
export function wasWaived(statuses: string, ruleId: string): boolean {
  return hasStatus(statuses, ruleId, "waived");
}

/** The current host results of `servers` (their domain's context, as reevaluate builds it), without waivers. */
export async function currentHostResults(tx: WriteTx, servers: readonly LoadedServer[], asOf: Date): Promise<Map<string, RuleResult[]>> {
  const state = await loadContextState(tx);
  const iso = asOf.toISOString();
  const contexts = new Map<string, RuleContext>();
  const out = new Map<string, RuleResult[]>();
  for (const server of servers) {
    let ctx = contexts.get(server.domain);
    if (!ctx) {
      const own = state.domains[server.domain];
      ctx = { asOf: iso, domain: domainFactsFor(server.domain, own?.domain), acl: own?.acl, tenant: state.tenant, scope: scopeForDomain(server.domain, own?.scope, state.scope), fleet: state.fleet };
      contexts.set(server.domain, ctx);
    }
    out.set(server.id, engine.evaluateHost({ ...ctx, host: server.facts }));
  }
  return out;
}
