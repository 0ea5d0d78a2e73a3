import "server-only";
import { parseCause } from "@/lib/readiness";
import { db } from "./db";

// Why a server's verdict changed, from what is stored: the evaluation's cause ("upload:<id>", "waiver:<id>", …),
// its note ("waiver lapsed: …"), and for waivers the waiver row (granted, or ended: expired / revoked).

export const CHANGE_CAUSES = [
  "upload",
  "upload-deleted",
  "ruleset",
  "waiver-granted",
  "waiver-expired",
  "waiver-revoked",
  "waiver-lapsed",
  "attestation",
  "rollout",
  "other",
] as const;
export type ChangeCause = (typeof CHANGE_CAUSES)[number];

export const CHANGE_CAUSE_LABELS: Readonly<Record<ChangeCause, string>> = {
  upload: "New data uploaded",
  "upload-deleted": "Upload deleted",
  ruleset: "Ruleset changed",
  "waiver-granted": "Waiver granted",
  "waiver-expired": "Waiver expired",
  "waiver-revoked": "Waiver revoked",
  "waiver-lapsed": "Waiver lapsed (evidence changed)",
  attestation: "Tenant attestation recorded",
  rollout: "Rollout change",
  other: "Other",
};

export const CHANGE_CAUSE_HINTS: Readonly<Record<ChangeCause, string>> = {
  upload: "A newer inventory, collector report or export changed the facts these servers are judged on.",
  "upload-deleted": "An upload was deleted; these servers fell back to older facts.",
  ruleset: "The rules changed (a new version of the app); the same facts were judged again.",
  "waiver-granted": "A risk was accepted for a failing rule, so it no longer counts against the server.",
  "waiver-expired": "A waiver reached its expiry date; the rule counts again.",
  "waiver-revoked": "A waiver was revoked (or rejected); the rule counts again.",
  "waiver-lapsed": "The evidence a waiver accepted changed, so the waiver no longer applies.",
  attestation: "A tenant attestation (a fact a person confirmed) changed shared results.",
  rollout: "A rollout change re-evaluated these servers.",
  other: "An evaluation this version does not name.",
};

/** One stored evaluation that changed a verdict: its cause text, note and time. */
export interface CauseInput {
  cause: string;
  note: string | null;
  at: string;
}

export interface ClassifiedCause {
  kind: ChangeCause;
  /** What exactly: the upload's file name, the waiver's rule, the ruleset version, the attestation key. */
  detail: string | null;
}

/** Classifies the causes of many changes with a few lookups (uploads, deleted uploads, waivers). */
export async function classifyCauses(inputs: readonly CauseInput[]): Promise<ClassifiedCause[]> {
  const parsed = inputs.map((input) => parseCause(input.cause));
  const uploadIds = new Set<string>();
  const deletedIds = new Set<string>();
  const waiverIds = new Set<string>();
  for (const cause of parsed) {
    if (cause.kind === "upload") uploadIds.add(cause.uploadId);
    if (cause.kind === "upload-deleted") deletedIds.add(cause.uploadId);
    if (cause.kind === "waiver" && cause.waiverId) waiverIds.add(cause.waiverId);
  }
  const [uploads, deletions, waivers] = await Promise.all([
    uploadIds.size ? db().upload.findMany({ where: { id: { in: [...uploadIds] } }, select: { id: true, fileName: true } }) : [],
    deletedIds.size
      ? db().auditEntry.findMany({ where: { action: "upload.delete", targetId: { in: [...deletedIds] } }, select: { targetId: true, targetLabel: true } })
      : [],
    waiverIds.size
      ? db().waiver.findMany({
          where: { id: { in: [...waiverIds] } },
          select: { id: true, ruleId: true, status: true, endedAt: true, server: { select: { name: true } }, domain: true, scope: true },
        })
      : [],
  ]);
  const fileNames = new Map(uploads.map((u) => [u.id, u.fileName]));
  const deletedNames = new Map(deletions.map((d) => [d.targetId ?? "", d.targetLabel ?? ""]));
  const waiverById = new Map(waivers.map((w) => [w.id, w]));

  return inputs.map((input, index): ClassifiedCause => {
    const cause = parsed[index]!;
    if (input.note?.includes("waiver lapsed:") || input.note?.includes("waiver no longer covers")) return { kind: "waiver-lapsed", detail: input.note };
    switch (cause.kind) {
      case "upload":
        return { kind: "upload", detail: fileNames.get(cause.uploadId) ?? null };
      case "upload-deleted":
        return { kind: "upload-deleted", detail: deletedNames.get(cause.uploadId) || null };
      case "ruleset":
        return { kind: "ruleset", detail: cause.version ? `ruleset ${cause.version}` : null };
      case "attestation":
        return { kind: "attestation", detail: cause.key };
      case "rollout":
        return { kind: "rollout", detail: cause.change };
      case "other":
        return { kind: "other", detail: cause.text };
      case "waiver": {
        // The expiry sweep names no waiver when several expired at once.
        if (!cause.waiverId) return { kind: "waiver-expired", detail: null };
        const waiver = waiverById.get(cause.waiverId);
        if (!waiver) return { kind: "waiver-granted", detail: null };
        const detail = `${waiver.ruleId} on ${waiver.scope === "server" ? (waiver.server?.name ?? waiver.domain) : waiver.domain}`;
        // The evaluation that ended a waiver runs at its endedAt; earlier ones granted it.
        const ended = waiver.endedAt !== null && waiver.endedAt.getTime() <= Date.parse(input.at);
        if (!ended) return { kind: "waiver-granted", detail };
        if (waiver.status === "expired") return { kind: "waiver-expired", detail };
        if (waiver.status === "lapsed") return { kind: "waiver-lapsed", detail };
        return { kind: "waiver-revoked", detail };
      }
    }
  });
}
