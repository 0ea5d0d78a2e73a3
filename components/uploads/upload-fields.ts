import { headerKey } from "@/lib/ingest/csv/read-csv";

/** What the user chose for one file; turned into the multipart fields of POST /api/uploads. Pure. */
export interface UploadOptions {
  /** Expected kind ("" = any). */
  kind: string;
  /** Format id ("" = detect). */
  format: string;
  account: string;
  target: string;
  defaultDomain: string;
  /** Header -> field id or "ignore"; a header left out is recognised automatically. */
  mapping: Record<string, string>;
  mappingName: string;
  saveMapping: boolean;
  allowPartial: boolean;
  /** Workbooks: sheet name or 1-based position ("" = the first visible sheet). */
  sheet: string;
}

export const DEFAULT_UPLOAD_OPTIONS: UploadOptions = {
  kind: "",
  format: "",
  account: "",
  target: "",
  defaultDomain: "",
  mapping: {},
  mappingName: "",
  saveMapping: false,
  allowPartial: false,
  sheet: "",
};

export type UploadMode = "dry-run" | "commit";

/** Options whose change makes a shown preview out of date (the others only matter when committing). */
export function changesPreview(patch: Partial<UploadOptions>): boolean {
  return Object.keys(patch).some((key) => key !== "allowPartial" && key !== "mappingName" && key !== "saveMapping");
}

/** The form fields to send with the file (the file itself is added by the caller). */
export function uploadFields(options: UploadOptions, mode: UploadMode): [string, string][] {
  const fields: [string, string][] = [];
  if (mode === "dry-run") fields.push(["dryRun", "true"]);
  for (const key of ["kind", "format", "account", "target", "defaultDomain", "sheet"] as const) {
    const value = options[key].trim();
    if (value !== "") fields.push([key, value]);
  }
  const mapping = Object.entries(options.mapping).filter(([, target]) => target !== "");
  if (mapping.length > 0) fields.push(["columnMapping", JSON.stringify(Object.fromEntries(mapping))]);
  if (mode === "commit") {
    if (options.allowPartial) fields.push(["allowPartial", "true"]);
    const name = options.mappingName.trim();
    if (options.saveMapping && name !== "" && mapping.length > 0) fields.push(["mappingName", name], ["saveMapping", "true"]);
  }
  return fields;
}

/** A saved mapping applied to this file's headers: exact header first, then the same letters and digits. */
export function applySavedMapping(headers: readonly string[], saved: Record<string, string>): Record<string, string> {
  const byKey = new Map(Object.entries(saved).map(([source, target]) => [headerKey(source), target]));
  const result: Record<string, string> = {};
  for (const header of headers) {
    const target = saved[header] ?? byKey.get(headerKey(header));
    if (target !== undefined && target !== "") result[header] = target;
  }
  return result;
}
