import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { COLLECT, HINT } from "./scope/collect";
import { configFact, hasConfigurationsOrUnknown, readConfigurations } from "./scope/configurations";
import { defineRule } from "./types";

export default defineRule({
  meta: {
    id: "scope-known-limitations",
    title: "Sync configurations scope by OU rather than by security group (group scoping is meant for pilots)",
    severity: "info",
    scope: "sync-scope",
    rationale:
      "Security-group scoping carries documented limitations: members nested beyond the first level are not synced, " +
      "deleting a scoping group does not delete its users from Microsoft Entra ID, and renaming an in-scope group or OU " +
      "is not recognised (delta sync doesn't remove the users). Microsoft recommends group scoping for pilots only.",
    source: cite(DOCS.prerequisites, "Known limitations (Delta Synchronization; Group renaming or OU renaming)", "known-limitations"),
    otherSources: [
      cite(DOCS.faq, "Does Microsoft Entra Cloud Sync support nested groups with group scoping?", "does-microsoft-entra-cloud-sync-support-nested-groups-with-group-scoping"),
      cite(DOCS.faq, "If I rename or move the OU that is in scope for the cloud sync filter, what happens to the users that were created in Microsoft Entra ID?"),
    ],
    notes: [
      "Decision: the limitations are facts about the product, so an \"always inform\" rule would carry no pass/fail " +
        "meaning. The rule instead fails (info) when a configuration uses security-group scoping - where the deletion, " +
        "nesting and pilot-only caveats bite - passes when every configuration scopes by OU only, and is unknown when a " +
        "configuration's scoping groups were not collected.",
      "OU renames are a limitation for OU scoping too (the FAQ says users are not deleted when an in-scope OU is renamed " +
        "or moved); the pass message repeats it so it is not lost.",
      "Info only: nothing here makes a server or tenant unready; the group-size limit is enforced by scope-group-members.",
    ],
    remediation: {
      summary:
        "Prefer OU scoping for production configurations. If group scoping stays, put members directly in the scoping " +
        "group (no nesting), and plan a cleanup when a scoping group is deleted or a scoped OU/group is renamed.",
      steps: [
        "Review the scoping filters: " + COLLECT.configurations,
        "Move production scope to OUs (Scoping filters > Selected organizational units); keep group scoping for pilots",
        "Before deleting a scoping group or renaming an in-scope OU/group, remove the users from scope first, let a sync cycle run, then rename/delete",
      ],
    },
  },
  appliesTo: hasConfigurationsOrUnknown,
  evaluate: (ctx) => {
    const configs = readConfigurations(ctx);
    if (!Array.isArray(configs)) return configs;
    const found = configs.map((config) =>
      evidence(
        configFact(config, "groups"),
        { name: config.name, scopingGroups: config.groups?.map((g) => g.name) ?? null, ous: config.ous?.length ?? null },
        "no scoping groups (OU scoping only)",
      ),
    );
    const grouped = configs.filter((c) => c.groups !== undefined && c.groups.length > 0);
    if (grouped.length > 0) {
      return fail(
        `Security-group scoping is used by ${grouped.map((c) => `${c.name} (${(c.groups ?? []).map((g) => g.name).join(", ")})`).join("; ")}: ` +
          "nested members beyond the first level are not synced, deleting a scoping group does not delete its users, " +
          "and renamed groups/OUs are not recognised. Microsoft recommends group scoping for pilots only.",
        found,
        "info",
      );
    }
    const missing = configs.find((c) => c.groups === undefined);
    if (missing) {
      return unknown(configFact(missing, "groups"), HINT.configurations, `Whether ${missing.name} uses group scoping was not collected.`, found);
    }
    return pass(
      "Every configuration scopes by OU only. Remember: renaming or moving an in-scope OU is not recognised by the sync job, and users are not removed.",
      found,
    );
  },
  examples: [
    {
      name: "OU scoping only",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: { configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com", ous: ["OU=Staff,DC=corp,DC=contoso,DC=com"], groups: [] }] },
      },
    },
    {
      name: "production configuration scoped by a security group",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: {
          configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com", ous: [], groups: [{ name: "SG-CloudSync-All", memberCount: 4200 }] }],
        },
      },
    },
    {
      name: "scoping filters not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", scope: {} },
    },
  ],
});
