import { randomUUID } from "node:crypto";
import type { ParseIssue, ParseOptions, ParseResult } from "@/lib/ingest/types";
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
    const hostFactsOnly = parsed.domains.length === 0 && parsed.acls.length === 0 && !parsed.tenant && !parsed.scope;
    const outcome = reevaluate(db, { domains: written.affected, touched: written.touched, hostFactsOnly }, formatCause({ kind: "upload", uploadId: id }), now);
    const servers = parsed.kind === "host-inventory" ? written.touched.size : outcome.serversEvaluated;
    db.prepare("UPDATE Upload SET serversAffected = ?, issuesJson = ? WHERE id = ?").run(servers, JSON.stringify(written.issues), id);
    return { status: "committed", id, servers, issues: written.issues };
  });
}
