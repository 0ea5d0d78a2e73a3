import { RULESET_VERSION } from "@/lib/rules";
import { inWriteTx } from "../write-tx";
import { recomputeRuleSummary, reevaluate } from "./reevaluate";
import { formatCause } from "@/lib/readiness";

/**
 * When the rules changed since servers were last evaluated (a new release), re-evaluates the whole
 * fleet with cause "ruleset", so every verdict carries the current ruleset version and the history
 * says why it changed. Returns the number of servers re-evaluated (0 when all are current).
 * Instances of one release starting together on PostgreSQL run it once: the check runs inside the write transaction,
 * after its lock, so the instances after the first find every server current.
 */
export async function reevaluateOutdatedRuleset(now = new Date()): Promise<number> {
  return inWriteTx(async (tx) => {
    const outdated = await tx.get(`SELECT 1 AS one FROM "Server" WHERE "rulesetVersion" <> ? LIMIT 1`, [RULESET_VERSION]);
    if (!outdated) return 0;
    const outcome = await reevaluate(tx, { domains: "all", touched: new Set(), hostFactsOnly: false }, formatCause({ kind: "ruleset", version: RULESET_VERSION }), now);
    await recomputeRuleSummary(tx);
    return outcome.serversEvaluated;
  });
}
