import { RULESET_VERSION } from "@/lib/rules";
import { inWriteTransaction } from "../sqlite/connection";
import { recomputeRuleSummary, reevaluate } from "./reevaluate";
import { formatCause } from "@/lib/readiness";

/**
 * When the rules changed since servers were last evaluated (a new release), re-evaluates the whole
 * fleet with cause "ruleset", so every verdict carries the current ruleset version and the history
 * says why it changed. Returns the number of servers re-evaluated (0 when all are current).
 */
export function reevaluateOutdatedRuleset(now = new Date()): number {
  return inWriteTransaction((db) => {
    const outdated = db.prepare("SELECT 1 FROM Server WHERE rulesetVersion <> ? LIMIT 1").get(RULESET_VERSION);
    if (!outdated) return 0;
    const outcome = reevaluate(db, { domains: "all", touched: new Set(), hostFactsOnly: false }, formatCause({ kind: "ruleset", version: RULESET_VERSION }), now);
    recomputeRuleSummary(db);
    return outcome.serversEvaluated;
  });
}
