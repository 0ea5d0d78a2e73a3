import { newRowId } from "../ids";
import { type AuditActor, actorFromUploader } from "@/lib/audit/entry";
import type { ContainerKind, EntryOutcome } from "@/lib/ingest/archive";
import type { ParseIssue, ParseOptions, ParseResult, StoredUploadKind } from "@/lib/ingest/types";
import { appendAuditTx } from "../audit";
import { markDetectedInstalls } from "../rollout/detected-installs";
import { sqlDate } from "../sqlite/connection";
import { type Column, inWriteTx, type WriteTx } from "../write-tx";
import { reevaluate } from "./reevaluate";
import { type WrittenFacts, writeHostFacts, writeOtherFacts } from "./write-facts";
import { formatCause } from "@/lib/readiness";
import { plural } from "@/lib/text/plural";

export interface CommitInput {
  sha256: string;
  fileName: string;
  sizeBytes: number;
  parsed: ParseResult;
  options: ParseOptions;
  uploadedBy: { name: string; userId?: string | null };
  /** Who is audited for the commit (default: derived from uploadedBy). */
  actor?: AuditActor;
  now?: Date;
  /** A CSV column mapping to save (upsert by name) with the commit. */
  saveMapping?: { name: string; mapping: Record<string, string> };
  /** An archive or workbook upload: its container, the entries' common kind/format (or "mixed"), one row per entry. */
  archive?: { container: ContainerKind; kind: StoredUploadKind; format: string; entries: readonly EntryOutcome[] };
  /** Called once the servers are evaluated, before the last writes and the COMMIT (the upload job's progress). */
  onEvaluated?: (serversEvaluated: number) => void;
}

export type CommitOutcome =
  | { status: "committed"; id: string; servers: number; issues: ParseIssue[] }
  | { status: "duplicate"; id: string; servers: number; issues: ParseIssue[] };

/**
 * Stores an upload and re-evaluates every affected server in ONE transaction: the file's facts,
 * provenance, verdicts and history all commit together, or nothing does. The same bytes (sha256)
 * uploaded again change nothing and return the original upload.
 */
export async function commitUpload(input: CommitInput): Promise<CommitOutcome> {
  const now = input.now ?? new Date();
  return inWriteTx(async (tx): Promise<CommitOutcome> => {
    // Uploads on several instances commit one after the other (the write transaction's lock): the second upload of
    // the same bytes finds the first one's row here.
    const duplicate = await tx.get<{ id: string; serversAffected: number }>(`SELECT "id", "serversAffected" FROM "Upload" WHERE "sha256" = ?`, [input.sha256]);
    if (duplicate) return { status: "duplicate", id: duplicate.id, servers: duplicate.serversAffected, issues: [] };

    const id = newRowId();
    const { parsed, archive } = input;
    await tx.run(
      `INSERT INTO "Upload" ("id", "sha256", "fileName", "sizeBytes", "kind", "format", "producerVersion", "uploadedBy", "uploadedById", "createdAt",
         "records", "accepted", "rejected", "serversAffected", "issuesJson", "optionsJson", "container", "entryCount")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '[]', ?, ?, ?)`,
      [
      id,
      input.sha256,
      input.fileName,
      input.sizeBytes,
      archive?.kind ?? parsed.kind,
      archive?.format ?? parsed.format,
      parsed.producerVersion ?? null,
      input.uploadedBy.name,
      input.uploadedBy.userId ?? null,
      sqlDate(now),
      parsed.records,
      parsed.records - parsed.rejected,
      parsed.rejected,
      JSON.stringify({ account: input.options.account, target: input.options.target, defaultDomain: input.options.defaultDomain, columnMapping: input.options.columnMapping }),
      archive?.container ?? null,
      archive?.entries.length ?? 0,
      ],
    );
    if (archive) await writeUploadEntries(tx, id, archive.entries);

    const written: WrittenFacts = { affected: new Set(), touched: new Set(), issues: [...parsed.issues] };
    await writeHostFacts(tx, id, input.fileName, parsed, now, written);
    await writeOtherFacts(tx, id, parsed, now, written);
    await markDetectedInstalls(tx, id, input.fileName, written.touched, now, written.fresh);
    const hostFactsOnly = parsed.domains.length === 0 && parsed.acls.length === 0 && !parsed.tenant && !parsed.scope;
    const outcome = await reevaluate(tx, { domains: written.affected, touched: written.touched, hostFactsOnly, fresh: written.fresh }, formatCause({ kind: "upload", uploadId: id }), now);
    input.onEvaluated?.(outcome.serversEvaluated);
    const kind = archive?.kind ?? parsed.kind;
    const servers = kind === "host-inventory" || (kind === "mixed" && hostFactsOnly) ? written.touched.size : outcome.serversEvaluated;
    await tx.run(`UPDATE "Upload" SET "serversAffected" = ?, "issuesJson" = ? WHERE "id" = ?`, [servers, JSON.stringify(written.issues), id]);
    if (input.saveMapping) await saveColumnMappingSql(tx, input.saveMapping.name, input.saveMapping.mapping, now);
    await appendAuditTx(tx, uploadAuditEntry(input, id, servers), now);
    return { status: "committed", id, servers, issues: written.issues };
  });
}

/** Saves a named CSV column mapping (insert, or replace the mapping of that name); standard SQL upsert. */
async function saveColumnMappingSql(tx: WriteTx, name: string, mapping: Record<string, string>, now: Date): Promise<void> {
  await tx.run(
    `INSERT INTO "ColumnMapping" ("id", "name", "mappingJson", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("name") DO UPDATE SET "mappingJson" = excluded."mappingJson", "updatedAt" = excluded."updatedAt"`,
    [newRowId(), name, JSON.stringify(mapping), sqlDate(now), sqlDate(now)],
  );
}

/** One UploadEntry row per file of an archive (or the sheet of a workbook): its provenance and counts. */
const UPLOAD_ENTRY_COLUMNS: readonly Column[] = [
  ["id", "text"],
  ["uploadId", "text"],
  ["position", "int"],
  ["name", "text"],
  ["sizeBytes", "int"],
  ["format", "text"],
  ["kind", "text"],
  ["records", "int"],
  ["accepted", "int"],
  ["rejected", "int"],
];

function writeUploadEntries(tx: WriteTx, uploadId: string, entries: readonly EntryOutcome[]): Promise<void> {
  return tx.insertRows(
    "UploadEntry",
    UPLOAD_ENTRY_COLUMNS,
    entries.map((e) => [newRowId(), uploadId, e.position, e.name, e.sizeBytes, e.format, e.kind, e.records, e.accepted, e.rejected]),
  );
}

/** The "upload.commit" audit entry, written inside the commit's transaction (never for a duplicate). */
function uploadAuditEntry(input: CommitInput, id: string, servers: number) {
  const { parsed, archive } = input;
  return {
    actor: input.actor ?? actorFromUploader(input.uploadedBy),
    action: "upload.commit" as const,
    targetType: "upload" as const,
    targetId: id,
    targetLabel: input.fileName,
    after: {
      fileName: input.fileName,
      sha256: input.sha256,
      sizeBytes: input.sizeBytes,
      kind: archive?.kind ?? parsed.kind,
      format: archive?.format ?? parsed.format,
      ...(archive ? { container: archive.container, entryCount: archive.entries.length } : {}),
      records: parsed.records,
      accepted: parsed.records - parsed.rejected,
      rejected: parsed.rejected,
      serversAffected: servers,
    },
    summary: `uploaded ${input.fileName} (${archive ? `${archive.container} of ${plural(archive.entries.length, "file")}, ` : ""}${archive?.format ?? parsed.format}, ${parsed.records - parsed.rejected} of ${plural(parsed.records, "record")}, ${plural(servers, "server")})`,
  };
}
