import type Database from "better-sqlite3";
import { type AclFacts, type DomainFacts, type HostFacts, type ScopeFacts, type TenantFacts, tenantAttestationKeySchema } from "@/lib/facts";
import type { DomainInput } from "@/lib/readiness/evaluator";
import { isDomainRootDn } from "./identity";

// RAW SQL (SQLite, inside the upload transaction): reads what an evaluation needs.

export interface LoadedServer {
  id: string;
  fqdn: string;
  domain: string;
  facts: HostFacts;
  statuses: string;
  verdict: string;
  blockingRules: string;
}

export interface EvaluationState {
  servers: LoadedServer[];
  domains: Record<string, DomainInput>;
  tenant?: TenantFacts;
  scope?: ScopeFacts;
}

function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Latest snapshot of each subject of a kind (newest collectedAt, then newest row). */
function latestSnapshots(db: Database.Database, kind: string): { subject: string; factsJson: string }[] {
  return db
    .prepare(
      `SELECT subject, factsJson FROM FactSnapshot f
       WHERE kind = ? AND id = (
         SELECT id FROM FactSnapshot g WHERE g.kind = f.kind AND g.subject = f.subject
         ORDER BY collectedAt DESC, createdAt DESC, id DESC LIMIT 1)`,
    )
    .all(kind) as { subject: string; factsJson: string }[];
}

/** Servers of the given domains (every server when `domains` is "all") with their current facts. */
export function loadEvaluationState(db: Database.Database, domains: ReadonlySet<string> | "all"): EvaluationState {
  let rows: { id: string; fqdn: string; domain: string; factsJson: string; statuses: string; verdict: string; blockingRules: string }[];
  const columns = "id, fqdn, domain, factsJson, statuses, verdict, blockingRules";
  if (domains === "all") {
    rows = db.prepare(`SELECT ${columns} FROM Server`).all() as typeof rows;
  } else {
    const list = [...domains];
    rows = [];
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      rows.push(...(db.prepare(`SELECT ${columns} FROM Server WHERE domain IN (${chunk.map(() => "?").join(",")})`).all(...chunk) as typeof rows));
    }
  }
  const servers = rows.map((row) => ({ ...row, facts: parseJson<HostFacts>(row.factsJson) }));

  const domainInputs: Record<string, DomainInput> = {};
  const entry = (key: string) => (domainInputs[key] ??= {});
  for (const snapshot of latestSnapshots(db, "domain")) entry(snapshot.subject).domain = parseJson<DomainFacts>(snapshot.factsJson);
  // ACL subjects are "<domain>|<target dn>"; the domain root's ACL is the one the gMSA rules judge.
  const aclCandidates = new Map<string, AclFacts>();
  for (const snapshot of latestSnapshots(db, "gmsa-acl")) {
    const domain = snapshot.subject.split("|")[0] ?? "";
    const acl = parseJson<AclFacts>(snapshot.factsJson);
    const current = aclCandidates.get(domain);
    if (!current || (isDomainRootDn(acl.targetDn) && !isDomainRootDn(current.targetDn))) aclCandidates.set(domain, acl);
  }
  for (const [domain, acl] of aclCandidates) entry(domain).acl = acl;

  const tenant = latestSnapshots(db, "tenant")[0];
  const scope = latestSnapshots(db, "sync-scope")[0];
  return {
    servers,
    domains: domainInputs,
    tenant: withAttestations(tenant ? parseJson<TenantFacts>(tenant.factsJson) : undefined, latestAttestations(db)),
    scope: scope ? parseJson<ScopeFacts>(scope.factsJson) : undefined,
  };
}

type AttestationRow = { key: string; attested: number; by: string; at: string; note: string | null };

/** The newest attestation per key (recorded in the UI). */
function latestAttestations(db: Database.Database): AttestationRow[] {
  return db
    .prepare(
      `SELECT key, attested, by, at, note FROM Attestation a
       WHERE id = (SELECT id FROM Attestation b WHERE b.key = a.key ORDER BY at DESC, rowid DESC LIMIT 1)`,
    )
    .all() as AttestationRow[];
}

/** Tenant facts = the latest Graph export + the UI's attestations (which win over any in the file). */
function withAttestations(tenant: TenantFacts | undefined, rows: AttestationRow[]): TenantFacts | undefined {
  if (rows.length === 0) return tenant;
  const attestations = rows.flatMap((row) => {
    const key = tenantAttestationKeySchema.safeParse(row.key);
    if (!key.success) return [];
    const at = new Date(row.at).toISOString();
    return [{ key: key.data, attested: row.attested === 1, by: row.by, at, ...(row.note ? { note: row.note } : {}) }];
  });
  const fromFile = (tenant?.attestations ?? []).filter((a) => !attestations.some((b) => b.key === a.key));
  return { ...(tenant ?? {}), attestations: [...fromFile, ...attestations] };
}
