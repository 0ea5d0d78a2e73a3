import "server-only";
import type { AuditActor } from "@/lib/audit/entry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { VERDICTS, type Verdict, formatCause } from "@/lib/readiness";
import { isoDay, ROLLOUT_STATUSES, type RolloutStatus } from "@/lib/rollout/status";
import type { WaveFields, WaveUpdate } from "@/lib/rollout/inputs";
import { appendAudit } from "../audit";
import { db } from "../db";
import { NotFoundError, RolloutRuleError, StaleVersionError, withVersionGuard } from "./errors";
import { refreshWaveGates } from "./gates";

export interface WaveGateState {
  status: "go" | "no-go";
  blockerCount: number;
  summary: string;
  changedAt: string | null;
  changeCause: string | null;
  computedAt: string | null;
}

export interface WaveDto {
  id: string;
  name: string;
  description: string;
  startDate: string | null;
  endDate: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  position: number;
  archivedAt: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  gate: WaveGateState;
}

export interface WaveListItem extends WaveDto {
  servers: number;
  byVerdict: Record<Verdict, number>;
  byStatus: Record<RolloutStatus, number>;
  overdue: number;
}

type WaveRow = Prisma.WaveGetPayload<object>;

export function toWaveDto(row: WaveRow): WaveDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    startDate: row.startDate,
    endDate: row.endDate,
    ownerUserId: row.ownerUserId,
    ownerName: row.ownerName,
    position: row.position,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
    gate: {
      status: row.gateStatus === "go" ? "go" : "no-go",
      blockerCount: row.gateBlockers,
      summary: row.gateSummary,
      changedAt: row.gateChangedAt?.toISOString() ?? null,
      changeCause: row.gateChangeCause,
      computedAt: row.gateComputedAt?.toISOString() ?? null,
    },
  };
}

const zeroVerdicts = () => Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
const zeroStatuses = () => Object.fromEntries(ROLLOUT_STATUSES.map((s) => [s, 0])) as Record<RolloutStatus, number>;

/** Every wave in order with its server counts per verdict and rollout status and its overdue count (three grouped queries). */
export async function listWaves(options: { includeArchived?: boolean } = {}, now = new Date()): Promise<WaveListItem[]> {
  const client = db();
  const rows = await client.wave.findMany({ where: options.includeArchived ? {} : { archivedAt: null }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [verdicts, statuses, overdue] = await Promise.all([
    client.server.groupBy({ by: ["waveId", "verdict"], where: { waveId: { in: ids } }, _count: { _all: true } }),
    client.server.groupBy({ by: ["waveId", "rolloutStatus"], where: { waveId: { in: ids } }, _count: { _all: true } }),
    client.server.groupBy({
      by: ["waveId"],
      where: { waveId: { in: ids }, rolloutTargetDate: { lt: isoDay(now) }, rolloutStatus: { notIn: ["installed", "excluded"] } },
      _count: { _all: true },
    }),
  ]);
  const items = new Map(rows.map((row) => [row.id, { ...toWaveDto(row), servers: 0, byVerdict: zeroVerdicts(), byStatus: zeroStatuses(), overdue: 0 } satisfies WaveListItem]));
  for (const group of verdicts) {
    const item = items.get(group.waveId ?? "");
    if (!item) continue;
    item.servers += group._count._all;
    if ((VERDICTS as readonly string[]).includes(group.verdict)) item.byVerdict[group.verdict as Verdict] += group._count._all;
  }
  for (const group of statuses) {
    const item = items.get(group.waveId ?? "");
    if (item && (ROLLOUT_STATUSES as readonly string[]).includes(group.rolloutStatus)) item.byStatus[group.rolloutStatus as RolloutStatus] += group._count._all;
  }
  for (const group of overdue) {
    const item = items.get(group.waveId ?? "");
    if (item) item.overdue = group._count._all;
  }
  return [...items.values()];
}

export async function getWave(id: string): Promise<WaveDto | null> {
  const row = await db().wave.findUnique({ where: { id } });
  return row ? toWaveDto(row) : null;
}

/** Active waves for pickers (id, name), in order. */
export async function listWaveChoices(): Promise<{ id: string; name: string }[]> {
  return db().wave.findMany({ where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, name: true } });
}

const nameKey = (name: string) => name.trim().toLowerCase();

async function resolveOwner(tx: Prisma.TransactionClient, ownerUserId: string | null | undefined, ownerName: string | null | undefined) {
  if (ownerUserId) {
    const user = await tx.user.findUnique({ where: { id: ownerUserId }, select: { id: true, name: true, email: true } });
    if (!user) throw new RolloutRuleError("That owner is not a user of this app.", "ownerUserId");
    return { ownerUserId: user.id, ownerName: user.name || user.email };
  }
  return { ownerUserId: null, ownerName: ownerName ?? null };
}

async function assertNameFree(tx: Prisma.TransactionClient, name: string, exceptId?: string) {
  const clash = await tx.wave.findUnique({ where: { nameKey: nameKey(name) }, select: { id: true } });
  if (clash && clash.id !== exceptId) throw new RolloutRuleError(`A wave named "${name.trim()}" already exists.`, "name");
}

/** Creates a wave at the end of the order. */
export async function createWave(fields: WaveFields, actor: AuditActor, now = new Date()): Promise<WaveDto> {
  return toWaveDto(await db().$transaction((tx) => createWaveIn(tx, fields, actor, now)));
}

/** What a new wave's gate says before anything was computed: no servers, so no-go. */
export const EMPTY_WAVE_GATE = { gateSummary: "No servers are assigned to this wave.", gateBlockers: 1 } as const;

/**
 * Creates a wave at the end of the order inside the caller's transaction (the wave form, the plan import) and
 * audits it; `source` names where it came from (e.g. the imported plan's file name).
 */
export async function createWaveIn(tx: Prisma.TransactionClient, fields: WaveFields, actor: AuditActor, now: Date, source?: string): Promise<WaveRow> {
  await assertNameFree(tx, fields.name);
  const last = await tx.wave.aggregate({ _max: { position: true } });
  const owner = await resolveOwner(tx, fields.ownerUserId, fields.ownerName);
  const created = await tx.wave.create({
    data: {
      name: fields.name.trim(),
      nameKey: nameKey(fields.name),
      description: fields.description,
      startDate: fields.startDate ?? null,
      endDate: fields.endDate ?? null,
      ...owner,
      position: (last._max.position ?? 0) + 1,
      createdBy: actor.name,
      updatedBy: actor.name,
      ...EMPTY_WAVE_GATE,
      gateComputedAt: now,
    },
  });
  await appendAudit(
    tx,
    {
      actor,
      action: "wave.create",
      targetType: "wave",
      targetId: created.id,
      targetLabel: created.name,
      after: { ...waveAuditView(created), ...(source ? { source } : {}) },
      summary: `created wave ${created.name}${source ? ` (plan import ${source})` : ""}`,
    },
    now,
  );
  return created;
}

function waveAuditView(row: WaveRow) {
  return {
    name: row.name,
    description: row.description,
    startDate: row.startDate,
    endDate: row.endDate,
    owner: row.ownerName,
    position: row.position,
    archived: row.archivedAt !== null,
  };
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a) };
}

/**
 * Edits, reorders, archives or restores a wave. `update.version` must be the stored version (optimistic
 * concurrency): otherwise a StaleVersionError carries the current wave and who changed it last.
 */
export async function updateWave(id: string, update: WaveUpdate, actor: AuditActor, now = new Date()): Promise<WaveDto> {
  const staleWave = (current: WaveRow) =>
    new StaleVersionError(
      `${current.updatedBy} changed this wave since you opened it (version ${current.version}, you had ${update.version}). Review their change and try again.`,
      toWaveDto(current),
      current.updatedBy,
      current.updatedAt.toISOString(),
    );
  const { row, gateInputsChanged } = await withVersionGuard(
    () => db().$transaction(async (tx) => {
      const current = await tx.wave.findUnique({ where: { id } });
      if (!current) throw new NotFoundError("There is no such wave.");
      if (current.version !== update.version) throw staleWave(current);
      if (update.name !== undefined) await assertNameFree(tx, update.name, id);
      const owner = update.ownerUserId !== undefined || update.ownerName !== undefined ? await resolveOwner(tx, update.ownerUserId, update.ownerName) : null;
      const startDate = update.startDate !== undefined ? update.startDate : current.startDate;
      const endDate = update.endDate !== undefined ? update.endDate : current.endDate;
      if (startDate && endDate && startDate > endDate) throw new RolloutRuleError("The window ends before it starts.", "endDate");
      const archivedAt = update.archived === undefined ? current.archivedAt : update.archived ? (current.archivedAt ?? now) : null;

      if (update.position !== undefined && update.position !== current.position) await moveWave(tx, current, update.position);
      const updated = await tx.wave.update({
        where: { id, version: update.version },
        data: {
          ...(update.name !== undefined ? { name: update.name.trim(), nameKey: nameKey(update.name) } : {}),
          ...(update.description !== undefined ? { description: update.description } : {}),
          startDate,
          endDate,
          ...(owner ?? {}),
          archivedAt,
          version: { increment: 1 },
          updatedBy: actor.name,
        },
      });
      const diff = changedFields(waveAuditView(current), waveAuditView(updated));
      const action = update.archived === true && !current.archivedAt ? "wave.archive" : update.archived === false && current.archivedAt ? "wave.unarchive" : diff.changed.length === 1 && diff.changed[0] === "position" ? "wave.reorder" : "wave.update";
      await appendAudit(tx, { actor, action, targetType: "wave", targetId: id, targetLabel: updated.name, before: diff.before, after: diff.after, summary: `${action.replace("wave.", "")} wave ${updated.name}: ${diff.changed.join(", ") || "no change"}` }, now);
      return { row: updated, gateInputsChanged: diff.changed.includes("position") || diff.changed.includes("archived") };
    }),
    async () => {
      const current = await db().wave.findUnique({ where: { id } });
      return current ? staleWave(current) : new NotFoundError("There is no such wave.");
    },
  );
  if (!gateInputsChanged) return toWaveDto(row);
  // The refresh may have moved this wave's gate: answer with the stored gate.
  await refreshWaveGates(formatCause({ kind: "rollout", change: `wave:${id}` }), now);
  return toWaveDto((await db().wave.findUnique({ where: { id } })) ?? row);
}

/** Moves a wave to `position` (1-based) and renumbers the others 1..n without gaps. */
async function moveWave(tx: Prisma.TransactionClient, wave: WaveRow, position: number): Promise<void> {
  const all = await tx.wave.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, position: true } });
  const others = all.filter((w) => w.id !== wave.id);
  const index = Math.min(Math.max(position, 1), all.length) - 1;
  others.splice(index, 0, { id: wave.id, position: wave.position });
  for (let i = 0; i < others.length; i++) {
    const target = i + 1;
    if (others[i]!.id === wave.id) await tx.wave.update({ where: { id: wave.id }, data: { position: target } });
    else if (others[i]!.position !== target) await tx.wave.update({ where: { id: others[i]!.id }, data: { position: target } });
  }
}
