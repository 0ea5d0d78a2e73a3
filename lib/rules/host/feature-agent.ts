import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import type { RuleContext, RuleOutcome } from "@/lib/rules/types";
import { FEATURE_LABEL, featureUse, usedBecause, type OptionalFeature } from "../feature/use";
import { AGENT_VERSION_COLLECT, readAgent } from "./agent";
import { own } from "./read";
import { hostCollect } from "./sources";
import { compareVersions } from "./version";

const FACT = "host.agent.version";

/**
 * The agent-version check of an optional feature: the installed agent must be `minimum` or later. A host without
 * an agent yet passes (a new install gets the current release, which is later than every feature minimum);
 * unknown when the agent's presence or version was not collected. Feature-use evidence stays in the message
 * (host rules' evidence names host facts only).
 */
export function featureAgentOutcome(ctx: RuleContext, feature: OptionalFeature, minimum: string): RuleOutcome {
  const use = featureUse(ctx, feature);
  const lead = use.used ? `${usedBecause(use, feature)} ` : "";
  const agent = readAgent(own(ctx, "host"));
  const expected = `>= ${minimum} (${FEATURE_LABEL[feature]})`;
  if (agent.installed === false) {
    return pass(`${lead}No provisioning agent is installed yet; a new install gets the current release, which is ${minimum} or later.`, [
      evidence("host.agent.installed", false, expected),
    ]);
  }
  if (agent.version === undefined) {
    return unknown(FACT, hostCollect(AGENT_VERSION_COLLECT), `${lead}The provisioning agent's version on this server was not collected.`);
  }
  const found = [evidence(FACT, agent.version, expected)];
  const order = agent.parts ? compareVersions(agent.version, minimum) : undefined;
  if (order === undefined) {
    return unknown(FACT, hostCollect(AGENT_VERSION_COLLECT), `${lead}The agent version '${agent.version}' is not a dotted version number.`, found);
  }
  return order >= 0
    ? pass(`${lead}Agent ${agent.version} is ${minimum} or later.`, found)
    : fail(`${lead}Agent ${agent.version} is older than ${minimum}, the minimum for ${FEATURE_LABEL[feature]}.`, found);
}
