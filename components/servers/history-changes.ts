import { decodeStatuses } from "@/lib/data/ingest/statuses";
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

export type Cause =
  | { kind: "upload"; uploadId: string }
  | { kind: "upload-deleted"; uploadId: string }
  | { kind: "ruleset"; version: string | null }
  | { kind: "attestation"; key: string | null }
  | { kind: "waiver"; waiverId: string | null }
  | { kind: "other"; text: string };

/** "upload:<id>", "upload-deleted:<id>", "ruleset[:<version>]", "attestation[:<key>]", "waiver[:<id>]". */
export function parseCause(cause: string): Cause {
  const colon = cause.indexOf(":");
  const kind = colon < 0 ? cause : cause.slice(0, colon);
  const rest = colon < 0 ? "" : cause.slice(colon + 1);
  switch (kind) {
    case "upload":
      return rest ? { kind: "upload", uploadId: rest } : { kind: "other", text: cause };
    case "upload-deleted":
      return rest ? { kind: "upload-deleted", uploadId: rest } : { kind: "other", text: cause };
    case "ruleset":
      return { kind: "ruleset", version: rest || null };
    case "attestation":
      return { kind: "attestation", key: rest || null };
    case "waiver":
      return { kind: "waiver", waiverId: rest || null };
    default:
      return { kind: "other", text: cause };
  }
}

/** Upload ids named by causes (to look up their file names). */
export function causeUploadIds(causes: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const cause of causes) {
    const parsed = parseCause(cause);
    if (parsed.kind === "upload" || parsed.kind === "upload-deleted") ids.add(parsed.uploadId);
  }
  return [...ids];
}

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
    case "other":
      return cause.text;
  }
}
