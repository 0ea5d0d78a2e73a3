/** Display helpers shared by the uploads list, the detail page and the upload panel. Pure. */

export const UPLOAD_KINDS = ["host-inventory", "gmsa-acl", "domain", "tenant", "sync-scope"] as const;
export type UploadKindId = (typeof UPLOAD_KINDS)[number];

export const KIND_LABELS: Readonly<Record<UploadKindId, string>> = {
  "host-inventory": "Host inventory",
  "gmsa-acl": "gMSA ACL",
  domain: "Domain",
  tenant: "Tenant",
  "sync-scope": "Sync scope",
};

export function kindLabel(kind: string): string {
  if (kind === "mixed") return "Mixed (archive of several kinds)";
  return (KIND_LABELS as Readonly<Record<string, string>>)[kind] ?? kind;
}

/** 1536 -> "1.5 KB"; binary multiples, as Windows Explorer shows them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "?";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** The first 12 hex digits: enough to tell uploads apart and to compare with `Get-FileHash`. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

/** "token:collector job" -> "API token “collector job”"; an email stays as it is. */
export function uploaderLabel(uploadedBy: string): string {
  return uploadedBy.startsWith("token:") ? `API token “${uploadedBy.slice("token:".length)}”` : uploadedBy;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}
