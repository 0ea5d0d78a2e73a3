import "server-only";
import { type AuditActor, actorFromUploader } from "@/lib/audit/entry";
import { type TenantAttestationKey, tenantAttestationKeySchema } from "@/lib/facts";
import { appendAuditSql } from "./audit";
import { db } from "./db";
import { reevaluate } from "./ingest/reevaluate";
import { inWriteTransaction, sqlDate } from "./sqlite/connection";
import { randomUUID } from "node:crypto";
import { formatCause } from "@/lib/readiness";

export interface AttestationDto {
  key: TenantAttestationKey;
  attested: boolean;
  by: string;
  at: string;
  note: string | null;
}

/** The latest attestation per key, newest first, plus the full history (for the checklist). */
export async function listAttestations(): Promise<{ current: AttestationDto[]; history: AttestationDto[] }> {
  const rows = await db().attestation.findMany({ orderBy: { at: "desc" }, take: 500 });
  const history = rows.flatMap((row) => {
    const key = tenantAttestationKeySchema.safeParse(row.key);
    return key.success ? [{ key: key.data, attested: row.attested, by: row.by, at: row.at.toISOString(), note: row.note }] : [];
  });
  const seen = new Set<string>();
  const current = history.filter((a) => (seen.has(a.key) ? false : (seen.add(a.key), true)));
  return { current, history };
}

/**
 * Records an attestation and re-evaluates the whole fleet (tenant rules apply to every server), in one
 * transaction with its audit entry. RAW SQL (SQLite) through the upload write path, like every evaluation.
 * `actor` defaults to one derived from `by` ("token:<name>" is a token, anything else a user).
 */
export function recordAttestation(
  input: { key: TenantAttestationKey; attested: boolean; by: string; note?: string; actor?: AuditActor },
  now = new Date(),
): void {
  inWriteTransaction((tx) => {
    const previous = tx.prepare("SELECT attested, by, note, at FROM Attestation WHERE key = ? ORDER BY at DESC LIMIT 1").get(input.key) as
      | { attested: number; by: string; note: string | null; at: string }
      | undefined;
    const id = randomUUID();
    tx.prepare("INSERT INTO Attestation (id, key, attested, by, note, at) VALUES (?, ?, ?, ?, ?, ?)").run(
      id,
      input.key,
      input.attested ? 1 : 0,
      input.by,
      input.note ?? null,
      sqlDate(now),
    );
    // Tenant facts feed shared rules only: servers are re-evaluated where those results changed.
    reevaluate(tx, { domains: "all", touched: new Set(), hostFactsOnly: true }, formatCause({ kind: "attestation", key: input.key }), now);
    appendAuditSql(
      tx,
      {
        actor: input.actor ?? actorFromUploader({ name: input.by }),
        action: "attestation.record",
        targetType: "attestation",
        targetId: input.key,
        targetLabel: input.key,
        before: previous ? { attested: previous.attested === 1, by: previous.by, note: previous.note, at: previous.at } : null,
        after: { attested: input.attested, note: input.note ?? null },
        summary: `attested ${input.attested ? "yes" : "no"} for ${input.key}`,
      },
      now,
    );
  });
}
