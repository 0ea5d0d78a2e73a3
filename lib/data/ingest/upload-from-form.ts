import "server-only";
import { actorFromCaller } from "@/lib/audit/entry";
import type { Caller } from "@/lib/auth/caller";
import { can } from "@/lib/auth/roles";
import { uploadFieldsSchema } from "@/lib/ingest/upload-request";
import { getColumnMapping } from "../column-mappings";
import { type IngestRequest, type IngestResponse, spooledUploadTooLarge } from "./ingest-file";
import type { JobOwner } from "./worker/ingest-queue";

/** A multipart upload read and checked on the request thread: refused already, or ready for the ingest worker. */
export type FormUpload = { ok: false; response: IngestResponse } | { ok: true; request: IngestRequest };

/** The same for an upload whose file was streamed to the upload spool: the request without its bytes. */
export type PartsUpload = { ok: false; response: IngestResponse } | { ok: true; request: Omit<IngestRequest, "bytes"> };

/** An upload's file as the checks need it: its name, size and first bytes (an archive is told by its magic number). */
export interface UploadFile {
  name: string;
  size: number;
  head: Uint8Array;
}

/**
 * The one set of request-thread checks of a multipart upload (POST /api/uploads; the upload page posts there too):
 * validates the fields with zod, resolves a saved CSV column mapping and checks the file's size limit. The parse,
 * evaluation and commit run in the ingest worker (worker/ingest-queue.ts), or in-process through ingestUpload.
 */
export async function uploadRequestFromParts(fields: Record<string, string>, file: UploadFile | null, caller: Caller): Promise<PartsUpload> {
  if (file === null) {
    return { ok: false, response: { ok: false, status: 400, code: "no-file", message: "Send the export as the multipart field `file`.", issues: [] } };
  }
  const parsedFields = uploadFieldsSchema.safeParse(fields);
  if (!parsedFields.success) {
    const issues = parsedFields.error.issues.map((issue) => ({ file: file.name, column: issue.path.join("."), message: issue.message, severity: "error" as const }));
    return { ok: false, response: { ok: false, status: 400, code: "bad-fields", message: "Some upload fields are not valid.", issues } };
  }
  const f = parsedFields.data;
  const fileName = file.name || "upload";
  const large = spooledUploadTooLarge({ head: file.head, size: file.size, fileName });
  if (large) return { ok: false, response: large };

  const refuse = (column: string, message: string): PartsUpload => ({
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

/** The same checks for a FormData held in memory (scripts and tests): the request with the file's bytes. */
export async function uploadRequestFromForm(form: FormData, caller: Caller): Promise<FormUpload> {
  const file = form.get("file");
  const fields = Object.fromEntries([...form.entries()].filter(([key, value]) => key !== "file" && typeof value === "string")) as Record<string, string>;
  const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : null;
  const prepared = await uploadRequestFromParts(fields, file instanceof File && bytes ? { name: file.name, size: bytes.byteLength, head: bytes } : null, caller);
  return prepared.ok ? { ok: true, request: { ...prepared.request, bytes: bytes! } } : prepared;
}

/** The owner of an upload job: the signed-in user, or the API token. */
export function jobOwnerOf(caller: Caller): JobOwner {
  return caller.kind === "session" ? { key: `user:${caller.userId}`, label: caller.email } : { key: `token:${caller.tokenId}`, label: `token:${caller.name}` };
}

/** Only the caller who submitted a job, or an admin, may read it (anyone else gets the 404 of an unknown job). */
export function mayReadJob(owner: JobOwner, caller: Caller): boolean {
  return owner.key === jobOwnerOf(caller).key || can(caller.role, "administer");
}
