import "server-only";
import { type TenantAttestationKey, tenantAttestationKeySchema } from "@/lib/facts";
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
 * transaction. RAW SQL (SQLite) through the upload write path, like every evaluation.
 */
export function recordAttestation(input: { key: TenantAttestationKey; attested: boolean; by: string; note?: string }, now = new Date()): void {
  inWriteTransaction((tx) => {
    tx.prepare("INSERT INTO Attestation (id, key, attested, by, note, at) VALUES (?, ?, ?, ?, ?, ?)").run(
      randomUUID(),
      input.key,
      input.attested ? 1 : 0,
      input.by,
      input.note ?? null,
      sqlDate(now),
    );
    // Tenant facts feed shared rules only: servers are re-evaluated where those results changed.
    reevaluate(tx, { domains: "all", touched: new Set(), hostFactsOnly: true }, formatCause({ kind: "attestation", key: input.key }), now);
  });
}
