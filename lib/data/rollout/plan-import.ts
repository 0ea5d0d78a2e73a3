import "server-only";
import { formatCause } from "@/lib/readiness";
import { createHash } from "node:crypto";
import type { AuditActor, AuditInput } from "@/lib/audit/entry";
import { MAX_ISSUES_PER_FILE } from "@/lib/ingest/limits";
import type { ParseIssue } from "@/lib/ingest/types";
import { displayValue } from "@/lib/ingest/text/display";
import { parsePlanCsv, type PlanRow } from "@/lib/rollout/plan-csv";
import type { RolloutBulkChange } from "@/lib/rollout/inputs";
import { appendAudit } from "../audit";
import { db } from "../db";
import { refreshWaveGates } from "./gates";
import { resolveServerNames } from "./resolve-servers";
import { planRolloutChange, ROLLOUT_ROW_SELECT, type RolloutRow, type WaveInfo } from "./server-rollout";
import { type ServerPatch, writeServerPatches } from "./write-patches";
import { createWaveIn } from "./waves";
import { plural } from "@/lib/text/plural";

// The rollout plan import (lib/rollout/plan-csv.ts is the format): resolve every row's server and wave, then
// either report what would change (dry run) or apply it, all in ONE transaction. Any row error refuses the whole
// file and nothing is written. Re-applying the same plan changes nothing ("no changes") and writes nothing.

export type PlanChangeField = "wave" | "status" | "owner" | "targetDate" | "note";

export interface PlanFieldChange {
  field: PlanChangeField;
  before: string | null;
  after: string | null;
}

export interface PlanServerChange {
  row: number;
  /** The stored FQDN of the server the row names. */
  server: string;
  name: string;
  changes: PlanFieldChange[];
}

export interface PlanImportOutcome {
  status: "preview" | "committed" | "refused";
  fileName: string;
  sha256: string;
  /** Data rows in the file. */
  rows: number;
  /** Servers that change (or would change). */
  changed: number;
  /** Rows that match what is stored. */
  unchanged: number;
  /** Per changed server, in file order; the first MAX_LISTED_CHANGES only (see changesTruncated). */
  changes: PlanServerChange[];
  changesTruncated: boolean;
  /** Waves the plan names that do not exist yet: created (at the end of the order) when the plan is applied. */
  wavesToCreate: string[];
  issues: ParseIssue[];
  /** One sentence for people. */
  message: string;
}

export interface ImportRolloutPlanInput {
  fileName: string;
  bytes: Uint8Array;
  dryRun: boolean;
  actor: AuditActor;
  now?: Date;
}

export const MAX_LISTED_CHANGES = 5_000;
const CHUNK = 5_000;

const newWaveId = (key: string) => `new:${key}`;
const waveKey = (name: string) => name.trim().toLowerCase();

function toChange(row: PlanRow, waveIds: ReadonlyMap<string, string>): RolloutBulkChange {
  const change: RolloutBulkChange = {};
  if (row.wave !== undefined) change.waveId = row.wave === null ? null : waveIds.get(waveKey(row.wave))!;
  if (row.status !== undefined) change.status = row.status;
  if (row.owner !== undefined) change.owner = row.owner;
  if (row.targetDate !== undefined) change.targetDate = row.targetDate;
  if (row.note !== undefined) change.note = row.note;
  return change;
}

function describe(row: RolloutRow, change: RolloutBulkChange, waves: ReadonlyMap<string, WaveInfo>): PlanFieldChange[] {
  const list: PlanFieldChange[] = [];
  if (change.waveId !== undefined && change.waveId !== row.waveId) {
    list.push({ field: "wave", before: row.waveId ? (row.wave?.name ?? row.waveId) : null, after: change.waveId === null ? null : (waves.get(change.waveId)?.name ?? change.waveId) });
  }
  if (change.status !== undefined && change.status !== row.rolloutStatus) list.push({ field: "status", before: row.rolloutStatus, after: change.status });
  if (change.owner !== undefined && change.owner !== row.rolloutOwner) list.push({ field: "owner", before: row.rolloutOwner, after: change.owner });
  if (change.targetDate !== undefined && change.targetDate !== row.rolloutTargetDate) list.push({ field: "targetDate", before: row.rolloutTargetDate, after: change.targetDate });
  if (change.note !== undefined && change.note !== row.rolloutNote) list.push({ field: "note", before: row.rolloutNote, after: change.note });
  return list;
}

function summaryMessage(outcome: Omit<PlanImportOutcome, "message">): string {
  if (outcome.status === "refused") {
    const errors = outcome.issues.filter((issue) => issue.severity === "error").length;
    return `${outcome.fileName} was refused (${errors} error${errors === 1 ? "" : "s"}); nothing was changed. Fix the rows listed and upload it again.`;
  }
  if (outcome.changed === 0 && outcome.wavesToCreate.length === 0) return `No changes: ${outcome.rows === 1 ? "the row" : `all ${plural(outcome.rows, "row")}`} of ${outcome.fileName} ${outcome.rows === 1 ? "matches" : "match"} the stored plan.`;
  const waves = outcome.wavesToCreate.length > 0 ? `, ${plural(outcome.wavesToCreate.length, "new wave")}` : "";
  return outcome.status === "preview"
    ? `Preview: ${plural(outcome.changed, "server")} would change${waves}; ${plural(outcome.unchanged, "row")} already ${outcome.unchanged === 1 ? "matches" : "match"}. Nothing is stored until you apply the plan.`
    : `Applied: ${plural(outcome.changed, "server")} changed${waves}; ${plural(outcome.unchanged, "row")} already matched.`;
}

/**
 * Imports a rollout plan CSV: dry run (preview) or commit, atomically. Rows are resolved like the inventory
 * (FQDN or NetBIOS name, case-insensitive); a wave is found by name (case-insensitive) or created at the end
 * of the order; an archived wave, an unknown or ambiguous server, or one server on two rows refuses the file.
 */
export async function importRolloutPlan(input: ImportRolloutPlanInput): Promise<PlanImportOutcome> {
  const now = input.now ?? new Date();
  const fileName = input.fileName || "plan.csv";
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const parsed = parsePlanCsv(fileName, input.bytes);
  const issues = [...parsed.issues];
  const serverColumn = parsed.columns.server ?? "server";
  const waveColumn = parsed.columns.wave ?? "wave";
  const base = { fileName, sha256, rows: parsed.records, changed: 0, unchanged: 0, changes: [] as PlanServerChange[], changesTruncated: false, wavesToCreate: [] as string[] };
  const finish = (outcome: Omit<PlanImportOutcome, "message">): PlanImportOutcome => ({ ...outcome, message: summaryMessage(outcome) });

  // A file-level error (undecodable, no server column, over the limits): nothing to resolve.
  if (issues.some((issue) => issue.severity === "error" && issue.row === undefined)) return finish({ ...base, status: "refused", issues });
  let parseErrors = issues.some((issue) => issue.severity === "error");
  let dropped = 0;
  const rowError = (row: number, column: string, message: string) => {
    parseErrors = true;
    if (issues.length >= MAX_ISSUES_PER_FILE) dropped++;
    else issues.push({ file: fileName, row, column, message, severity: "error" });
  };

  const result = await db().$transaction(
    async (tx) => {
      // Servers, in chunks (one query per 5,000 names), then duplicates by resolved server (NetBIOS + FQDN of one server).
      const { ids, problems } = await resolveServerNames(
        tx,
        parsed.rows.map((row) => row.server),
      );
      const planned: { row: PlanRow; id: string }[] = [];
      const rowOfServer = new Map<string, number>();
      for (const row of parsed.rows) {
        const problem = problems.get(row.server.trim());
        const id = ids.get(row.server.trim());
        if (problem !== undefined || id === undefined) {
          rowError(row.row, serverColumn, problem ?? `No server is named ${displayValue(row.server)} (FQDN or NetBIOS name).`);
          continue;
        }
        const first = rowOfServer.get(id);
        if (first !== undefined) {
          rowError(row.row, serverColumn, `${displayValue(row.server)} is the same server as row ${first}; a server may appear once per plan.`);
          continue;
        }
        rowOfServer.set(id, row.row);
        planned.push({ row, id });
      }

      // Waves by name (case-insensitive); unknown names are created at the end of the order, archived ones refuse the row.
      const existing = await tx.wave.findMany({ select: { id: true, name: true, nameKey: true, archivedAt: true } });
      const byKey = new Map(existing.map((wave) => [wave.nameKey, wave]));
      const waves = new Map<string, WaveInfo>(existing.map((wave) => [wave.id, { id: wave.id, name: wave.name, archived: wave.archivedAt !== null }]));
      const waveIds = new Map<string, string>();
      const toCreate = new Map<string, string>();
      for (const { row } of planned) {
        if (row.wave === undefined || row.wave === null) continue;
        const key = waveKey(row.wave);
        const wave = byKey.get(key);
        if (wave?.archivedAt) {
          rowError(row.row, waveColumn, `The wave ${displayValue(wave.name)} is archived; restore it before assigning servers to it, or name another wave.`);
        } else if (wave) waveIds.set(key, wave.id);
        else if (!toCreate.has(key)) {
          toCreate.set(key, row.wave.trim());
          waveIds.set(key, newWaveId(key));
          waves.set(newWaveId(key), { id: newWaveId(key), name: row.wave.trim(), archived: false });
        }
      }
      const wavesToCreate = [...toCreate.values()];
      if (parseErrors) return { status: "refused" as const, wavesToCreate, changed: 0, unchanged: 0, changes: [], gateChanged: false };

      // Stored rollout state, one query per chunk.
      const rows = new Map<string, RolloutRow>();
      for (let i = 0; i < planned.length; i += CHUNK) {
        const chunk = planned.slice(i, i + CHUNK).map((entry) => entry.id);
        for (const row of await tx.server.findMany({ where: { id: { in: chunk } }, select: ROLLOUT_ROW_SELECT })) rows.set(row.id, row);
      }

      // Applying: create the new waves first so the plan (and its audit entries) carry their real ids.
      const audits: AuditInput[] = [];
      if (!input.dryRun && wavesToCreate.length > 0) {
        for (const [key, name] of toCreate) {
          const created = await createWaveIn(tx, { name, description: "" }, input.actor, now, fileName);
          waves.delete(newWaveId(key));
          waves.set(created.id, { id: created.id, name: created.name, archived: false });
          waveIds.set(key, created.id);
        }
      }

      const changes: PlanServerChange[] = [];
      const updates: { id: string; data: ServerPatch }[] = [];
      let changed = 0;
      let gateChanged = false;
      for (const { row, id } of planned) {
        const stored = rows.get(id);
        if (!stored) {
          // Deleted between resolving and reading (another request): refuse rather than half-apply.
          rowError(row.row, serverColumn, `${displayValue(row.server)} was removed while the plan was being read; upload it again.`);
          continue;
        }
        const change = toChange(row, waveIds);
        const plan = planRolloutChange(stored, change, waves, input.actor, now);
        if (!plan) continue;
        changed++;
        gateChanged ||= plan.membershipChanged || plan.gateStatusChanged;
        if (changes.length < MAX_LISTED_CHANGES) changes.push({ row: row.row, server: stored.fqdn, name: stored.name, changes: describe(stored, change, waves) });
        if (input.dryRun) continue;
        updates.push({ id, data: plan.data });
        audits.push(...plan.audits);
      }
      if (parseErrors) {
        // Only reachable on a concurrent delete; throwing rolls back the waves created above.
        throw new PlanRefused();
      }
      const unchanged = planned.length - changed;
      if (input.dryRun) return { status: "preview" as const, wavesToCreate, changed, unchanged, changes, gateChanged: false };

      await writeServerPatches(tx, updates, input.actor, now);
      if (changed > 0 || wavesToCreate.length > 0) {
        audits.push({
          actor: input.actor,
          action: "rollout.plan-import",
          targetType: "server",
          targetLabel: fileName,
          after: { file: fileName, sha256, rows: parsed.records, changed, unchanged, wavesCreated: wavesToCreate },
          summary: `imported plan ${fileName}: ${plural(changed, "server")} changed, ${unchanged} unchanged${wavesToCreate.length ? `, ${plural(wavesToCreate.length, "wave")} created` : ""}`,
        });
        await appendAudit(tx, audits, now);
      }
      return { status: "committed" as const, wavesToCreate, changed, unchanged, changes, gateChanged: gateChanged || wavesToCreate.length > 0 };
    },
    { timeout: 120_000, maxWait: 30_000 },
  ).catch((error: unknown) => {
    if (error instanceof PlanRefused) return { status: "refused" as const, wavesToCreate: [] as string[], changed: 0, unchanged: 0, changes: [] as PlanServerChange[], gateChanged: false };
    throw error;
  });

  if (result.gateChanged) await refreshWaveGates(formatCause({ kind: "rollout", change: `plan-import:${sha256.slice(0, 12)}` }), now);
  const sorted = issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (dropped > 0) {
    sorted.push({ file: fileName, severity: "warning", message: `${dropped} more row error(s) are not listed (only the first ${MAX_ISSUES_PER_FILE} are kept). Fix the ones shown and upload again to see the rest.` });
  }
  if (result.status === "refused") return finish({ ...base, status: "refused", wavesToCreate: result.wavesToCreate, issues: sorted });
  return finish({
    ...base,
    status: result.status,
    changed: result.changed,
    unchanged: result.unchanged,
    changes: result.changes,
    changesTruncated: result.changed > result.changes.length,
    wavesToCreate: result.wavesToCreate,
    issues: sorted,
  });
}

/** Private sentinel: aborts (rolls back) the transaction when a row turns bad after writes began. */
class PlanRefused extends Error {}
