import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { VERDICTS, type Verdict } from "@/lib/readiness";
import { type BurnUpPoint, buildBurnUp } from "@/lib/rollout/progress";
import { isoDay, ROLLOUT_STATUSES, type RolloutStatus } from "@/lib/rollout/status";
import { db } from "../db";

export interface RolloutProgress {
  /** Servers in scope (a wave's members, or every server planned in an active wave). */
  total: number;
  byStatus: Record<RolloutStatus, number>;
  overdue: number;
  /** Servers in scope with a target date (what the plan line counts). */
  withTargetDate: number;
  burnUp: BurnUpPoint[];
}

export interface ReadinessByWave {
  waveId: string;
  name: string;
  total: number;
  byVerdict: Record<Verdict, number>;
}

/** Progress of one wave, or of every active wave together (grouped queries; no per-server rows are loaded). */
export async function getRolloutProgress(waveId: string | null, now = new Date()): Promise<RolloutProgress> {
  const client = db();
  const scope: Prisma.ServerWhereInput = waveId ? { waveId } : { wave: { archivedAt: null } };
  const today = isoDay(now);
  const [statuses, overdue, installed, planned] = await Promise.all([
    client.server.groupBy({ by: ["rolloutStatus"], where: scope, _count: { _all: true } }),
    client.server.count({ where: { ...scope, rolloutTargetDate: { lt: today }, rolloutStatus: { notIn: ["installed", "excluded"] } } }),
    client.server.groupBy({ by: ["rolloutInstalledAt"], where: { ...scope, rolloutStatus: "installed" }, _count: { _all: true } }),
    client.server.groupBy({ by: ["rolloutTargetDate"], where: { ...scope, rolloutStatus: { not: "excluded" }, rolloutTargetDate: { not: null } }, _count: { _all: true } }),
  ]);
  const byStatus = Object.fromEntries(ROLLOUT_STATUSES.map((status) => [status, 0])) as Record<RolloutStatus, number>;
  let total = 0;
  for (const group of statuses) {
    total += group._count._all;
    if ((ROLLOUT_STATUSES as readonly string[]).includes(group.rolloutStatus)) byStatus[group.rolloutStatus as RolloutStatus] += group._count._all;
  }
  const installedByDay = new Map<string, number>();
  for (const group of installed) {
    // Installed before the install day was recorded (e.g. typed on an older version): count from the start.
    const day = group.rolloutInstalledAt ? isoDay(group.rolloutInstalledAt) : "0000-01-01";
    installedByDay.set(day, (installedByDay.get(day) ?? 0) + group._count._all);
  }
  const plannedByDay = new Map<string, number>();
  let withTargetDate = 0;
  for (const group of planned) {
    if (!group.rolloutTargetDate) continue;
    withTargetDate += group._count._all;
    plannedByDay.set(group.rolloutTargetDate, group._count._all);
  }
  const undated = installedByDay.get("0000-01-01");
  if (undated !== undefined) {
    installedByDay.delete("0000-01-01");
    const first = [...installedByDay.keys(), ...plannedByDay.keys(), today].sort()[0]!;
    installedByDay.set(first, (installedByDay.get(first) ?? 0) + undated);
  }
  return { total, byStatus, overdue, withTargetDate, burnUp: buildBurnUp(installedByDay, plannedByDay, today) };
}

/** The same rows from a wave list the caller already has (the rollout page lists the waves anyway). */
export function readinessOfWaves(waves: readonly { id: string; name: string; archivedAt: string | null; servers: number; byVerdict: Record<Verdict, number> }[]): ReadinessByWave[] {
  return waves.filter((wave) => !wave.archivedAt).map((wave) => ({ waveId: wave.id, name: wave.name, total: wave.servers, byVerdict: { ...wave.byVerdict } }));
}

/** Servers per verdict in each active wave, in wave order (for pages that do not list the waves). */
export async function getReadinessByWave(): Promise<ReadinessByWave[]> {
  const client = db();
  const waves = await client.wave.findMany({ where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, name: true } });
  if (waves.length === 0) return [];
  const groups = await client.server.groupBy({ by: ["waveId", "verdict"], where: { waveId: { in: waves.map((wave) => wave.id) } }, _count: { _all: true } });
  const rows = new Map(waves.map((wave) => [wave.id, { waveId: wave.id, name: wave.name, total: 0, byVerdict: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number> }]));
  for (const group of groups) {
    const row = rows.get(group.waveId ?? "");
    if (!row) continue;
    row.total += group._count._all;
    if ((VERDICTS as readonly string[]).includes(group.verdict)) row.byVerdict[group.verdict as Verdict] += group._count._all;
  }
  return [...rows.values()];
}
