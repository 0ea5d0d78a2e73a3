import { getRule, type RuleScope } from "@/lib/rules";
import { verdictOf } from "./rollup";
import type { Verdict } from "./verdict";

// The action plan (pure: no I/O). Every open problem of every server (a failing blocker, a failing warning, an unknown
// blocker: exactly what the roll-up reads; waived and info results are none of these) belongs to exactly one action:
// the fix that resolves it for a group of servers at once. An action's figures are computed by re-running the
// roll-up's verdict rule (`verdictOf`, the one `rollupWith` uses) with the action's results set to pass for the
// servers in its scope: nothing is estimated. Waivers are respected because the stored lists already leave waived
// results out, exactly as the roll-up does.

/** One server as the plan reads it: its stored roll-up lists (effective severity, waivers applied). */
export interface PlanServer {
  /** Lower-case AD domain; "" for a server without one (workgroup). */
  domain: string;
  /** AD site; null or "" when unknown. */
  site: string | null;
  /** Failing blockers (Server.blockingRules). */
  blocking: readonly string[];
  /** Failing warnings (Server.conditionRules). */
  conditions: readonly string[];
  /** Unknown results of blocker severity (Server.unknownBlockers). */
  unknownBlockers: readonly string[];
}

export const PLAN_ACTION_KINDS = [
  /** A shared rule failing for one domain (KDS root key, schema, gMSA permissions, sync scope, agents per domain). */
  "domain-rule",
  /** Unknown domain-level blockers of one domain: collect its domain facts. */
  "domain-data",
  /** A tenant rule failing: one fix for every server. */
  "tenant-rule",
  /** Unknown tenant blockers: record the tenant facts. */
  "tenant-data",
  /** Servers without a domain: join them to one (their domain rules cannot be judged before). */
  "workgroup",
  /** The network rules (ports, endpoints) failing on servers of one AD site: one firewall change. */
  "site-rule",
  /** Any other host rule failing: one action per rule over the servers failing it. */
  "host-rule",
  /** Unknown host-level blockers: run the collector on those servers. */
  "collect",
] as const;
export type PlanActionKind = (typeof PLAN_ACTION_KINDS)[number];

/** Where an action applies: one domain, one AD site ("" = servers without a site), or the whole fleet. */
export type PlanScope = { type: "domain"; domain: string } | { type: "site"; site: string } | { type: "fleet" };

/** Servers an action moves, by the verdict they move to. */
export interface PlanGain {
  /** From Not ready or Unknown to Ready. */
  toReady: number;
  /** From Not ready or Unknown to Ready with conditions. */
  toConditions: number;
  /** From Ready with conditions to Ready (warning-only fixes). */
  conditionsCleared: number;
}

export interface PlanAction {
  /** Stable key, e.g. "domain-rule:corp.contoso.com:domain-kds-root-key", "site-network:HQ", "host-rule:host-memory". */
  key: string;
  kind: PlanActionKind;
  scope: PlanScope;
  /** The rules whose results the action sets to pass (sorted). */
  ruleIds: string[];
  /** Servers in scope with at least one of those results open. */
  servers: number;
  /** Index (in the input) of the first such server: a sample for a per-server script. */
  firstServer: number;
  /** Of those, how many have one of the rules failing as a blocker, as a warning, or unknown. */
  failingBlocker: number;
  failingWarning: number;
  unknownBlocker: number;
  /** What the action alone does, done first (ranking figure). */
  alone: PlanGain;
  /** Position in the cumulative plan (1-based). */
  step: number;
  /** What it adds when done after the plan's steps 1..step-1. */
  inPlan: PlanGain;
  /** Fleet (in scope) verdict counts once steps 1..step are done. */
  after: Record<Verdict, number>;
}

export interface ActionPlan {
  /** Servers read. */
  servers: number;
  /** Verdict counts now. */
  before: Record<Verdict, number>;
  /** Actions ranked by what each does alone (servers moved to Ready or Ready with conditions, then conditions cleared). */
  ranked: PlanAction[];
  /** The same actions in plan order (greedy: each step is the one that adds the most after the steps before it). */
  plan: PlanAction[];
}

export interface ActionPlanOptions {
  /** A rule's scope; default: the registry's (an id the registry does not know counts as a host rule). */
  scopeOf?: (ruleId: string) => RuleScope | undefined;
}

/** Host rules about network reachability: fixed at a firewall, so grouped per AD site. */
export function isNetworkRule(ruleId: string): boolean {
  return ruleId.startsWith("host-port-") || ruleId === "host-endpoints";
}

/** The host rule a workgroup server fails because it has no domain (joined with its domain rules). */
export const DOMAIN_JOIN_RULE = "host-domain-joined";

/** Shared rules evaluated per domain with that domain's facts (fleet rules count that domain's agents). */
const DOMAIN_KEYED: ReadonlySet<RuleScope> = new Set(["domain", "gmsa-acl", "sync-scope", "fleet"]);

type Category = 0 | 1 | 2; // 0 failing blocker, 1 unknown blocker, 2 failing warning

interface ActionState {
  key: string;
  kind: PlanActionKind;
  scope: PlanScope;
  rules: Set<string>;
  /** Server indexes, in first-seen order. */
  members: number[];
  failingBlocker: number;
  failingWarning: number;
  unknownBlocker: number;
}

const zeroGain = (): PlanGain => ({ toReady: 0, toConditions: 0, conditionsCleared: 0 });
const zeroCounts = (): Record<Verdict, number> => ({ ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 });
const unblocked = (gain: PlanGain) => gain.toReady + gain.toConditions;

function actionFor(server: PlanServer, ruleId: string, category: Category, scopeOf: (id: string) => RuleScope | undefined) {
  const scope = scopeOf(ruleId) ?? "host";
  if (scope === "host") {
    if (server.domain === "" && ruleId === DOMAIN_JOIN_RULE) return { key: "workgroup", kind: "workgroup" as const, scope: { type: "fleet" as const } };
    if (category === 1) return { key: "collect", kind: "collect" as const, scope: { type: "fleet" as const } };
    if (isNetworkRule(ruleId)) {
      // One firewall change per site: blocked outbound 443 fails the port and the endpoints rule together.
      const site = server.site ?? "";
      return { key: `site-network:${site}`, kind: "site-rule" as const, scope: { type: "site" as const, site } };
    }
    return { key: `host-rule:${ruleId}`, kind: "host-rule" as const, scope: { type: "fleet" as const } };
  }
  if (DOMAIN_KEYED.has(scope)) {
    if (server.domain === "") return { key: "workgroup", kind: "workgroup" as const, scope: { type: "fleet" as const } };
    const domainScope = { type: "domain" as const, domain: server.domain };
    if (category === 1) return { key: `domain-data:${server.domain}`, kind: "domain-data" as const, scope: domainScope };
    return { key: `domain-rule:${server.domain}:${ruleId}`, kind: "domain-rule" as const, scope: domainScope };
  }
  // tenant rules: the same facts for every server.
  if (category === 1) return { key: "tenant-data", kind: "tenant-data" as const, scope: { type: "fleet" as const } };
  return { key: `tenant-rule:${ruleId}`, kind: "tenant-rule" as const, scope: { type: "fleet" as const } };
}

const VERDICT_CODE: Readonly<Record<Verdict, number>> = { "not-ready": 0, unknown: 1, "ready-with-conditions": 2, ready: 3 };

/** Verdict counts from the codes' counts. */
function countsOf(counts: Int32Array): Record<Verdict, number> {
  return { ready: counts[3], "ready-with-conditions": counts[2], unknown: counts[1], "not-ready": counts[0] };
}

function gainAt(gains: Int32Array, a: number): PlanGain {
  return { toReady: gains[a * 3], toConditions: gains[a * 3 + 1], conditionsCleared: gains[a * 3 + 2] };
}

const registryScope = (ruleId: string) => getRule(ruleId)?.meta.scope;

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The action plan for a set of servers: every open problem grouped into the action that fixes it, each action's
 * servers moved when done alone (ranking), and a cumulative plan where step k counts what it adds after steps 1..k-1.
 * The plan continues past steps that add nothing by themselves (two fixes a server needs together), choosing among
 * those the action that leaves the fewest open problems; once every step is done, every server is Ready.
 */
export function buildActionPlan(servers: readonly PlanServer[], options: ActionPlanOptions = {}): ActionPlan {
  const scopeOf = options.scopeOf ?? registryScope;
  const scopeCache = new Map<string, RuleScope | undefined>();
  const cachedScope = (id: string) => {
    if (!scopeCache.has(id)) scopeCache.set(id, scopeOf(id));
    return scopeCache.get(id);
  };

  const actions: ActionState[] = [];
  const byKey = new Map<string, number>();
  // Every server's entries (one per action it has open results of) in flat arrays: server s owns entries
  // first[s] .. first[s+1]-1, each with its action and its open failing blockers, unknown blockers and failing warnings.
  // A server's open totals are in open[3s..3s+2]. Typed arrays keep 50,000 servers (~300,000 pairs) free of garbage.
  let pairs = 0;
  for (const server of servers) pairs += server.blocking.length + server.unknownBlockers.length + server.conditions.length;
  const first = new Int32Array(servers.length + 1);
  const entryAction = new Int32Array(pairs);
  const entryOpen = new Int32Array(pairs * 3);
  const open = new Int32Array(servers.length * 3);
  const membersOf: number[][] = [];
  let entryCount = 0;

  // Which action a (rule, category) pair goes to depends only on the server's domain and site: classified once per
  // (domain, site, rule), then each pair is a map lookup.
  const classified = new Map<string, Map<string, Map<string, Int32Array>>>();
  const slotsFor = (server: PlanServer) => {
    let bySite = classified.get(server.domain);
    if (bySite === undefined) classified.set(server.domain, (bySite = new Map()));
    const site = server.site ?? "";
    let byRule = bySite.get(site);
    if (byRule === undefined) bySite.set(site, (byRule = new Map()));
    return byRule;
  };
  for (let s = 0; s < servers.length; s++) {
    const server = servers[s];
    const byRule = slotsFor(server);
    const start = entryCount;
    first[s] = start;
    for (let category = 0 as Category; category < 3; category++) {
      const ids = category === 0 ? server.blocking : category === 1 ? server.unknownBlockers : server.conditions;
      for (let r = 0; r < ids.length; r++) {
        const ruleId = ids[r];
        let slots = byRule.get(ruleId);
        if (slots === undefined) byRule.set(ruleId, (slots = new Int32Array([-1, -1, -1])));
        let index = slots[category];
        if (index < 0) {
          const target = actionFor(server, ruleId, category, cachedScope);
          const known = byKey.get(target.key);
          if (known === undefined) {
            index = actions.length;
            byKey.set(target.key, index);
            actions.push({ ...target, rules: new Set(), members: [], failingBlocker: 0, failingWarning: 0, unknownBlocker: 0 });
            membersOf.push([]);
          } else index = known;
          actions[index].rules.add(ruleId);
          slots[category] = index;
        }
        let e = start;
        while (e < entryCount && entryAction[e] !== index) e++;
        if (e === entryCount) {
          entryAction[e] = index;
          entryCount++;
          membersOf[index].push(s);
        }
        entryOpen[e * 3 + category]++;
        open[s * 3 + category]++;
      }
    }
    for (let e = start; e < entryCount; e++) {
      const action = actions[entryAction[e]];
      if (entryOpen[e * 3] > 0) action.failingBlocker++;
      if (entryOpen[e * 3 + 1] > 0) action.unknownBlocker++;
      if (entryOpen[e * 3 + 2] > 0) action.failingWarning++;
    }
  }
  first[servers.length] = entryCount;

  // Verdicts as codes (0 not-ready, 1 unknown, 2 ready-with-conditions, 3 ready), by the roll-up's rule.
  const code = (b: number, u: number, c: number) => VERDICT_CODE[verdictOf(b, u > 0, c)];
  const codeNow = (s: number) => code(open[s * 3], open[s * 3 + 1], open[s * 3 + 2]);
  const codeWithout = (s: number, e: number) => code(open[s * 3] - entryOpen[e * 3], open[s * 3 + 1] - entryOpen[e * 3 + 1], open[s * 3 + 2] - entryOpen[e * 3 + 2]);
  // Gains per action: [toReady, toConditions, conditionsCleared] at 3a.
  const move = (gains: Int32Array, a: number, from: number, to: number, sign: number) => {
    if (from === to) return;
    if (from <= 1 && to === 3) gains[a * 3] += sign;
    else if (from <= 1 && to === 2) gains[a * 3 + 1] += sign;
    else if (from === 2 && to === 3) gains[a * 3 + 2] += sign;
  };
  /** Open problems an action has (the tie-break among steps that move no server by themselves). */
  const remaining = new Float64Array(actions.length);

  // Alone: each action on the servers as they are now. The same figures start the greedy plan's marginal gains.
  const alone = new Int32Array(actions.length * 3);
  const countsNow = new Int32Array(4);
  for (let s = 0; s < servers.length; s++) {
    const now = codeNow(s);
    countsNow[now]++;
    for (let e = first[s]; e < first[s + 1]; e++) {
      move(alone, entryAction[e], now, codeWithout(s, e), 1);
      remaining[entryAction[e]] += entryOpen[e * 3] + entryOpen[e * 3 + 1] + entryOpen[e * 3 + 2];
    }
  }
  const before = countsOf(countsNow);
  const marginal = alone.slice();

  // Greedy plan. Applying an action changes only its own servers, so only the gains of the actions those servers
  // share with it are recomputed (remove the server's old contribution, apply, add the new one).
  const done = new Uint8Array(actions.length);
  const order: { index: number; gain: PlanGain; after: Record<Verdict, number> }[] = [];
  const better = (a: number, b: number) => {
    const ua = marginal[a * 3] + marginal[a * 3 + 1];
    const ub = marginal[b * 3] + marginal[b * 3 + 1];
    if (ua !== ub) return ua > ub;
    if (marginal[a * 3 + 2] !== marginal[b * 3 + 2]) return marginal[a * 3 + 2] > marginal[b * 3 + 2];
    if (marginal[a * 3] !== marginal[b * 3]) return marginal[a * 3] > marginal[b * 3];
    if (remaining[a] !== remaining[b]) return remaining[a] > remaining[b];
    return compareKeys(actions[a].key, actions[b].key) < 0;
  };
  for (let step = 0; step < actions.length; step++) {
    let best = -1;
    for (let a = 0; a < actions.length; a++) if (!done[a] && (best < 0 || better(a, best))) best = a;
    const gain = gainAt(marginal, best);
    done[best] = 1;
    for (const s of membersOf[best]) {
      let chosen = first[s];
      while (entryAction[chosen] !== best) chosen++;
      const old = codeNow(s);
      for (let e = first[s]; e < first[s + 1]; e++) if (!done[entryAction[e]]) move(marginal, entryAction[e], old, codeWithout(s, e), -1);
      for (let k = 0; k < 3; k++) {
        open[s * 3 + k] -= entryOpen[chosen * 3 + k];
        entryOpen[chosen * 3 + k] = 0;
      }
      const now = codeNow(s);
      countsNow[old]--;
      countsNow[now]++;
      for (let e = first[s]; e < first[s + 1]; e++) if (!done[entryAction[e]]) move(marginal, entryAction[e], now, codeWithout(s, e), 1);
    }
    order.push({ index: best, gain, after: countsOf(countsNow) });
  }
  for (let a = 0; a < actions.length; a++) actions[a].members = membersOf[a];

  const result: PlanAction[] = actions.map((action, index) => ({
    key: action.key,
    kind: action.kind,
    scope: action.scope,
    ruleIds: [...action.rules].sort(compareKeys),
    servers: action.members.length,
    firstServer: action.members[0],
    failingBlocker: action.failingBlocker,
    failingWarning: action.failingWarning,
    unknownBlocker: action.unknownBlocker,
    alone: gainAt(alone, index),
    step: 0,
    inPlan: zeroGain(),
    after: zeroCounts(),
  }));
  const plan = order.map(({ index, gain, after }, i) => Object.assign(result[index], { step: i + 1, inPlan: gain, after }));
  const ranked = [...result].sort(
    (a, b) =>
      unblocked(b.alone) - unblocked(a.alone) ||
      b.alone.conditionsCleared - a.alone.conditionsCleared ||
      b.alone.toReady - a.alone.toReady ||
      b.servers - a.servers ||
      a.step - b.step,
  );
  return { servers: servers.length, before, ranked, plan };
}
