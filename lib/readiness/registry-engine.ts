import { RULES, RULESET_VERSION } from "@/lib/rules";
import { createEvaluator } from "./fleet-evaluator";

/**
 * The evaluator bound to the rule registry and stamped with its ruleset version.
 * - evaluateHost(ctx): host-scoped rules for one host (give it the host's domain facts too);
 * - evaluateShared(ctx): domain, gMSA ACL, sync-scope, tenant and fleet rules, once per domain;
 * - evaluateFleet(input): both, for a whole fleet, with each server's roll-up.
 */
export const engine = createEvaluator(RULES, RULESET_VERSION);
export const evaluateHost = engine.evaluateHost;
export const evaluateShared = engine.evaluateShared;
export const evaluateFleet = engine.evaluateFleet;
export { RULESET_VERSION };
