import "server-only";
import { type AclFacts, type DomainFacts, type HostFacts, type ScopeFacts, type TenantFacts, toTenantAttestation, withRecordedAttestations } from "@/lib/facts";
import { domainFactsFor, scopeForDomain } from "@/lib/readiness";
import type { RuleContext } from "@/lib/rules";
import { listAttestations } from "./attestations";
import { db } from "./db";
import { isDomainRootDn } from "./ingest/identity";

// Read helpers for the server detail page and its fix-script download.

/** Stored facts JSON, written by the ingest path (read back as the evaluation does in lib/data/ingest/state.ts). */
function parseStored<T>(text: string): T {
  return JSON.parse(text) as T;
}

const NEWEST_FIRST = [{ collectedAt: "desc" as const }, { createdAt: "desc" as const }, { id: "desc" as const }];

/** The newest snapshot of one subject (newest collectedAt, then newest row), as lib/data/ingest/state.ts picks it. */
async function latestSnapshot(kind: string, subject: string): Promise<string | undefined> {
  const row = await db().factSnapshot.findFirst({ where: { kind, subject }, orderBy: NEWEST_FIRST, select: { factsJson: true } });
  return row?.factsJson;
}

/** The gMSA ACL the domain's rules judge: among each target's newest export, the domain root's wins. */
async function latestAcl(domain: string): Promise<AclFacts | undefined> {
  const prefix = `${domain}|`;
  const subjects = (
    await db().factSnapshot.groupBy({ by: ["subject"], where: { kind: "gmsa-acl", subject: { startsWith: prefix } }, orderBy: { subject: "asc" } })
  )
    .map((row) => row.subject)
    // LIKE treats "_" as a wildcard; keep exact prefixes only.
    .filter((subject) => subject.startsWith(prefix));
  let chosen: AclFacts | undefined;
  for (const subject of subjects) {
    const text = await latestSnapshot("gmsa-acl", subject);
    if (text === undefined) continue;
    const acl = parseStored<AclFacts>(text);
    if (!chosen || (isDomainRootDn(acl.targetDn) && !isDomainRootDn(chosen.targetDn))) chosen = acl;
  }
  return chosen;
}

/** Tenant facts as evaluated: the newest Graph export plus the newest UI attestation per key (which wins). */
async function latestTenant(): Promise<TenantFacts | undefined> {
  const [text, attestations] = await Promise.all([latestSnapshot("tenant", "tenant"), listAttestations()]);
  const tenant = text === undefined ? undefined : parseStored<TenantFacts>(text);
  return withRecordedAttestations(tenant, attestations.current.map(toTenantAttestation));
}

/**
 * The rule context a server was evaluated with: its host facts plus its domain's newest domain facts, gMSA ACL,
 * tenant and sync scope (fleet facts are left out: no rule script reads them). Drives the remediation snippets
 * and the fix script, which are generated from the same facts the results came from.
 */
export async function getServerRuleContext(server: { domain: string; facts: HostFacts; evaluatedAt: string | null }, now = new Date()): Promise<RuleContext> {
  const key = server.domain.trim().toLowerCase();
  const [domainText, acl, tenant, scopeText] = await Promise.all([
    key === "" ? Promise.resolve(undefined) : latestSnapshot("domain", key),
    latestAcl(key),
    latestTenant(),
    latestSnapshot("sync-scope", "scope"),
  ]);
  const scope = scopeText === undefined ? undefined : parseStored<ScopeFacts>(scopeText);
  return {
    asOf: server.evaluatedAt ?? now.toISOString(),
    host: server.facts,
    domain: domainFactsFor(key, domainText === undefined ? undefined : parseStored<DomainFacts>(domainText)),
    acl,
    tenant,
    scope: scopeForDomain(key, undefined, scope),
  };
}

/** File names of the given uploads (uploads deleted since are absent from the map). */
export async function getUploadFileNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].slice(0, 500);
  if (unique.length === 0) return new Map();
  const rows = await db().upload.findMany({ where: { id: { in: unique } }, select: { id: true, fileName: true } });
  return new Map(rows.map((row) => [row.id, row.fileName]));
}
