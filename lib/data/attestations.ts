import "server-only";
import { type AuditActor, actorFromUploader } from "@/lib/audit/entry";
import { type DomainAttestationKey, domainAttestationKeySchema, type TenantAttestationKey, tenantAttestationKeySchema } from "@/lib/facts";
import { appendAuditTx } from "./audit";
import { db } from "./db";
import { reevaluate } from "./ingest/reevaluate";
import { sqlDate } from "./sqlite/connection";
import { flag, inWriteTx } from "./write-tx";
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
  const rows = await db().attestation.findMany({ where: { domain: "" }, orderBy: { at: "desc" }, take: 500 });
  const history = rows.flatMap((row) => {
    const key = tenantAttestationKeySchema.safeParse(row.key);
    return key.success ? [{ key: key.data, attested: row.attested, by: row.by, at: row.at.toISOString(), note: row.note }] : [];
  });
  const seen = new Set<string>();
  const current = history.filter((a) => (seen.has(a.key) ? false : (seen.add(a.key), true)));
  return { current, history };
}

export interface DomainAttestationDto {
  key: DomainAttestationKey;
  attested: boolean;
  by: string;
  at: string;
  note: string | null;
}

/** Per domain (lower-case DNS name): the latest attestation per key and the history, newest first. */
export async function listDomainAttestations(): Promise<Map<string, { current: DomainAttestationDto[]; history: DomainAttestationDto[] }>> {
  const rows = await db().attestation.findMany({ where: { domain: { not: "" } }, orderBy: { at: "desc" }, take: 2000 });
  const out = new Map<string, { current: DomainAttestationDto[]; history: DomainAttestationDto[] }>();
  for (const row of rows) {
    const key = domainAttestationKeySchema.safeParse(row.key);
    if (!key.success) continue;
    const entry = out.get(row.domain) ?? { current: [], history: [] };
    const dto = { key: key.data, attested: row.attested, by: row.by, at: row.at.toISOString(), note: row.note };
    entry.history.push(dto);
    if (!entry.current.some((c) => c.key === dto.key)) entry.current.push(dto);
    out.set(row.domain, entry);
  }
  return out;
}

/**
 * Records an attestation and re-evaluates the whole fleet (tenant rules apply to every server), in one
 * transaction with its audit entry. RAW SQL (SQLite) through the upload write path, like every evaluation.
 * `actor` defaults to one derived from `by` ("token:<name>" is a token, anything else a user).
 */
export function recordAttestation(
  input:
    | { key: TenantAttestationKey; domain?: undefined; attested: boolean; by: string; note?: string; actor?: AuditActor }
    | { key: DomainAttestationKey; domain: string; attested: boolean; by: string; note?: string; actor?: AuditActor },
  now = new Date(),
): Promise<void> {
  // "" = tenant-wide; a domain attestation is about one domain (lower-case DNS name).
  const domain = input.domain?.trim().toLowerCase() ?? "";
  const target = domain === "" ? input.key : `${domain}/${input.key}`;
  return inWriteTx(async (tx) => {
    const previous = await tx.get<{ attested: unknown; by: string; note: string | null; at: string }>(
      `SELECT "attested", "by", "note", "at" FROM "Attestation" WHERE "domain" = ? AND "key" = ? ORDER BY "at" DESC LIMIT 1`,
      [domain, input.key],
    );
    const id = randomUUID();
    await tx.run(`INSERT INTO "Attestation" ("id", "domain", "key", "attested", "by", "note", "at") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      id,
      domain,
      input.key,
      input.attested ? 1 : 0,
      input.by,
      input.note ?? null,
      sqlDate(now),
    ]);
    // Attestations feed shared rules only: servers are re-evaluated where those results changed (a domain
    // attestation: that domain's servers; a tenant one: every domain's).
    await reevaluate(
      tx,
      { domains: domain === "" ? "all" : new Set([domain]), touched: new Set(), hostFactsOnly: true },
      formatCause({ kind: "attestation", key: target }),
      now,
    );
    await appendAuditTx(
      tx,
      {
        actor: input.actor ?? actorFromUploader({ name: input.by }),
        action: "attestation.record",
        targetType: "attestation",
        targetId: target,
        targetLabel: target,
        before: previous ? { attested: flag(previous.attested) === 1, by: previous.by, note: previous.note, at: new Date(previous.at).toISOString() } : null,
        after: { attested: input.attested, note: input.note ?? null },
        summary: `attested ${input.attested ? "yes" : "no"} for ${target}`,
      },
      now,
    );
  });
}
