import "server-only";
import type { Cloud, HostFacts } from "@/lib/facts";
import { buildActionPlan, type PlanAction, type PlanActionKind, type PlanGain, type PlanServer, type Verdict } from "@/lib/readiness";
import { endpointsFor, getRule, proxiedTestCommand, readProxy, type ProxySetting, type RuleContext } from "@/lib/rules";
import { serverFiltersToSearch, type ServerFilters } from "@/lib/views/server-filters";
import { db } from "./db";
import { getServerRuleContext } from "./server-views";
import { sqlJobs } from "./sql-jobs";
import { undelimitRuleIds } from "./ingest/statuses";
import { parseStoredResults } from "./stored-results";

// The action plan view (the /plan page, its overview card and GET /api/action-plan): the stored roll-up lists of
// every server (Server.blockingRules / conditionRules / unknownBlockers, waivers already applied by the evaluation)
// go through lib/readiness buildActionPlan; this module adds what a screen needs to act: rule titles and links,
// the servers-list link of each action, and the commands (runnable PowerShell only) or pages that do the fix.

export type VerdictCounts = Record<Verdict, number>;

export interface PlanCommand {
  /** What the command does, shown above it (prose stays outside the code). */
  label: string;
  /** Runnable PowerShell only. */
  code: string;
}

export interface PlanLink {
  label: string;
  href: string;
}

export interface ActionView {
  key: string;
  kind: PlanActionKind;
  /** 1 = does the most alone. */
  rank: number;
  /** Position in the cumulative plan. */
  step: number;
  title: string;
  /** Where it applies, in words: "Domain corp.contoso.com", "Site HQ", "Servers without a site", "Every server". */
  scopeLabel: string;
  scope: { type: "domain" | "site" | "fleet"; domain: string | null; site: string | null };
  /** What to do, in words. */
  summary: string;
  /** Each rule with its page, and (for a site's several network rules) the servers of the site failing it. */
  rules: { id: string; title: string; href: string; serversHref: string | null }[];
  servers: number;
  serversHref: string;
  failingBlocker: number;
  failingWarning: number;
  unknownBlocker: number;
  alone: PlanGain;
  inPlan: PlanGain;
  /** Verdict counts once steps 1..step are done. */
  after: VerdictCounts;
  /** The rule's written steps (prose, may quote commands). */
  steps: string[];
  commands: PlanCommand[];
  links: PlanLink[];
}

export interface ActionPlanView {
  /** The domain filter (lower-case), or null for the whole fleet. */
  domain: string | null;
  servers: number;
  before: VerdictCounts;
  /** Verdict counts once every action is done. */
  afterAll: VerdictCounts;
  /** Ranked by servers moved to Ready or Ready with conditions when done alone. */
  actions: ActionView[];
  /** Action keys in plan order. */
  planOrder: string[];
  /** True when GET /domains/<domain>/fix-script exists in this build (domain actions link to it). */
  domainFixScripts: boolean;
}

/** The collector on one server (docs/collector.md "Running it on one server"). */
export const COLLECT_ONE = "powershell.exe -ExecutionPolicy Bypass -File .\\Get-CloudSyncReadiness.ps1 -Cloud Public";

/** The collector on many servers through remoting (docs/collector.md "Running it at scale"). */
export const COLLECT_MANY = [
  "$servers  = Get-Content .\\servers.txt",
  "$sessions = New-PSSession -ComputerName $servers -ErrorAction Continue",
  "$remote   = 'C:\\Windows\\Temp\\cloudsync-readiness.json'",
  "Invoke-Command -Session $sessions -FilePath .\\Get-CloudSyncReadiness.ps1 -ArgumentList $remote, 'Public', 3000 -ThrottleLimit 32",
  "New-Item -ItemType Directory -Force .\\reports | Out-Null",
  "foreach ($session in $sessions) {",
  '    Copy-Item -FromSession $session -Path $remote -Destination ".\\reports\\$($session.ComputerName).cloudsync-readiness.json"',
  "}",
  "Remove-PSSession $sessions",
  "Compress-Archive -Path .\\reports -DestinationPath .\\reports.zip -Force",
].join("\n");

/** The domain section, once per domain on a domain controller or an admin workstation with RSAT. */
export const COLLECT_DOMAIN = ".\\Get-CloudSyncReadiness.ps1 -IncludeDomain";

/**
 * Domain fix scripts (GET /domains/<domain>/fix-script, app/domains/[domain]/fix-script/route.ts): domain actions link
 * to them; without that route they link to the domain's section of the Domains page.
 */
export const DOMAIN_FIX_SCRIPTS = true;

export const domainFixScriptHref = (domain: string) => `/domains/${encodeURIComponent(domain)}/fix-script`;
/** The domain's section on the Domains page (its anchor: components/domains/domain-section.tsx domainAnchor). */
export const domainSectionHref = (domain: string) => `/domains#domain-${domain.replace(/[^a-z0-9-]/gi, "-")}`;

const countsOf = (): VerdictCounts => ({ ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 });

/**
 * Reads the servers (optionally of one domain): only the five short columns the plan needs. RAW SQL (lib/data/sqlite/
 * action-plan.ts, lib/data/postgres/action-plan.ts): one pass over Server reading the roll-up lists; at 50,000 servers
 * Prisma's row objects cost more than the plan itself (docs/performance.md "Action plan").
 */
function readServers(domain: string | null) {
  return sqlJobs().actionPlan.readServers(domain);
}

function ruleTitle(id: string): string {
  return getRule(id)?.meta.title ?? id;
}

function scopeLabel(action: PlanAction): string {
  if (action.scope.type === "domain") return `Domain ${action.scope.domain}`;
  if (action.scope.type === "site") return action.scope.site === "" ? "Servers without a site" : `Site ${action.scope.site}`;
  return action.kind === "workgroup" ? "Servers without a domain" : "Every server";
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** The servers list showing an action's servers (as closely as the list's filters allow). */
function serversHref(action: PlanAction, domain: string | null): string {
  const filters: Partial<ServerFilters> = { domain: domain ?? undefined };
  const single = action.ruleIds.length === 1 ? action.ruleIds[0] : undefined;
  switch (action.kind) {
    case "domain-rule":
      return `/servers${serverFiltersToSearch({ ...filters, rule: single, domain: action.scope.type === "domain" ? action.scope.domain : undefined })}`;
    case "site-rule":
      return siteServersHref(action, action.ruleIds[0], domain);
    case "host-rule":
    case "tenant-rule":
      return `/servers${serverFiltersToSearch({ ...filters, rule: single })}`;
    case "workgroup":
      return `/servers${serverFiltersToSearch({ rule: "host-domain-joined" })}`;
    case "domain-data":
      return `/servers${serverFiltersToSearch({ readiness: ["unknown"], domain: action.scope.type === "domain" ? action.scope.domain : undefined })}`;
    default:
      return `/servers${serverFiltersToSearch({ ...filters, readiness: ["unknown"] })}`;
  }
}

/** The servers of a site action failing one of its rules (the list filters one rule at a time). */
function siteServersHref(action: PlanAction, ruleId: string, domain: string | null): string {
  const site = action.scope.type === "site" && action.scope.site !== "" ? action.scope.site : undefined;
  return `/servers${serverFiltersToSearch({ domain: domain ?? undefined, rule: ruleId, site })}`;
}

const PORT_OF: Readonly<Record<string, number>> = { "host-port-443": 443, "host-port-80": 80, "host-port-8080": 8080 };

/** What a site's firewall must allow, in words: "TCP 443 and the Microsoft Entra endpoints". */
function networkNeeds(ruleIds: readonly string[]): string {
  const parts = ruleIds.filter((id) => PORT_OF[id] !== undefined).map((id) => `TCP ${PORT_OF[id]}${id === "host-port-8080" ? " (optional status reports)" : ""}`);
  if (ruleIds.includes("host-endpoints")) parts.push("every required endpoint URL of its cloud");
  return parts.length <= 1 ? (parts[0] ?? "the agent's traffic") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/**
 * One Test-NetConnection line per endpoint of the cloud the site's rules need (runnable as is); behind a WinHTTP
 * proxy (the site's first server has one), `netsh winhttp show proxy` and one HEAD request through the proxy per
 * endpoint instead, since a direct connection is not the agent's path.
 */
export function networkChecks(ruleIds: readonly string[], cloud: Cloud, proxy: ProxySetting | null = null): string {
  const ports = new Set<number>();
  if (ruleIds.includes("host-endpoints")) {
    ports.add(443);
    ports.add(80);
  }
  for (const id of ruleIds) if (PORT_OF[id] === 443 || PORT_OF[id] === 80) ports.add(PORT_OF[id]);
  const lines = new Set<string>();
  if (proxy !== null) lines.add("netsh winhttp show proxy");
  for (const endpoint of endpointsFor(cloud)) {
    if (!ports.has(endpoint.port)) continue;
    lines.add(proxy !== null ? proxiedTestCommand(proxy, endpoint.port, endpoint.probeHost) : `Test-NetConnection -ComputerName ${endpoint.probeHost} -Port ${endpoint.port}`);
  }
  return [...lines].join("\n");
}

function titleOf(action: PlanAction): string {
  const rule = action.ruleIds[0];
  switch (action.kind) {
    case "domain-rule":
      return `In ${action.scope.type === "domain" ? action.scope.domain : ""}: ${ruleTitle(rule)}`;
    case "site-rule":
      return `${action.scope.type === "site" && action.scope.site !== "" ? `Site ${action.scope.site}` : "Servers without a site"}: allow ${networkNeeds(action.ruleIds)} outbound`;
    case "host-rule":
      return `${ruleTitle(rule)} (${plural(action.servers, "server")})`;
    case "tenant-rule":
      return `Tenant: ${ruleTitle(rule)}`;
    case "domain-data":
      return `In ${action.scope.type === "domain" ? action.scope.domain : ""}: collect the domain facts`;
    case "tenant-data":
      return "Record the tenant facts";
    case "workgroup":
      return `Join ${plural(action.servers, "workgroup server")} to a domain`;
    case "collect":
      return `Run the collector on ${plural(action.servers, "server")} whose blockers have no data`;
  }
}

function summaryOf(action: PlanAction): string {
  switch (action.kind) {
    case "domain-data":
      return "Run the collector once with -IncludeDomain on a domain controller (or an admin workstation with RSAT) of this domain and upload the report: the domain, KDS and gMSA permission rules then have data.";
    case "tenant-data":
      return "Upload the tenant export or record the attestations on the Tenant & scope page: the tenant rules then have data.";
    case "workgroup":
      return "These servers have no Active Directory domain, so the agent cannot run there and the domain rules cannot be judged. Join each server to the domain it will serve, restart it, then run the collector again.";
    case "collect":
      return "Run the read-only collector on each of these servers and upload the reports (zip them into one upload). Counted as if the collected data shows no problem.";
    case "site-rule":
      return `One firewall and proxy change for the site: allow the agent servers (Windows services running as Network Service) ${networkNeeds(action.ruleIds)} outbound, directly or through an HTTP/1.1 proxy with chunked encoding. Then collect again on one of them.`;
    default:
      return getRule(action.ruleIds[0])?.meta.remediation.summary ?? "See the rule page.";
  }
}

/** A rule's generated script for a context (null when it has none or it throws). */
function scriptFor(ruleId: string, ctx: RuleContext): string | null {
  const generate = getRule(ruleId)?.remediationScript;
  if (!generate) return null;
  try {
    const script = generate(ctx);
    return script && script.trim() !== "" ? script : null;
  } catch (error) {
    console.error(`[rules] ${ruleId} remediationScript threw`, error);
    return null;
  }
}

/** Reasons ("how to collect it") the domain's stored shared results give for its unknown rules. */
async function collectHints(domain: string, ruleIds: readonly string[]): Promise<string[]> {
  const row = await db().domainEvaluation.findUnique({ where: { domain }, select: { resultsJson: true } });
  if (!row) return [];
  const wanted = new Set(ruleIds);
  const hints: string[] = [];
  for (const result of parseStoredResults(row.resultsJson)) {
    if (!wanted.has(result.ruleId) || result.status !== "unknown" || !result.reason) continue;
    const how = [result.reason.collect.trim(), result.reason.collectNote?.trim() ?? ""].filter((part) => part !== "").join(" — ");
    if (how !== "") hints.push(`${ruleTitle(result.ruleId)}: ${how}`);
  }
  return hints;
}

/** The action plan for the fleet, or for one domain's servers. */
export async function getActionPlan(options: { domain?: string | null; now?: Date; details?: boolean } = {}): Promise<ActionPlanView> {
  const domain = options.domain ? options.domain.trim().toLowerCase() : null;
  const details = options.details ?? true;
  if (options.now !== undefined) return computeActionPlan(domain, details, options.now);
  // Cached until the next evaluation: every evaluation (upload, deletion, waiver, attestation, ruleset change) ends by
  // writing a ReadinessSnapshot row in its transaction, and the plan reads nothing an evaluation does not write.
  const version = await evaluationVersion();
  if (cache.version !== version) {
    cache.version = version;
    cache.views.clear();
  }
  const key = `${details ? "d" : "-"}|${domain ?? ""}`;
  let view = cache.views.get(key);
  if (view === undefined) {
    if (cache.views.size >= CACHE_ENTRIES) cache.views.delete(cache.views.keys().next().value ?? "");
    view = computeActionPlan(domain, details, new Date());
    cache.views.set(key, view);
    view.catch(() => cache.views.delete(key));
  }
  return view;
}

const CACHE_ENTRIES = 16;
const cache: { version: string; views: Map<string, Promise<ActionPlanView>> } = { version: "", views: new Map() };

/** Changes with every evaluation (every evaluation writes a ReadinessSnapshot row; snapshots are never deleted). */
function evaluationVersion(): Promise<string> {
  return sqlJobs().actionPlan.evaluationVersion();
}

async function computeActionPlan(domain: string | null, details: boolean, now: Date): Promise<ActionPlanView> {
  const rows = await readServers(domain);
  const servers: PlanServer[] = rows.map((row) => ({
    domain: row.domain,
    site: row.site,
    blocking: undelimitRuleIds(row.blockingRules),
    conditions: undelimitRuleIds(row.conditionRules),
    unknownBlockers: undelimitRuleIds(row.unknownBlockers),
  }));
  const plan = buildActionPlan(servers);
  const fixScripts = DOMAIN_FIX_SCRIPTS;

  // Domain contexts (domain facts, ACL, scope, tenant), read once per domain that has a scripted action.
  const contexts = new Map<string, Promise<RuleContext>>();
  const contextOf = (key: string, host: HostFacts = {} as HostFacts) => {
    let ctx = contexts.get(key);
    if (!ctx) contexts.set(key, (ctx = getServerRuleContext({ domain: key, facts: {} as HostFacts, evaluatedAt: null }, now)));
    return ctx.then((value) => ({ ...value, host }));
  };

  const actions = await Promise.all(
    plan.ranked.map(async (action, index): Promise<ActionView> => {
      const scope = {
        type: action.scope.type,
        domain: action.scope.type === "domain" ? action.scope.domain : null,
        site: action.scope.type === "site" ? action.scope.site : null,
      };
      const commands: PlanCommand[] = [];
      const links: PlanLink[] = [];
      let steps: string[] = [];
      const rule = action.ruleIds[0];
      switch (details ? action.kind : null) {
        case null:
          break;
        case "domain-rule": {
          const key = scope.domain ?? "";
          steps = getRule(rule)?.meta.remediation.steps ?? [];
          const script = scriptFor(rule, await contextOf(key));
          if (script) commands.push({ label: `Fix for ${key} (run on a domain controller or an admin workstation with RSAT; -WhatIf previews)`, code: script });
          if (fixScripts) links.push({ label: `Fix script for ${key} (every failing domain and gMSA rule)`, href: domainFixScriptHref(key) });
          links.push({ label: `Domain ${key}`, href: domainSectionHref(key) });
          break;
        }
        case "domain-data": {
          const key = scope.domain ?? "";
          steps = await collectHints(key, action.ruleIds);
          commands.push({ label: `On a domain controller of ${key}`, code: COLLECT_DOMAIN });
          links.push({ label: `Domain ${key}`, href: domainSectionHref(key) }, { label: "Download the collector", href: "/collector" }, { label: "Upload the report", href: "/uploads" });
          break;
        }
        case "collect":
          commands.push({ label: "On one server", code: COLLECT_ONE }, { label: "On many servers through PowerShell remoting (servers.txt: one name per line)", code: COLLECT_MANY });
          links.push({ label: "Download the collector", href: "/collector" }, { label: "Upload the reports", href: "/uploads" });
          break;
        case "tenant-data":
          links.push({ label: "Tenant & scope", href: "/tenant" });
          break;
        case "tenant-rule":
          steps = getRule(rule)?.meta.remediation.steps ?? [];
          links.push({ label: "Tenant & scope", href: "/tenant" });
          break;
        case "workgroup":
          steps = getRule("host-domain-joined")?.meta.remediation.steps ?? [];
          break;
        case "site-rule": {
          // Every network rule's written steps (once each), and the checks to run from a server of the site.
          steps = [...new Set(action.ruleIds.flatMap((id) => getRule(id)?.meta.remediation.steps ?? []))];
          const row = rows[action.firstServer];
          const stored = row ? await db().server.findUnique({ where: { id: row.id }, select: { factsJson: true } }) : null;
          let cloud: Cloud = "public";
          let proxy: ProxySetting | null = null;
          try {
            const facts = stored ? (JSON.parse(stored.factsJson) as HostFacts) : null;
            if (facts?.network?.cloud) cloud = facts.network.cloud;
            proxy = readProxy(facts) ?? null;
          } catch {
            // unreadable stored facts: the public cloud's endpoints, direct
          }
          const checks = networkChecks(action.ruleIds, cloud, proxy);
          if (checks && proxy !== null) {
            commands.push({
              label: `Then check from a server of this site, through its WinHTTP proxy ${proxy.address}: one HEAD request per required endpoint (${cloud} cloud); each must get an answer from the service, not 403 or 407 from the proxy`,
              code: checks,
            });
          } else if (checks) {
            commands.push({ label: `Then check from a server of this site: one line per required endpoint (${cloud} cloud); each must say TcpTestSucceeded : True`, code: checks });
          }
          break;
        }
        default: {
          // Host rules: the rule's steps, and its script generated for the first server of the group (each
          // server's own page has its own fix script).
          steps = getRule(rule)?.meta.remediation.steps ?? [];
          const row = rows[action.firstServer];
          const stored = row ? await db().server.findUnique({ where: { id: row.id }, select: { fqdn: true, factsJson: true, evaluatedAt: true } }) : null;
          if (stored) {
            let facts: HostFacts | null = null;
            try {
              facts = JSON.parse(stored.factsJson) as HostFacts;
            } catch {
              facts = null;
            }
            const script = facts ? scriptFor(rule, { ...(await contextOf(row.domain, facts)), asOf: (stored.evaluatedAt ?? now).toISOString() }) : null;
            if (script) commands.push({ label: `Fix script generated for ${stored.fqdn} (the other servers' pages have their own)`, code: script });
            links.push({ label: `Server ${stored.fqdn}`, href: `/servers/${encodeURIComponent(stored.fqdn)}` });
          }
        }
      }
      return {
        key: action.key,
        kind: action.kind,
        rank: index + 1,
        step: action.step,
        title: titleOf(action),
        scopeLabel: scopeLabel(action),
        scope,
        summary: summaryOf(action),
        rules: action.ruleIds.map((id) => ({
          id,
          title: ruleTitle(id),
          href: `/rules/${encodeURIComponent(id)}`,
          serversHref: action.kind === "site-rule" && action.ruleIds.length > 1 ? siteServersHref(action, id, domain) : null,
        })),
        servers: action.servers,
        serversHref: serversHref(action, domain),
        failingBlocker: action.failingBlocker,
        failingWarning: action.failingWarning,
        unknownBlocker: action.unknownBlocker,
        alone: action.alone,
        inPlan: action.inPlan,
        after: action.after,
        steps,
        commands,
        links,
      };
    }),
  );

  return {
    domain,
    servers: plan.servers,
    before: plan.before,
    afterAll: plan.plan.at(-1)?.after ?? { ...countsOf(), ...plan.before },
    actions,
    planOrder: plan.plan.map((action) => action.key),
    domainFixScripts: fixScripts,
  };
}

/** The top actions for the overview card: ranked, only those that move servers alone; `total`: every action. */
export async function getTopActions(limit = 5): Promise<{ actions: ActionView[]; servers: number; total: number }> {
  const view = await getActionPlan({ details: false });
  const moving = view.actions.filter((a) => a.alone.toReady + a.alone.toConditions + a.alone.conditionsCleared > 0);
  return { actions: moving.slice(0, limit), servers: view.servers, total: view.actions.length };
}
