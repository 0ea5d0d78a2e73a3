import { readArray } from "./domain/read";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { COLLECT, HINT } from "./scope/collect";
import { configFact, readConfigurations, readConfiguration } from "./scope/configurations";
import { defineRule, type RuleContext } from "./types";

export const MAX_MEMBERS = 50_000;

/** Applies unless the configurations were collected and none uses a scoping group. */
function usesGroupScopingOrUnknown(ctx: RuleContext): boolean {
  const list = readArray(ctx.scope?.configurations);
  if (list === undefined) return true;
  return list.map(readConfiguration).some((config) => config.groups === undefined || config.groups.length > 0);
}

export default defineRule({
  meta: {
    id: "scope-group-members",
    title: "No scoping group has more than 50,000 members (delta sync group-scoping limit)",
    severity: "blocker",
    scope: "sync-scope",
    rationale:
      "Delta synchronization with group scope filtering doesn't support more than 50,000 members; changes to members " +
      "of a larger scoping group are not reliably synchronized.",
    source: cite(DOCS.prerequisites, "Known limitations > Delta Synchronization", "delta-synchronization"),
    otherSources: [
      cite(DOCS.decisionGuide, "Comparison between Microsoft Entra Connect and Cloud Sync (Large Group Support)", "comparison-between-microsoft-entra-connect-and-cloud-sync"),
      cite(DOCS.faq, "Does Microsoft Entra Cloud Sync support large groups?", "does-microsoft-entra-cloud-sync-support-large-groups"),
      cite(DOCS.agentVersionHistory, "1.1.359.0 (and 1.1.281.0)", "113590"),
    ],
    notes: [
      "History (agent release notes): 1.1.281.0 (Nov 2020) supported group-scoping groups of fewer than 1,500 members " +
        "in delta sync and large groups up to 15K; 1.1.359.0 raised group-scoping support to 50K members. The 2023 and " +
        "2026 prerequisites pages both state 50,000.",
      "Exactly 50,000 members passes (\"doesn't support more than 50,000\"); 50,001 fails.",
      "A scoping group whose member count was not collected is unknown for that group; the rule answers unknown only " +
        "when no group already fails.",
      "The FAQ's 50,000 figure is about groups synchronized under OU scoping, and the decision guide compares 50K " +
        "(cloud sync) to 250K (Connect); those groups are not in the scope facts, so only scoping groups are checked.",
      "The FAQ also warns that group scoping does not include nested members beyond the first level and should be used " +
        "for pilots only (see scope-known-limitations).",
    ],
    remediation: {
      summary:
        "Split the scoping group into groups of at most 50,000 members, or switch the configuration to OU scoping.",
      steps: [
        "Count members: " + COLLECT.groupMembers,
        "Split membership across several scoping groups (e.g. by region or business unit), each with at most 50,000 members",
        "Or scope the configuration by OU instead of by group (Scoping filters > Selected organizational units)",
      ],
    },
  },
  appliesTo: usesGroupScopingOrUnknown,
  evaluate: (ctx) => {
    const configs = readConfigurations(ctx);
    if (!Array.isArray(configs)) return configs;
    const missingLists = configs.filter((c) => c.groups === undefined);
    const groups = configs.flatMap((config) => (config.groups ?? []).map((group) => ({ config, group })));
    const expected = `<= ${MAX_MEMBERS.toLocaleString("en-US")} members`;
    const found = groups.map(({ config, group }) =>
      evidence(`${configFact(config, "groups")}[${group.index}].memberCount`, { configuration: config.name, group: group.name, memberCount: group.memberCount ?? null }, expected),
    );
    const tooLarge = groups.filter(({ group }) => group.memberCount !== undefined && group.memberCount > MAX_MEMBERS);
    if (tooLarge.length > 0) {
      return fail(
        `Scoping group(s) above ${MAX_MEMBERS.toLocaleString("en-US")} members: ${tooLarge
          .map(({ config, group }) => `${group.name} in ${config.name} (${(group.memberCount ?? 0).toLocaleString("en-US")})`)
          .join(", ")}.`,
        found,
      );
    }
    const uncounted = groups.filter(({ group }) => group.memberCount === undefined);
    const firstUncounted = uncounted[0];
    if (firstUncounted) {
      return unknown(
        `${configFact(firstUncounted.config, "groups")}[${firstUncounted.group.index}].memberCount`,
        HINT.groupMembers,
        `Member counts were not collected for: ${uncounted.map(({ group }) => group.name).join(", ")}.`,
        found,
      );
    }
    const firstMissing = missingLists[0];
    if (firstMissing) {
      return unknown(configFact(firstMissing, "groups"), HINT.configurations, `The scoping groups of ${missingLists.map((c) => c.name).join(", ")} were not collected.`, found);
    }
    if (groups.length === 0) return pass("No configuration uses group scoping.", found);
    return pass(`Every scoping group has at most ${MAX_MEMBERS.toLocaleString("en-US")} members (${groups.length} checked).`, found);
  },
  examples: [
    {
      name: "pilot group of 1,200 members",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: { configurations: [{ name: "pilot", domain: "corp.contoso.com", ous: [], groups: [{ name: "SG-CloudSync-Pilot", memberCount: 1200 }] }] },
      },
    },
    {
      name: "all-staff group used as scope",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: {
          configurations: [
            { name: "corp.contoso.com", domain: "corp.contoso.com", ous: [], groups: [{ name: "SG-All-Staff", memberCount: 82_417 }] },
          ],
        },
      },
    },
    {
      name: "member count not collected",
      expect: "unknown",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: { configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com", ous: [], groups: [{ name: "SG-Sync-Users" }] }] },
      },
    },
  ],
});
