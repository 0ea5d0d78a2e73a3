import { randomUUID } from "node:crypto";
import { type AuditActor, actorFromUploader } from "@/lib/audit/entry";
import type { ParseIssue, ParseOptions, ParseResult } from "@/lib/ingest/types";
import { appendAuditSql } from "../audit";
import { markDetectedInstalls } from "../rollout/detected-installs";
import { inWriteTransaction, sqlDate } from "../sqlite/connection";
import { reevaluate } from "./reevaluate";
import { type WrittenFacts, writeHostFacts, writeOtherFacts } from "./write-facts";
import { formatCause } from "@/lib/readiness";

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
}

export type CommitOutcome =
  | { status: "committed"; id: string; servers: number; issues: ParseIssue[] }
  | { status: "duplicate"; id: string; servers: number; issues: ParseIssue[] };

/**
 * Stores an upload and re-evaluates every affected server in ONE transaction: the file's facts,
 * provenance, verdicts and history all commit together, or nothing does. The same bytes (sha256)
 * uploaded again change nothing and return the original upload.
 */
export function commitUpload(input: CommitInput): CommitOutcome {
  const now = input.now ?? new Date();
  return inWriteTransaction((db) => {
    const duplicate = db.prepare("SELECT id, serversAffected FROM Upload WHERE sha256 = ?").get(input.sha256) as
      | { id: string; serversAffected: number }
      | undefined;
    if (duplicate) return { status: "duplicate", id: duplicate.id, servers: duplicate.serversAffected, issues: [] };

    const id = randomUUID();
    const { parsed } = input;
    db.prepare(
      `INSERT INTO Upload (id, sha256, fileName, sizeBytes, kind, format, producerVersion, uploadedBy, uploadedById, createdAt,
         records, accepted, rejected, serversAffected, issuesJson, optionsJson)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '[]', ?)`,
    ).run(
      id,
      input.sha256,
      input.fileName,
      input.sizeBytes,
      parsed.kind,
      parsed.format,
      parsed.producerVersion ?? null,
      input.uploadedBy.name,
      input.uploadedBy.userId ?? null,
      sqlDate(now),
      parsed.records,
      parsed.records - parsed.rejected,
      parsed.rejected,
      JSON.stringify({ account: input.options.account, target: input.options.target, defaultDomain: input.options.defaultDomain }),
    );

    const written: WrittenFacts = { affected: new Set(), touched: new Set(), issues: [...parsed.issues] };
    writeHostFacts(db, id, input.fileName, parsed, now, written);
    writeOtherFacts(db, id, parsed, now, written);
    markDetectedInstalls(db, id, input.fileName, written.touched, now);
    const hostFactsOnly = parsed.domains.length === 0 && parsed.acls.length === 0 && !parsed.tenant && !parsed.scope;
    const outcome = reevaluate(db, { domains: written.affected, touched: written.touched, hostFactsOnly }, formatCause({ kind: "upload", uploadId: id }), now);
    const servers = parsed.kind === "host-inventory" ? written.touched.size : outcome.serversEvaluated;
    db.prepare("UPDATE Upload SET serversAffected = ?, issuesJson = ? WHERE id = ?").run(servers, JSON.stringify(written.issues), id);
    appendAuditSql(db, uploadAuditEntry(input, id, servers), now);
    return { status: "committed", id, servers, issues: written.issues };
  });
}

/** The "upload.commit" audit entry, written inside the commit's transaction (never for a duplicate). */
function uploadAuditEntry(input: CommitInput, id: string, servers: number) {
  const { parsed } = input;
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
      kind: parsed.kind,
      format: parsed.format,
      records: parsed.records,
      accepted: parsed.records - parsed.rejected,
      rejected: parsed.rejected,
      serversAffected: servers,
    },
    summary: `uploaded ${input.fileName} (${parsed.format}, ${parsed.records - parsed.rejected} of ${parsed.records} records, ${servers} servers)`,
  };
}
