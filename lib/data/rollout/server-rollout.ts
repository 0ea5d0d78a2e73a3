import "server-only";
import { formatCause } from "@/lib/readiness";
import type { AuditActor, AuditInput } from "@/lib/audit/entry";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RolloutBulkChange, RolloutPatch } from "@/lib/rollout/inputs";
import { isoDay, ROLLOUT_STATUS_LABELS, type RolloutStatus } from "@/lib/rollout/status";
import { appendAudit } from "../audit";
import { db } from "../db";
import { ROLLOUT_SELECT, type ServerRollout, toServerRollout } from "../servers";
import { NotFoundError, RolloutRuleError, StaleVersionError, withVersionGuard } from "./errors";
import { refreshWaveGates } from "./gates";

/** Rollout statuses the wave gates read (lib/data/rollout/gates.ts): a change to or from one of them moves a gate. */
const GATE_STATUSES: ReadonlySet<string> = new Set<RolloutStatus>(["installed", "excluded"]);

// Per-server rollout changes: one server (with optimistic concurrency), a selection or a list filter (bulk),
// and the plan import. Every change writes its audit entries in the same transaction.

export const ROLLOUT_ROW_SELECT = {
  id: true,
  fqdn: true,
  name: true,
  waveId: true,
  ...ROLLOUT_SELECT,
} satisfies Prisma.ServerSelect;
export type RolloutRow = Prisma.ServerGetPayload<{ select: typeof ROLLOUT_ROW_SELECT }>;

/** One server's rollout as a change answers it: its name and the same fields the server list shows. */
export interface RolloutState extends ServerRollout {
  fqdn: string;
  name: string;
}

export function toRolloutState(row: RolloutRow, now = new Date()): RolloutState {
  return { fqdn: row.fqdn, name: row.name, ...toServerRollout(row, isoDay(now)) };
}

export type WaveInfo = { id: string; name: string; archived: boolean };

/** Active waves by id (a change may only assign to an active wave). */
export async function loadWaveInfo(tx: Prisma.TransactionClient): Promise<Map<string, WaveInfo>> {
  const waves = await tx.wave.findMany({ select: { id: true, name: true, archivedAt: true } });
  return new Map(waves.map((wave) => [wave.id, { id: wave.id, name: wave.name, archived: wave.archivedAt !== null }]));
}

/** What a change does to one server: the columns to write and the audit entries, or null when nothing changes. */
export function planRolloutChange(
  row: RolloutRow,
  change: RolloutBulkChange,
  waves: ReadonlyMap<string, WaveInfo>,
  actor: AuditActor,
  now: Date,
): { data: Prisma.ServerUpdateManyMutationInput & { waveId?: string | null }; audits: AuditInput[]; membershipChanged: boolean; gateStatusChanged: boolean } | null {
  const data: Prisma.ServerUpdateManyMutationInput & { waveId?: string | null } = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const audits: AuditInput[] = [];
  const target = { targetType: "server" as const, targetId: row.fqdn, targetLabel: row.name };
  let membershipChanged = false;
  let gateStatusChanged = false;

  if (change.waveId !== undefined && change.waveId !== row.waveId) {
    const next = change.waveId === null ? null : waves.get(change.waveId);
    if (next === undefined) throw new RolloutRuleError("There is no such wave.", "waveId");
    if (next && next.archived) throw new RolloutRuleError(`The wave "${next.name}" is archived; restore it before assigning servers to it.`, "waveId");
    const previous = row.waveId ? { id: row.waveId, name: row.wave?.name ?? row.waveId, archived: row.wave?.archivedAt != null } : null;
    data.waveId = next?.id ?? null;
    membershipChanged = true;
    const beforeWave = previous ? { id: previous.id, name: previous.name } : null;
    const afterWave = next ? { id: next.id, name: next.name } : null;
    if (!next) audits.push({ actor, action: "rollout.unassign", ...target, before: { wave: beforeWave }, after: { wave: null }, summary: `removed from ${previous?.name}` });
    else if (previous && !previous.archived) audits.push({ actor, action: "rollout.move", ...target, before: { wave: beforeWave }, after: { wave: afterWave }, summary: `moved from ${previous.name} to ${next.name}` });
    else audits.push({ actor, action: "rollout.assign", ...target, before: { wave: beforeWave }, after: { wave: afterWave }, summary: `assigned to ${next.name}${previous ? ` (was in archived ${previous.name})` : ""}` });
  }
  if (change.status !== undefined && change.status !== row.rolloutStatus) {
    before.status = row.rolloutStatus;
    after.status = change.status;
    data.rolloutStatus = change.status;
    data.rolloutStatusSource = "typed";
    data.rolloutDetectedUploadId = null;
    data.rolloutInstalledAt = change.status === "installed" ? now : null;
    // The gates read only these two statuses (excluded members are not counted; installed ones count as installs).
    gateStatusChanged = GATE_STATUSES.has(row.rolloutStatus) || GATE_STATUSES.has(change.status);
  }
  for (const [field, column] of [
    ["owner", "rolloutOwner"],
    ["targetDate", "rolloutTargetDate"],
    ["note", "rolloutNote"],
  ] as const) {
    const value = change[field];
    if (value !== undefined && value !== row[column]) {
      before[field] = row[column];
      after[field] = value;
      data[column] = value;
    }
  }
  if (Object.keys(after).length > 0) {
    const words = Object.keys(after).map((key) => (key === "status" ? `status ${ROLLOUT_STATUS_LABELS[after.status as RolloutStatus]}` : key));
    audits.push({ actor, action: "rollout.update", ...target, before, after, summary: `set ${words.join(", ")}` });
  }
  if (audits.length === 0) return null;
  data.rolloutVersion = { increment: 1 };
  data.rolloutUpdatedAt = now;
  data.rolloutUpdatedBy = actor.name;
  return { data, audits, membershipChanged, gateStatusChanged };
}

/**
 * Changes one server's rollout fields. `patch.version` must be the stored version: otherwise a
 * StaleVersionError carries the current state and who changed it last.
 */
export async function updateServerRollout(fqdn: string, patch: RolloutPatch, actor: AuditActor, now = new Date()): Promise<RolloutState> {
  const staleServer = (row: RolloutRow) =>
    new StaleVersionError(
      `${row.rolloutUpdatedBy ?? "Someone"} changed this server's rollout since you opened it (version ${row.rolloutVersion}, you had ${patch.version}). Review their change and try again.`,
      toRolloutState(row, now),
      row.rolloutUpdatedBy,
      row.rolloutUpdatedAt?.toISOString() ?? null,
    );
  const { state, gateChanged } = await withVersionGuard(
    () => db().$transaction(async (tx) => {
      const row = await tx.server.findUnique({ where: { fqdn: fqdn.toLowerCase() }, select: ROLLOUT_ROW_SELECT });
      if (!row) throw new NotFoundError(`There is no server ${fqdn}.`);
      if (row.rolloutVersion !== patch.version) throw staleServer(row);
      const change: RolloutBulkChange = { waveId: patch.waveId, status: patch.status, owner: patch.owner, targetDate: patch.targetDate, note: patch.note };
      const plan = planRolloutChange(row, change, await loadWaveInfo(tx), actor, now);
      if (!plan) return { state: toRolloutState(row, now), gateChanged: false };
      const updated = await tx.server.update({ where: { id: row.id, rolloutVersion: patch.version }, data: plan.data, select: ROLLOUT_ROW_SELECT });
      await appendAudit(tx, plan.audits, now);
      return { state: toRolloutState(updated, now), gateChanged: plan.membershipChanged || plan.gateStatusChanged };
    }),
    async () => {
      const row = await db().server.findUnique({ where: { fqdn: fqdn.toLowerCase() }, select: ROLLOUT_ROW_SELECT });
      return row ? staleServer(row) : new NotFoundError(`There is no server ${fqdn}.`);
    },
  );
  if (gateChanged) await refreshWaveGates(formatCause({ kind: "rollout", change: state.fqdn }), now);
  return state;
}
