import "server-only";
import {
  scopeFactsSchema,
  tenantAttestationKeySchema,
  tenantFactsSchema,
  type ScopeFacts,
  type SyncConfiguration,
  type TenantAttestationKey,
  type TenantFacts,
  toTenantAttestation,
  withRecordedAttestations,
} from "@/lib/facts";
import { evaluateRule, evaluateRules } from "@/lib/readiness/evaluate";
import { RULES } from "@/lib/rules";
import type { ResultStatus, RuleResult, Severity } from "@/lib/rules/types";
import { type AttestationDto, listAttestations } from "./attestations";
import { db } from "./db";
import { listLatestSnapshots, type LatestSnapshot } from "./latest-facts";
import { parseStoredResults } from "./stored-results";

const TENANT_RULES = RULES.filter((rule) => rule.meta.scope === "tenant");
const SCOPE_RULES = RULES.filter((rule) => rule.meta.scope === "sync-scope");

export interface AttestationItem {
  key: TenantAttestationKey;
  /** The attestation in force: the newest recorded in the app, else one carried by the tenant file. */
  current: (AttestationDto & { source: "app" | "file" }) | null;
  /** Every attestation recorded in the app for this key, newest first. */
  history: AttestationDto[];
}

export interface TenantView {
  facts: TenantFacts | null;
  collectedAt: string | null;
  upload: LatestSnapshot["upload"];
  /** Results of the tenant rules (the same for every domain). */
  results: RuleResult[];
  /** "stored": as the last fleet evaluation computed them; "live": evaluated now (no server evaluated yet). */
  resultsSource: "stored" | "live";
  evaluatedAt: string;
  checklist: AttestationItem[];
}

function withAppAttestations(tenant: TenantFacts | null, current: readonly AttestationDto[]): TenantFacts | undefined {
  return withRecordedAttestations(tenant ?? undefined, current.map(toTenantAttestation));
}

async function latestTenant(): Promise<{ facts: TenantFacts | null; snapshot: LatestSnapshot | null }> {
  const snapshot = (await listLatestSnapshots("tenant"))[0] ?? null;
  if (!snapshot) return { facts: null, snapshot: null };
  const parsed = tenantFactsSchema.safeParse(snapshot.raw);
  return { facts: parsed.success ? parsed.data : null, snapshot };
}

/** The tenant page: the tenant rules' results, the latest Graph facts and the attestation checklist. */
export async function getTenantView(now = new Date()): Promise<TenantView> {
  const [{ facts, snapshot }, attestations, stored] = await Promise.all([
    latestTenant(),
    listAttestations(),
    db().domainEvaluation.findFirst({ orderBy: { evaluatedAt: "desc" } }),
  ]);
  const storedResults = stored ? parseStoredResults(stored.resultsJson).filter((r) => r.scope === "tenant") : [];
  const live = storedResults.length === 0;
  const results = live ? evaluateRules(TENANT_RULES, { asOf: now.toISOString(), tenant: withAppAttestations(facts, attestations.current) }) : storedResults;

  const checklist = tenantAttestationKeySchema.options.map((key): AttestationItem => {
    const app = attestations.current.find((a) => a.key === key);
    const file = facts?.attestations?.filter((a) => a.key === key).sort((a, b) => b.at.localeCompare(a.at))[0];
    const current = app
      ? { ...app, source: "app" as const }
      : file
        ? { key, attested: file.attested, by: file.by, at: file.at, note: file.note ?? null, source: "file" as const }
        : null;
    return { key, current, history: attestations.history.filter((a) => a.key === key) };
  });

  return {
    facts,
    collectedAt: snapshot?.collectedAt ?? null,
    upload: snapshot?.upload ?? null,
    results,
    resultsSource: live ? "live" : "stored",
    evaluatedAt: live || !stored ? now.toISOString() : stored.evaluatedAt.toISOString(),
    checklist,
  };
}

/** A scope rule's verdict for one configuration (the rule run on that configuration alone). */
export interface ConfigurationCheck {
  ruleId: string;
  status: ResultStatus | "not-applicable";
  severity: Severity;
  message: string;
}

export interface ConfigurationLimits {
  index: number;
  name: string;
  domain: string | null;
  ous: number | null;
  groups: number | null;
  /** Distinct OUs + distinct groups (case-insensitive), as scope-ou-count counts them; null when either list is missing. */
  separateEntries: number | null;
  largestGroup: { name: string; memberCount: number } | null;
  /** Scoping groups whose member count was not collected. */
  uncountedGroups: string[];
  objectCount: number | null;
  /** Objects of every configuration of the same domain (the limit is per domain); null when one is not counted. */
  domainObjectTotal: number | null;
  passwordHashSync: boolean | null;
  passwordWriteback: boolean | null;
  inetOrgPersonCount: number | null;
  /** Each scope rule on this configuration (objects: on every configuration of its domain). */
  checks: ConfigurationCheck[];
}

export interface ScopeView {
  collectedAt: string | null;
  upload: LatestSnapshot["upload"];
  /** null when no sync-scope facts were uploaded. */
  configurations: ConfigurationLimits[] | null;
  /** The scope rules on every configuration together. */
  results: RuleResult[];
}

const distinct = (names: readonly string[]) => new Set(names.map((n) => n.trim().toLowerCase())).size;
const domainOf = (config: SyncConfiguration) => config.domain?.trim().toLowerCase() || null;

function checksFor(config: SyncConfiguration, all: readonly SyncConfiguration[], asOf: string): ConfigurationCheck[] {
  const domain = domainOf(config);
  const sameDomain = domain === null ? [config] : all.filter((c) => domainOf(c) === domain);
  return SCOPE_RULES.map((rule) => {
    // The object limit is per AD domain: judge it on every configuration of the domain.
    const configurations = rule.meta.id === "scope-object-count" ? sameDomain : [config];
    const result = evaluateRule(rule, { asOf, scope: { configurations } });
    return result
      ? { ruleId: rule.meta.id, status: result.status, severity: result.severity, message: result.message }
      : { ruleId: rule.meta.id, status: "not-applicable", severity: rule.meta.severity, message: "Does not apply to this configuration." };
  });
}

function limitsOf(config: SyncConfiguration, index: number, all: readonly SyncConfiguration[], asOf: string): ConfigurationLimits {
  const ous = config.ous ? distinct(config.ous) : null;
  const groups = config.groups ? distinct(config.groups.map((g) => g.name)) : null;
  const counted = (config.groups ?? []).filter((g): g is { name: string; memberCount: number } => g.memberCount !== undefined);
  const largest = counted.reduce<{ name: string; memberCount: number } | null>((best, g) => (best === null || g.memberCount > best.memberCount ? g : best), null);
  const domain = domainOf(config);
  const sameDomain = domain === null ? [config] : all.filter((c) => domainOf(c) === domain);
  const domainObjectTotal = sameDomain.every((c) => c.objectCount !== undefined) ? sameDomain.reduce((sum, c) => sum + (c.objectCount ?? 0), 0) : null;
  return {
    index,
    name: config.name,
    domain,
    ous,
    groups,
    separateEntries: ous === null || groups === null ? null : ous + groups,
    largestGroup: largest ? { name: largest.name, memberCount: largest.memberCount } : null,
    uncountedGroups: (config.groups ?? []).filter((g) => g.memberCount === undefined).map((g) => g.name),
    objectCount: config.objectCount ?? null,
    domainObjectTotal,
    passwordHashSync: config.passwordHashSync ?? null,
    passwordWriteback: config.passwordWriteback ?? null,
    inetOrgPersonCount: config.inetOrgPersonCount ?? null,
    checks: checksFor(config, all, asOf),
  };
}

/** Each sync configuration of the latest sync-scope upload against the documented limits, with the scope rules. */
export async function getScopeView(now = new Date()): Promise<ScopeView> {
  const snapshot = (await listLatestSnapshots("sync-scope"))[0] ?? null;
  const parsed = snapshot ? scopeFactsSchema.safeParse(snapshot.raw) : null;
  const scope: ScopeFacts | undefined = parsed?.success ? parsed.data : undefined;
  const asOf = now.toISOString();
  const configurations = scope?.configurations;
  return {
    collectedAt: snapshot?.collectedAt ?? null,
    upload: snapshot?.upload ?? null,
    configurations: configurations ? configurations.map((config, index) => limitsOf(config, index, configurations, asOf)) : null,
    results: scope ? evaluateRules(SCOPE_RULES, { asOf, scope }) : [],
  };
}
