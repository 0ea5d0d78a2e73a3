import "server-only";
import type { HostFacts } from "@/lib/facts";
import { engine } from "@/lib/readiness";
import type { RuleContext, RuleResult } from "@/lib/rules";
import { db } from "./db";
import { getServerRuleContext } from "./server-views";
import { parseStoredResults } from "./stored-results";
import { applyWaiverRows, loadActiveWaiverRows } from "./waivers";

// Host-rule results are not stored (decision 006): the server page, the exports and the fleet report's appendix
// re-derive them from the stored facts with the same pure rules. This is the one way to do it for many servers:
// the rule context's domain, ACL, tenant and scope parts and the domain's stored shared results are read once per
// domain in scope, the active waivers once per batch, and the waivers are applied exactly as on the server page.

export interface StoredServer {
  id: string;
  domain: string;
  factsJson: string;
  /** When the stored verdict was evaluated (the rules' "as of"); null: now. */
  evaluatedAt: Date | null;
}

export interface DerivedResults {
  hostResults: RuleResult[];
  sharedResults: RuleResult[];
}

/** A deriver for one export or report: caches per domain, so create one per request. */
export function hostResultsDeriver(now = new Date()) {
  const contexts = new Map<string, Promise<RuleContext>>();
  const shared = new Map<string, Promise<RuleResult[]>>();
  const contextOf = (domain: string) => {
    let value = contexts.get(domain);
    if (!value) contexts.set(domain, (value = getServerRuleContext({ domain, facts: {} as HostFacts, evaluatedAt: null }, now)));
    return value;
  };
  const sharedOf = (domain: string) => {
    let value = shared.get(domain);
    if (!value) {
      value = db()
        .domainEvaluation.findUnique({ where: { domain }, select: { resultsJson: true } })
        .then((row) => (row ? parseStoredResults(row.resultsJson) : []));
      shared.set(domain, value);
    }
    return value;
  };

  /** The results of a batch of servers, in the batch's order. */
  return async function derive(servers: readonly StoredServer[]): Promise<DerivedResults[]> {
    const waivers = await loadActiveWaiverRows(
      servers.map((server) => server.id),
      [...new Set(servers.map((server) => server.domain))],
      now,
    );
    const out: DerivedResults[] = [];
    for (const server of servers) {
      const [context, sharedResults] = await Promise.all([contextOf(server.domain), sharedOf(server.domain)]);
      const ctx: RuleContext = { ...context, host: JSON.parse(server.factsJson) as HostFacts, asOf: (server.evaluatedAt ?? now).toISOString() };
      const detail = applyWaiverRows({ id: server.id, domain: server.domain, hostResults: engine.evaluateHost(ctx), sharedResults }, waivers, now);
      out.push({ hostResults: detail.hostResults, sharedResults: detail.sharedResults });
    }
    return out;
  };
}
