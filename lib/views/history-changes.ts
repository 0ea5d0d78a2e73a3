import { decodeStatuses } from "@/lib/data/ingest/statuses";
import { RESULT_STATUS_LABELS } from "@/lib/readiness";
import type { ResultStatus } from "@/lib/rules";

// Pure: what changed between two consecutive evaluations of a server, and why.

export interface RuleChange {
  ruleId: string;
  /** null when the rule did not apply (or did not exist) in that evaluation. */
  from: ResultStatus | null;
  to: ResultStatus | null;
}

const STATUS_ORDER: Record<ResultStatus, number> = { fail: 0, unknown: 1, waived: 2, pass: 3 };

/** Rules whose status differs between an older and a newer "rule:p|f|u|w" list; worst new status first, then id. */
export function statusChanges(older: string, newer: string): RuleChange[] {
  const before = decodeStatuses(older);
  const after = decodeStatuses(newer);
  const changes: RuleChange[] = [];
  for (const ruleId of new Set([...before.keys(), ...after.keys()])) {
    const from = before.get(ruleId) ?? null;
    const to = after.get(ruleId) ?? null;
    if (from !== to) changes.push({ ruleId, from, to });
  }
  const rank = (status: ResultStatus | null) => (status === null ? 4 : STATUS_ORDER[status]);
  return changes.sort((a, b) => rank(a.to) - rank(b.to) || a.ruleId.localeCompare(b.ruleId));
}

/** Only the rules that started or stopped failing; newly failing first, then by id. */
export function failingChanges(older: string, newer: string): RuleChange[] {
  return statusChanges(older, newer)
    .filter((change) => change.from === "fail" || change.to === "fail")
    .sort((a, b) => Number(b.to === "fail") - Number(a.to === "fail") || a.ruleId.localeCompare(b.ruleId));
}

const statusWord = (status: ResultStatus | null) => (status === null ? "not evaluated" : RESULT_STATUS_LABELS[status].toLowerCase());

/** "host-memory: pass → fail" (a rule that did not apply: "not evaluated"). */
export function ruleChangeText(change: RuleChange): string {
  return `${change.ruleId}: ${statusWord(change.from)} → ${statusWord(change.to)}`;
}

// Causes are built and parsed in lib/readiness/evaluation-cause.ts (one type for writers and readers).
export { causeUploadIds, parseCause, type EvaluationCause as Cause } from "@/lib/readiness";
import type { EvaluationCause as Cause } from "@/lib/readiness";

/** A sentence for a cause; file names come from `uploadNames` (deleted uploads are not in it). */
export function describeCause(cause: Cause, uploadNames: ReadonlyMap<string, string>): string {
  switch (cause.kind) {
    case "upload": {
      const name = uploadNames.get(cause.uploadId);
      return name ? `New data (upload ${name})` : `New data (upload ${cause.uploadId}, since deleted)`;
    }
    case "upload-deleted":
      return `An upload was deleted (${uploadNames.get(cause.uploadId) ?? cause.uploadId})`;
    case "ruleset":
      return cause.version ? `Ruleset changed (${cause.version})` : "Ruleset changed";
    case "attestation":
      return cause.key ? `Tenant attestation recorded (${cause.key})` : "Tenant attestation recorded";
    case "waiver":
      return cause.waiverId ? `Waiver changed (${cause.waiverId})` : "Waiver changed";
    case "rollout":
      return `Rollout changed (${cause.change})`;
    case "other":
      return cause.text;
  }
}
