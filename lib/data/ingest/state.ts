import {
  type AclFacts,
  type DomainAttestation,
  domainAttestationKeySchema,
  type DomainFacts,
  type FleetFacts,
  type HostFacts,
  type ScopeFacts,
  type TenantAttestation,
  type TenantFacts,
  tenantAttestationKeySchema,
  toTenantAttestation,
  withRecordedAttestations,
  withRecordedDomainAttestations,
} from "@/lib/facts";
import type { AclExportInput, DomainInput } from "@/lib/readiness";
import { flag, inChunks, placeholders, type WriteTx } from "../write-tx";
import type { FreshServers } from "./fresh-servers";
import { isDomainRootDn } from "./identity";

// RAW SQL (portable, inside the evaluation write transaction, lib/data/write-tx.ts): reads what an evaluation needs.

export interface LoadedServer {
  id: string;
  fqdn: string;
  domain: string;
  facts: HostFacts;
  statuses: string;
  verdict: string;
  blockingRules: string;
  rulesetVersion: string;
}

/** Domain-level inputs: per-domain facts and ACLs, tenant (with attestations), fleet-wide scope, fleet facts. */
export interface ContextState {
  domains: Record<string, DomainInput>;
  tenant?: TenantFacts;
  scope?: ScopeFacts;
  fleet: FleetFacts;
  /** Every latest ACL export per domain (the judged one is also `domains[key].acl`), for the domain details. */
  aclExports: Record<string, AclExportInput[]>;
}

type ServerRow = Omit<LoadedServer, "facts"> & { factsJson: string };
const SERVER_COLUMNS = `"id", "fqdn", "domain", "factsJson", "statuses", "verdict", "blockingRules", "rulesetVersion"`;

function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

function toLoaded(rows: ServerRow[]): LoadedServer[] {
  return rows.map(({ factsJson, ...row }) => ({ ...row, facts: parseJson<HostFacts>(factsJson) }));
}

/** Servers of the given domains (every server for "all"), with their current facts. */
export async function loadServersOfDomains(tx: WriteTx, domains: ReadonlySet<string> | "all"): Promise<LoadedServer[]> {
  if (domains === "all") return toLoaded(await tx.all<ServerRow>(`SELECT ${SERVER_COLUMNS} FROM "Server"`));
  return toLoaded(await inChunks([...domains], (chunk) => tx.all<ServerRow>(`SELECT ${SERVER_COLUMNS} FROM "Server" WHERE "domain" IN (${placeholders(chunk.length)})`, chunk)));
}

export async function loadServersById(tx: WriteTx, ids: ReadonlySet<string>): Promise<LoadedServer[]> {
  return toLoaded(await inChunks([...ids], (chunk) => tx.all<ServerRow>(`SELECT ${SERVER_COLUMNS} FROM "Server" WHERE "id" IN (${placeholders(chunk.length)})`, chunk)));
}

/** Every domain key that has servers (stored, or new in `fresh`) or shared results. */
export async function knownDomains(tx: WriteTx, fresh?: FreshServers): Promise<Set<string>> {
  const rows = await tx.all<{ domain: string }>(`SELECT DISTINCT "domain" FROM "Server" UNION SELECT "domain" FROM "DomainEvaluation"`);
  const keys = new Set(rows.map((row) => row.domain));
  if (fresh) {
    for (const server of fresh.pendingServers()) keys.add(server.domain);
    for (const server of fresh.heldServers()) keys.add(server.domain);
  }
  return keys;
}

/**
 * The servers an evaluation covers: those of `domains` ("all": every server), plus `touched`. Servers whose
 * current facts `fresh` holds are taken from it (this upload just wrote those facts; nothing is read back); the
 * others are read from the database. Touched servers come first, in the order they were touched.
 */
export async function loadServersToEvaluate(
  tx: WriteTx,
  domains: ReadonlySet<string> | "all",
  touched: ReadonlySet<string>,
  fresh: FreshServers | undefined,
): Promise<LoadedServer[]> {
  const out: LoadedServer[] = [];
  const missing = new Set<string>();
  for (const id of touched) {
    const server = fresh?.current.get(id);
    if (server) out.push(server);
    else missing.add(id);
  }
  if (missing.size > 0) out.push(...(await loadServersById(tx, missing)));
  if (domains !== "all" && domains.size === 0) return out;
  // Read the small columns first, and the facts only of servers not already in hand.
  const rows =
    domains === "all"
      ? await tx.all<{ id: string }>(`SELECT "id" FROM "Server"`)
      : await inChunks([...domains], (chunk) => tx.all<{ id: string }>(`SELECT "id" FROM "Server" WHERE "domain" IN (${placeholders(chunk.length)})`, chunk));
  const others = new Set<string>();
  for (const row of rows) if (!touched.has(row.id)) others.add(row.id);
  if (others.size > 0) out.push(...(await loadServersById(tx, others)));
  return out;
}

/** Latest snapshot of each subject of a kind (newest collectedAt, then newest row). */
function latestSnapshots(tx: WriteTx, kind: string): Promise<{ subject: string; factsJson: string }[]> {
  return tx.all(
    `SELECT f."subject", f."factsJson" FROM "FactSnapshot" f
     WHERE f."kind" = ? AND f."id" = (
       SELECT g."id" FROM "FactSnapshot" g WHERE g."kind" = f."kind" AND g."subject" = f."subject"
       ORDER BY g."collectedAt" DESC, g."createdAt" DESC, g."id" DESC LIMIT 1)`,
    [kind],
  );
}

/** SQLite's BINARY collation (byte order of the UTF-8 text): code unit order, except around surrogate pairs. */
export function compareBinary(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-8 orders by code point: a surrogate (U+10000 and above) sorts after U+E000-U+FFFF.
    if (x >= 0xd800 && y >= 0xd800) return Buffer.compare(Buffer.from(a.slice(i), "utf8"), Buffer.from(b.slice(i), "utf8"));
    return x - y;
  }
  return a.length - b.length;
}

/**
 * Fleet facts counted in SQL from Server.agentInstalled (same result as lib/readiness/fleet-facts.ts over
 * every host, without loading 50,000 fact documents): per domain, a count of the hosts that reported agent data
 * (grouped in the database, from the (domain, agentInstalled, …) index) and the few hosts with the agent installed.
 */
async function loadFleetFacts(tx: WriteTx, fresh?: FreshServers): Promise<FleetFacts> {
  const reported = new Map<string, number>();
  const agentHosts = new Map<string, string[]>();
  for (const row of await tx.all<{ domain: string; n: unknown }>(
    `SELECT "domain", CAST(COUNT(*) AS INTEGER) AS n FROM "Server" WHERE "domain" <> '' AND "agentInstalled" IS NOT NULL GROUP BY "domain"`,
  )) {
    reported.set(row.domain, Number(row.n));
  }
  const addAgent = (domain: string, fqdn: string) => {
    const list = agentHosts.get(domain);
    if (list) list.push(fqdn);
    else agentHosts.set(domain, [fqdn]);
  };
  // Stored servers whose new facts are held (not written yet, decision 033) count with those instead of the stored ones.
  const held = new Map(fresh ? [...fresh.heldServers()].map((s) => [s.id, s]) : []);
  for (const row of await tx.all<{ id: string; domain: string; fqdn: string }>(`SELECT "id", "domain", "fqdn" FROM "Server" WHERE "domain" <> '' AND "agentInstalled" = TRUE`)) {
    if (!held.has(row.id)) addAgent(row.domain, row.fqdn);
  }
  // A server not written yet, with its facts as this upload leaves them.
  const countUnwritten = (s: { domain: string; fqdn: string; agentInstalled: number | null }) => {
    if (s.domain === "" || s.agentInstalled === null) return;
    reported.set(s.domain, (reported.get(s.domain) ?? 0) + 1);
    if (s.agentInstalled === 1) addAgent(s.domain, s.fqdn);
  };
  for (const s of held.values()) {
    if (s.stored.domain !== "" && s.stored.agentInstalled !== null) {
      const left = (reported.get(s.stored.domain) ?? 0) - 1;
      if (left > 0) reported.set(s.stored.domain, left);
      else reported.delete(s.stored.domain);
    }
    countUnwritten(s);
  }
  if (fresh) for (const s of fresh.pendingServers()) countUnwritten(s);
  // Sorted here, in SQLite's BINARY order, whichever database collated the rows (PostgreSQL's may follow the locale).
  // Object.fromEntries defines own properties: an uploaded domain named "__proto__" stays plain data.
  const domains = Object.fromEntries(
    [...reported.keys()].sort(compareBinary).map((domain) => [domain, { agentHosts: (agentHosts.get(domain) ?? []).sort(compareBinary), hostsWithAgentData: reported.get(domain)! }]),
  );
  return { domains };
}

/** `fresh`: new servers of the running upload that are not written yet count as if they were. */
export async function loadContextState(tx: WriteTx, fresh?: FreshServers): Promise<ContextState> {
  // Keyed by uploaded domain names: objects without a prototype, so "__proto__" is a key like any other.
  const domainInputs: Record<string, DomainInput> = Object.create(null) as Record<string, DomainInput>;
  const entry = (key: string) => (domainInputs[key] ??= {});
  for (const snapshot of await latestSnapshots(tx, "domain")) entry(snapshot.subject).domain = parseJson<DomainFacts>(snapshot.factsJson);
  // ACL subjects are "<domain>|<target dn>"; the domain root's ACL is the one the gMSA rules judge.
  const aclCandidates = new Map<string, AclFacts>();
  const aclExports: Record<string, AclExportInput[]> = Object.create(null) as Record<string, AclExportInput[]>;
  for (const snapshot of await latestSnapshots(tx, "gmsa-acl")) {
    const domain = snapshot.subject.split("|")[0] ?? "";
    const acl = parseJson<AclFacts>(snapshot.factsJson);
    (aclExports[domain] ??= []).push({ subject: snapshot.subject, acl });
    const current = aclCandidates.get(domain);
    if (!current || (isDomainRootDn(acl.targetDn) && !isDomainRootDn(current.targetDn))) aclCandidates.set(domain, acl);
  }
  for (const [domain, acl] of aclCandidates) entry(domain).acl = acl;

  const tenant = (await latestSnapshots(tx, "tenant"))[0];
  const scope = (await latestSnapshots(tx, "sync-scope"))[0];
  const attestations = await latestAttestations(tx);
  // Attestations recorded per domain (domain-gmsa-admin-credentials, domain-admin-hardening) join that domain's facts.
  for (const [domain, recorded] of recordedDomainAttestations(attestations)) {
    entry(domain).domain = withRecordedDomainAttestations(domainInputs[domain]?.domain, domain, recorded);
  }
  return {
    domains: domainInputs,
    tenant: withRecordedAttestations(
      tenant ? parseJson<TenantFacts>(tenant.factsJson) : undefined,
      recordedAttestations(attestations.filter((row) => row.domain === "")),
    ),
    scope: scope ? parseJson<ScopeFacts>(scope.factsJson) : undefined,
    fleet: await loadFleetFacts(tx, fresh),
    aclExports,
  };
}

type AttestationRow = { domain: string; key: string; attested: number; by: string; at: string; note: string | null };

/**
 * The newest attestation per domain ("" = tenant) and key (recorded in the UI). Two records of one key at the same
 * millisecond: SQLite takes the later row (rowid); PostgreSQL has no rowid and takes the greater id.
 */
async function latestAttestations(tx: WriteTx): Promise<AttestationRow[]> {
  const tieBreak = tx.kind === "sqlite" ? "b.rowid" : `b."id"`;
  const rows = await tx.all<Omit<AttestationRow, "attested"> & { attested: unknown }>(
    `SELECT a."domain", a."key", a."attested", a."by", a."at", a."note" FROM "Attestation" a
     WHERE a."id" = (SELECT b."id" FROM "Attestation" b WHERE b."domain" = a."domain" AND b."key" = a."key" ORDER BY b."at" DESC, ${tieBreak} DESC LIMIT 1)`,
  );
  return rows.map((row) => ({ ...row, attested: flag(row.attested) ?? 0 }));
}

/** The UI's per-domain attestations in facts form, by domain (rows with an unknown key are ignored). */
function recordedDomainAttestations(rows: AttestationRow[]): Map<string, DomainAttestation[]> {
  const out = new Map<string, DomainAttestation[]>();
  for (const row of rows) {
    if (row.domain === "") continue;
    const key = domainAttestationKeySchema.safeParse(row.key);
    if (!key.success) continue;
    const entry: DomainAttestation = { key: key.data, attested: row.attested === 1, by: row.by, at: new Date(row.at).toISOString() };
    if (row.note) entry.note = row.note;
    const list = out.get(row.domain) ?? [];
    list.push(entry);
    out.set(row.domain, list);
  }
  return out;
}

/** The UI's attestations in facts form (rows with an unknown key are ignored). */
function recordedAttestations(rows: AttestationRow[]): TenantAttestation[] {
  return rows.flatMap((row) => {
    const key = tenantAttestationKeySchema.safeParse(row.key);
    return key.success ? [toTenantAttestation({ key: key.data, attested: row.attested === 1, by: row.by, at: new Date(row.at).toISOString(), note: row.note })] : [];
  });
}
