import type { AclFacts, DomainFacts, ScopeFacts, SyncConfiguration } from "@/lib/facts";
import {
  analyzeAcl,
  permissionSetNeeds,
  RULES,
  SCOPE_LIMITS,
  type AclAnalysis,
  type PermissionSetNeed,
  type ResultStatus,
  type RuleResult,
  type ScopeLimits,
  type Severity,
} from "@/lib/rules";
import { scopeForDomain } from "./fleet-evaluator";
import { evaluateRule, evaluateRules } from "./run-rules";

/**
 * What the domain and tenant screens show besides the rule results, computed with the shared evaluation of a
 * domain and stored with it (DomainEvaluation.detailsJson), so that pages only read: the analysis of each gMSA
 * ACL export of the domain, and each sync configuration judged against the documented limits.
 */
export interface DomainDetails {
  /** The latest ACL export per target object, the one the gMSA rules judge first. */
  aclExports: AclExportDetails[];
  scope: ScopeDetails;
}

export interface AclExportDetails {
  /** "<domain>|<target dn lower>", the snapshot's subject. */
  subject: string;
  targetDn: string | null;
  account: string | null;
  /** True for the export the gMSA rules judge (the domain root's, when there are several). */
  judged: boolean;
  /** The documented permissions against the ACEs found. */
  analysis: AclAnalysis;
  /** Which permission sets this domain needs, as the gMSA rules decide it from the sync scope. */
  sets: PermissionSetNeed[];
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
  /** Each scope rule on this configuration (rules judged per domain: on every configuration of its domain). */
  checks: ConfigurationCheck[];
}

export interface ScopeDetails {
  limits: ScopeLimits;
  /** Every configuration of the fleet-wide sync scope; null when no sync-scope facts were uploaded. */
  configurations: ConfigurationLimits[] | null;
  /** The scope rules on every configuration together. */
  results: RuleResult[];
}

export interface AclExportInput {
  subject: string;
  acl: AclFacts;
}

export interface DomainDetailsInput {
  /** Lower-case DNS name ("" for servers without a domain). */
  domain: string;
  asOf: string;
  /** The uploaded domain facts, as they are (undefined when none were uploaded). */
  facts?: DomainFacts;
  /** Every latest ACL export of the domain; `judged` is the one the gMSA rules read. */
  aclExports: readonly AclExportInput[];
  judged?: AclFacts;
  /** The fleet-wide sync scope. */
  scope?: ScopeFacts;
}

const SCOPE_RULES = RULES.filter((rule) => rule.meta.scope === "sync-scope");
const EPOCH = new Date(0).toISOString();

function aclDetails(input: DomainDetailsInput): AclExportDetails[] {
  const { domain, facts } = input;
  const scope = scopeForDomain(domain, undefined, input.scope);
  const views = input.aclExports.map(({ subject, acl }): AclExportDetails => {
    const analysis = analyzeAcl(acl, facts);
    return {
      subject,
      targetDn: acl.targetDn ?? null,
      account: analysis.account,
      judged: acl === input.judged,
      analysis,
      sets: permissionSetNeeds({ asOf: EPOCH, domain: facts ?? { dnsName: domain }, acl, scope }),
    };
  });
  return views.sort((a, b) => Number(b.judged) - Number(a.judged) || (a.targetDn ?? "").localeCompare(b.targetDn ?? ""));
}

const distinct = (names: readonly string[]) => new Set(names.map((n) => n.trim().toLowerCase())).size;
const domainOf = (config: SyncConfiguration) => config.domain?.trim().toLowerCase() || null;

function sameDomainAs(config: SyncConfiguration, all: readonly SyncConfiguration[]): SyncConfiguration[] {
  const domain = domainOf(config);
  return domain === null ? [config] : all.filter((c) => domainOf(c) === domain);
}

function checksFor(config: SyncConfiguration, all: readonly SyncConfiguration[], asOf: string): ConfigurationCheck[] {
  const sameDomain = sameDomainAs(config, all);
  return SCOPE_RULES.map((rule) => {
    const configurations = rule.meta.judgedPer === "domain" ? sameDomain : [config];
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
  const sameDomain = sameDomainAs(config, all);
  const domainObjectTotal = sameDomain.every((c) => c.objectCount !== undefined) ? sameDomain.reduce((sum, c) => sum + (c.objectCount ?? 0), 0) : null;
  return {
    index,
    name: config.name,
    domain: domainOf(config),
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

function scopeDetails(scope: ScopeFacts | undefined, asOf: string): ScopeDetails {
  const configurations = scope?.configurations;
  return {
    limits: SCOPE_LIMITS,
    configurations: configurations ? configurations.map((config, index) => limitsOf(config, index, configurations, asOf)) : null,
    results: scope ? evaluateRules(SCOPE_RULES, { asOf, scope }) : [],
  };
}

/** The screen-facing details of one domain's evaluation (pure: the same input gives the same details). */
export function describeDomain(input: DomainDetailsInput): DomainDetails {
  return { aclExports: aclDetails(input), scope: scopeDetails(input.scope, input.asOf) };
}
