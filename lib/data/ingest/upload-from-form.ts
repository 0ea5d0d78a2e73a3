import "server-only";
import { actorFromCaller } from "@/lib/audit/entry";
import type { Caller } from "@/lib/auth/caller";
import { can } from "@/lib/auth/roles";
import { uploadFieldsSchema } from "@/lib/ingest/upload-request";
import { getColumnMapping } from "../column-mappings";
import { type IngestRequest, type IngestResponse, uploadTooLarge } from "./ingest-file";
import type { JobOwner } from "./worker/ingest-queue";

/** A multipart upload read and checked on the request thread: refused already, or ready for the ingest worker. */
export type FormUpload = { ok: false; response: IngestResponse } | { ok: true; request: IngestRequest };

/**
 * The one upload entry point for multipart requests (POST /api/uploads; the upload page posts there too):
 * validates the fields with zod, resolves a saved CSV column mapping and checks the file's size limit. The parse,
 * evaluation and commit run in the ingest worker (worker/ingest-queue.ts), or in-process through ingestUpload.
 */
export async function uploadRequestFromForm(form: FormData, caller: Caller): Promise<FormUpload> {
  const file = form.get("file");
  if (!(file instanceof File)) {
    return { ok: false, response: { ok: false, status: 400, code: "no-file", message: "Send the export as the multipart field `file`.", issues: [] } };
  }
  const rawFields = Object.fromEntries([...form.entries()].filter(([key, value]) => key !== "file" && typeof value === "string"));
  const fields = uploadFieldsSchema.safeParse(rawFields);
  if (!fields.success) {
    const issues = fields.error.issues.map((issue) => ({ file: file.name, column: issue.path.join("."), message: issue.message, severity: "error" as const }));
    return { ok: false, response: { ok: false, status: 400, code: "bad-fields", message: "Some upload fields are not valid.", issues } };
  }
  const f = fields.data;
  const fileName = file.name || "upload";
  const bytes = new Uint8Array(await file.arrayBuffer());
  const large = uploadTooLarge({ bytes, fileName });
  if (large) return { ok: false, response: large };

  const refuse = (column: string, message: string): FormUpload => ({
    ok: false,
    response: { ok: false, status: 400, code: "bad-fields", message, issues: [{ file: fileName, column, message, severity: "error" }] },
  });
  let columnMapping = f.columnMapping;
  if (!columnMapping && f.mappingName && !f.saveMapping) {
    columnMapping = (await getColumnMapping(f.mappingName)) ?? undefined;
    if (!columnMapping) return refuse("mappingName", `There is no saved column mapping named "${f.mappingName}". Choose one of the saved mappings, or send columnMapping.`);
  }
  if (f.saveMapping && !(f.mappingName && f.columnMapping)) {
    return refuse("saveMapping", "To save a column mapping, send both mappingName (the name to save it under) and columnMapping.");
  }
  // Saved by the commit itself, in its transaction: never for a dry run or a file that was refused.
  const saveMapping = f.saveMapping && !f.dryRun && f.mappingName && f.columnMapping ? { name: f.mappingName, mapping: f.columnMapping } : undefined;

  return {
    ok: true,
    request: {
      bytes,
      fileName,
      options: { account: f.account, target: f.target, defaultDomain: f.defaultDomain, columnMapping },
      format: f.format,
      kind: f.kind,
      dryRun: f.dryRun,
      allowPartial: f.allowPartial,
      sheet: f.sheet,
      ...(saveMapping ? { saveMapping } : {}),
      uploadedBy: caller.kind === "session" ? { name: caller.email, userId: caller.userId } : { name: `token:${caller.name}` },
      actor: actorFromCaller(caller),
    },
  };
}

/** The owner of an upload job: the signed-in user, or the API token. */
export function jobOwnerOf(caller: Caller): JobOwner {
  return caller.kind === "session" ? { key: `user:${caller.userId}`, label: caller.email } : { key: `token:${caller.tokenId}`, label: `token:${caller.name}` };
}

/** Only the caller who submitted a job, or an admin, may read it (anyone else gets the 404 of an unknown job). */
export function mayReadJob(owner: JobOwner, caller: Caller): boolean {
  return owner.key === jobOwnerOf(caller).key || can(caller.role, "administer");
}
