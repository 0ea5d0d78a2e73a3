import "server-only";
import { actorFromCaller } from "@/lib/audit/entry";
import type { Caller } from "@/lib/auth/caller";
import { uploadFieldsSchema } from "@/lib/ingest/upload-request";
import { getColumnMapping, saveColumnMapping } from "../column-mappings";
import { ingestUpload, type IngestResponse } from "./ingest-file";

/**
 * The one upload entry point for multipart requests (POST /api/uploads; the upload page posts there too):
 * validates the fields with zod, resolves a saved CSV column mapping, then ingests (plain files, archives, workbooks).
 */
export async function uploadFromForm(form: FormData, caller: Caller): Promise<IngestResponse> {
  const file = form.get("file");
  if (!(file instanceof File)) {
    return { ok: false, status: 400, code: "no-file", message: "Send the export as the multipart field `file`.", issues: [] };
  }
  const rawFields = Object.fromEntries([...form.entries()].filter(([key, value]) => key !== "file" && typeof value === "string"));
  const fields = uploadFieldsSchema.safeParse(rawFields);
  if (!fields.success) {
    const issues = fields.error.issues.map((issue) => ({ file: file.name, column: issue.path.join("."), message: issue.message, severity: "error" as const }));
    return { ok: false, status: 400, code: "bad-fields", message: "Some upload fields are not valid.", issues };
  }
  const f = fields.data;
  let columnMapping = f.columnMapping;
  if (!columnMapping && f.mappingName) columnMapping = (await getColumnMapping(f.mappingName)) ?? undefined;
  if (f.saveMapping && f.mappingName && f.columnMapping && !f.dryRun) await saveColumnMapping(f.mappingName, f.columnMapping);

  const bytes = new Uint8Array(await file.arrayBuffer());
  return ingestUpload({
    bytes,
    fileName: file.name || "upload",
    options: { account: f.account, target: f.target, defaultDomain: f.defaultDomain, columnMapping },
    format: f.format,
    kind: f.kind,
    dryRun: f.dryRun,
    allowPartial: f.allowPartial,
    sheet: f.sheet,
    uploadedBy: caller.kind === "session" ? { name: caller.email, userId: caller.userId } : { name: `token:${caller.name}` },
    actor: actorFromCaller(caller),
  });
}
