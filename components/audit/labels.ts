import type { AuditActorKind } from "@/lib/audit/entry";

/** Where an entry's target can be opened, when it has a page of its own. */
export function auditTargetHref(entry: { targetType: string; targetId: string | null; targetLabel: string | null }): string | null {
  switch (entry.targetType) {
    case "server": {
      // Server entries carry the FQDN as targetId (the label is the NetBIOS name); bulk entries have no single target.
      return entry.targetId ? `/servers/${encodeURIComponent(entry.targetId)}` : null;
    }
    case "upload":
      return entry.targetId ? `/uploads/${encodeURIComponent(entry.targetId)}` : null;
    case "wave":
      return entry.targetId ? `/rollout/waves/${encodeURIComponent(entry.targetId)}` : null;
    case "waiver":
      return "/rollout/waivers";
    default:
      return null;
  }
}

export const ACTOR_KIND_LABELS: Record<AuditActorKind, string> = {
  user: "Person",
  token: "API token",
  system: "System",
  anonymous: "Not signed in",
};

export const TARGET_TYPE_LABELS: Record<string, string> = {
  wave: "Wave",
  server: "Server",
  waiver: "Waiver",
  attestation: "Attestation",
  upload: "Upload",
  user: "User",
  token: "API token",
  session: "Sign-in",
  report: "Report or export",
};

export const ACTION_FAMILY_LABELS: Record<string, string> = {
  "wave.": "Waves",
  "rollout.": "Rollout status and membership",
  "waiver.": "Waivers",
  "attestation.": "Attestations",
  "upload.": "Uploads",
  "user.": "Users and roles",
  "token.": "API tokens",
  "auth.": "Sign-in",
  "report.": "Reports and exports",
};

/** Fields of before/after side by side, when both are plain objects (or absent); null otherwise. */
export function changedFields(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] | null {
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
  if (!(before === null || isRecord(before)) || !(after === null || isRecord(after))) return null;
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({ field, before: field in b ? b[field] : undefined, after: field in a ? a[field] : undefined }));
}

/** A JSON value as short display text ("—" when absent). */
export function displayValue(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, value !== null && typeof value === "object" ? 2 : undefined);
}
