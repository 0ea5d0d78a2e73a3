import type { AclFacts, DomainFacts, FleetFacts, HostFacts, ScopeFacts, TenantFacts } from "@/lib/facts";
import type { Rule, RuleContext, RuleResult } from "@/lib/rules";
import { compileRules, evaluateCompiled, type RuleErrorHandler } from "./run-rules";
import { buildFleetFacts, domainKeyOf } from "./fleet-facts";
import { rollupWith, summarizeResults, type Readiness, type ResultSummary } from "./rollup";
import { applyWaivers, type Waiver } from "./waivers";

/** What is known about one AD domain, keyed by its lower-case DNS name in `FleetInput.domains`. */
export interface DomainInput {
  domain?: DomainFacts;
  /** The gMSA ACL export for this domain's root. */
  acl?: AclFacts;
  /** Sync scope for this domain; when absent, the fleet-wide `scope` is used (see scopeForDomain). */
  scope?: ScopeFacts;
}

export interface FleetInput {
  /** ISO timestamp the evaluation is made for. */
  asOf: string;
  /** Every server, each grouped by `identity.domain` (lower-cased; hosts without one share the "" group). */
  hosts: readonly HostFacts[];
  domains: Readonly<Record<string, DomainInput>>;
  tenant?: TenantFacts;
  /** Fleet-wide sync scope, used for domains without their own. */
  scope?: ScopeFacts;
  /** Active waivers per host (by index in `hosts`); they apply to the host's own and shared results. */
  waiversFor?: (host: HostFacts, index: number) => readonly Waiver[] | undefined;
  /** Told about every rule that throws (the result is `unknown` with reason "rule-error" either way). */
  onRuleError?: RuleErrorHandler;
}

export interface HostEvaluation {
  /** Results of the host-scoped rules for this host. */
  hostResults: readonly RuleResult[];
  /**
   * Results of the domain, gMSA ACL, sync-scope, tenant and fleet rules for the host's domain:
   * the same array (by reference) for every host of the domain, unless this host has waivers.
   */
  sharedResults: readonly RuleResult[];
  readiness: Readiness;
}

export interface FleetEvaluation {
  asOf: string;
  rulesetVersion: string;
  fleet: FleetFacts;
  /** Shared results per domain key ("" for hosts without a domain). */
  shared: ReadonlyMap<string, readonly RuleResult[]>;
  /** One entry per input host, in input order. */
  hosts: HostEvaluation[];
}

export interface Evaluator {
  rulesetVersion: string;
  /** Host-scoped rules, in registry order. */
  hostRules: readonly Rule[];
  /** Every other rule (domain, gmsa-acl, sync-scope, tenant, fleet), in registry order. */
  sharedRules: readonly Rule[];
  /** Host-scoped rules only; the context should also carry the host's domain facts (host-gmsa-retrieval reads them). */
  evaluateHost: (ctx: RuleContext, onError?: RuleErrorHandler) => RuleResult[];
  /** All non-host rules, evaluated once per domain. */
  evaluateShared: (ctx: RuleContext, onError?: RuleErrorHandler) => RuleResult[];
  evaluateFleet: (input: FleetInput) => FleetEvaluation;
}

/** Splits rules into host-scoped ones (run per host) and the rest (run once per domain). */
export function partitionRules(rules: readonly Rule[]): { hostRules: Rule[]; sharedRules: Rule[] } {
  const hostRules: Rule[] = [];
  const sharedRules: Rule[] = [];
  for (const rule of rules) (rule.meta.scope === "host" ? hostRules : sharedRules).push(rule);
  return { hostRules, sharedRules };
}

/**
 * The sync scope a domain is judged with: its own scope when given; otherwise the fleet-wide scope,
 * keeping only configurations for this domain or naming no domain (a configuration syncs one AD
 * domain, so another domain's 60 OUs must not make this domain's servers fail).
 */
export function scopeForDomain(domainKey: string, own: ScopeFacts | undefined, fleetWide: ScopeFacts | undefined) {
  if (own !== undefined) return own;
  if (fleetWide === undefined) return undefined;
  const configurations = fleetWide.configurations;
  if (!Array.isArray(configurations)) return fleetWide;
  const kept = configurations.filter((c) => {
    const domain = c?.domain;
    return typeof domain !== "string" || domain === "" || domain.toLowerCase() === domainKey;
  });
  return kept.length === configurations.length ? fleetWide : { ...fleetWide, configurations: kept };
}

/**
 * The domain facts rules see for a domain key: the uploaded facts, with `dnsName` filled in from the key
 * when missing (the key is the hosts' own `identity.domain`, so this is collected data, not a guess).
 * That lets fleet rules find their domain in the fleet facts even before domain facts are uploaded;
 * every other domain fact stays undefined (not collected), so domain rules still answer unknown.
 */
export function domainFactsFor(key: string, domain: DomainFacts | undefined): DomainFacts | undefined {
  if (key === "") return domain;
  if (domain === undefined) return { dnsName: key };
  return typeof domain.dnsName === "string" && domain.dnsName !== "" ? domain : { ...domain, dnsName: key };
}

/**
 * Domain inputs keyed by lower-case name (the caller may have used any casing). Only own entries are
 * read, so a host whose domain is "constructor" never picks up an inherited property.
 */
function normaliseDomains(domains: Readonly<Record<string, DomainInput>>): Map<string, DomainInput> {
  const map = new Map<string, DomainInput>();
  for (const [key, entry] of Object.entries(domains)) {
    if (entry !== undefined && entry !== null) map.set(key.trim().toLowerCase(), entry);
  }
  return map;
}

/** What the evaluator keeps per domain key during one evaluateFleet. */
interface DomainState {
  ctx: RuleContext;
  results: readonly RuleResult[];
  summary: ResultSummary;
}

export function createEvaluator(rules: readonly Rule[], rulesetVersion: string): Evaluator {
  const { hostRules, sharedRules } = partitionRules(rules);

  const compiledHostRules = compileRules(hostRules);
  const compiledSharedRules = compileRules(sharedRules);
  const evaluateHost = (ctx: RuleContext, onError?: RuleErrorHandler) => evaluateCompiled(compiledHostRules, ctx, onError);
  const evaluateShared = (ctx: RuleContext, onError?: RuleErrorHandler) => evaluateCompiled(compiledSharedRules, ctx, onError);

  function evaluateFleet(input: FleetInput): FleetEvaluation {
    const { asOf, hosts, tenant, onRuleError, waiversFor } = input;
    const fleet = buildFleetFacts(hosts);
    const domains = normaliseDomains(input.domains);
    const shared = new Map<string, readonly RuleResult[]>();
    // Per domain key: one context (its facts are copied into each host's context), its shared results,
    // evaluated once, and their roll-up summary (the same list for every server of the domain).
    const perDomain = new Map<string, DomainState>();

    const stateFor = (key: string): DomainState => {
      let state = perDomain.get(key);
      if (state === undefined) {
        const entry = domains.get(key);
        const ctx: RuleContext = { asOf, domain: domainFactsFor(key, entry?.domain), acl: entry?.acl, tenant, scope: scopeForDomain(key, entry?.scope, input.scope), fleet };
        const results = evaluateShared(ctx, onRuleError);
        state = { ctx, results, summary: summarizeResults(results) };
        perDomain.set(key, state);
        shared.set(key, results);
      }
      return state;
    };

    const out: HostEvaluation[] = new Array(hosts.length);
    for (let i = 0; i < hosts.length; i++) {
      const host = hosts[i];
      const state = stateFor(domainKeyOf(host));
      const domainCtx = state.ctx;
      const ctx: RuleContext = {
        asOf,
        host,
        domain: domainCtx.domain,
        acl: domainCtx.acl,
        tenant,
        scope: domainCtx.scope,
        fleet,
      };
      let hostResults: readonly RuleResult[] = evaluateHost(ctx, onRuleError);
      let sharedResults = state.results;
      let summary = state.summary;
      const waivers = waiversFor?.(host, i);
      if (waivers !== undefined && waivers.length > 0) {
        hostResults = applyWaivers(hostResults, waivers, asOf).results;
        sharedResults = applyWaivers(sharedResults, waivers, asOf).results;
        // Waivers that changed the shared list call for its own summary.
        if (sharedResults !== state.results) summary = summarizeResults(sharedResults);
      }
      out[i] = { hostResults, sharedResults, readiness: rollupWith(hostResults, summary) };
    }
    return { asOf, rulesetVersion, fleet, shared, hosts: out };
  }

  return { rulesetVersion, hostRules, sharedRules, evaluateHost, evaluateShared, evaluateFleet };
}
