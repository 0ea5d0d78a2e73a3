/**
 * Why an evaluation ran, stored with each history row and readiness snapshot (Evaluation.cause,
 * ReadinessSnapshot.cause) as text: "upload:<id>", "upload-deleted:<id>", "ruleset[:<version>]",
 * "attestation[:<key>]", "waiver[:<id>]", and for wave gates also "rollout:<change>" (a server's FQDN, "bulk",
 * "wave:<id>", "plan-import:<sha256 prefix>"). Built and parsed only here, so writers and readers agree.
 */
export type EvaluationCause =
  | { kind: "upload"; uploadId: string }
  | { kind: "upload-deleted"; uploadId: string }
  | { kind: "ruleset"; version: string | null }
  | { kind: "attestation"; key: string | null }
  | { kind: "waiver"; waiverId: string | null }
  /** A rollout change (membership, status, order, archive, plan import): recorded as what flipped a wave's gate. */
  | { kind: "rollout"; change: string }
  /** Text this version does not know (written by a newer or older version); shown as it is. */
  | { kind: "other"; text: string };

/** The stored text of a cause. */
export function formatCause(cause: EvaluationCause): string {
  switch (cause.kind) {
    case "upload":
    case "upload-deleted":
      return `${cause.kind}:${cause.uploadId}`;
    case "ruleset":
      return cause.version === null ? "ruleset" : `ruleset:${cause.version}`;
    case "attestation":
      return cause.key === null ? "attestation" : `attestation:${cause.key}`;
    case "waiver":
      return cause.waiverId === null ? "waiver" : `waiver:${cause.waiverId}`;
    case "rollout":
      return `rollout:${cause.change}`;
    case "other":
      return cause.text;
  }
}

/** Reads a stored cause; unknown text becomes `{ kind: "other" }`. `parseCause(formatCause(c))` equals `c`. */
export function parseCause(cause: string): EvaluationCause {
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
    case "rollout":
      return rest ? { kind: "rollout", change: rest } : { kind: "other", text: cause };
    default:
      return { kind: "other", text: cause };
  }
}

/** Upload ids named by stored causes (to look up their file names). */
export function causeUploadIds(causes: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const cause of causes) {
    const parsed = parseCause(cause);
    if (parsed.kind === "upload" || parsed.kind === "upload-deleted") ids.add(parsed.uploadId);
  }
  return [...ids];
}
