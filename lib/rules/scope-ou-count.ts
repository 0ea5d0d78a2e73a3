import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { COLLECT, HINT } from "./scope/collect";
import { configFact, hasConfigurationsOrUnknown, readConfigurations, type ConfigView } from "./scope/configurations";
import { defineRule, type Evidence } from "./types";

/** About 50 separate OUs/groups fit the 4 MB scoping-configuration cap (2025+ docs). */
export const SOFT_LIMIT = 50;
/** 2023 doc: "up to 59 separate OUs or Security Groups"; all revisions: 60 separate OUs can't be synced. */
export const HARD_LIMIT = 59;

const EXPECTED = `at most ${SOFT_LIMIT} separate OUs/groups (4 MB cap); never more than ${HARD_LIMIT}`;

type Verdict = { config: ConfigView; total?: number; known: number; level: "pass" | "warning" | "blocker" | "unknown" };

const distinct = (names: readonly string[]) => new Set(names.map((n) => n.trim().toLowerCase())).size;

function judge(config: ConfigView): Verdict {
  const ous = config.ous ? distinct(config.ous) : undefined;
  const groups = config.groups ? distinct(config.groups.map((g) => g.name)) : undefined;
  const known = (ous ?? 0) + (groups ?? 0);
  if (ous === undefined || groups === undefined) {
    // Partial data: only a count already above the hard limit is decisive.
    return { config, known, level: known > HARD_LIMIT ? "blocker" : "unknown" };
  }
  const level = known > HARD_LIMIT ? "blocker" : known > SOFT_LIMIT ? "warning" : "pass";
  return { config, total: known, known, level };
}

export default defineRule({
  meta: {
    id: "scope-ou-count",
    title: `Each sync configuration's scoping filter lists at most ${SOFT_LIMIT} separate OUs or security groups (never more than ${HARD_LIMIT})`,
    severity: "blocker",
    scope: "sync-scope",
    rationale:
      "The scoping configuration of a cloud sync configuration is capped at 4 MB of text including metadata, which in " +
      "Microsoft's testing is about 50 separate OUs or security groups; 60 separate OUs in one configuration cannot be synced.",
    source: cite(DOCS.prerequisites, "Known limitations > Scoping filter", "scoping-filter"),
    otherSources: [
      cite(DOCS.prerequisites2025, "Known limitations > Scoping filter", "scoping-filter"),
      cite(DOCS.prerequisites2023, "Known limitations > Scoping filter", "scoping-filter"),
    ],
    notes: [
      "History: the 2023 revision said \"You can only sync up to 59 separate OUs or Security Groups for a given " +
        "configuration\". Since the April 2025 revision (and in the 2026-07-27 page) the limit is a 4 MB character-length " +
        "cap on the scoping configuration, \"approximately 50 separate OUs or Security Groups, including its required " +
        "metadata\", and Microsoft notes the size cannot currently be measured. Both revisions keep the example that 60 " +
        "separate OUs can't be synced.",
      `Encoding: more than ${HARD_LIMIT} fails as a blocker (every revision agrees); ${SOFT_LIMIT + 1}-${HARD_LIMIT} fails ` +
        `as a warning (may exceed the 4 MB cap - long DNs reach it sooner); ${SOFT_LIMIT} or fewer passes.`,
      "Counted per configuration: distinct OU DNs plus distinct scoping groups (case-insensitive). Nested OUs under a " +
        "listed OU are not counted - the doc says one OU with 130 nested OUs is fine.",
      "The doc places the limit under \"When using OU scoping filter\" but counts \"OUs or Security Groups\"; the rule counts both.",
    ],
    remediation: {
      summary:
        "Reduce each configuration's scoping list: select a common parent OU instead of many siblings, or split the " +
        "scope across several configurations (one per domain, or disjoint OU sets).",
      steps: [
        "Review the current list: " + COLLECT.configurations,
        "Replace sibling OUs with their parent OU (nested OUs are included automatically) and move out-of-scope objects elsewhere",
        "Or create an additional configuration for the same domain with a disjoint set of OUs",
        `Keep each configuration at ${SOFT_LIMIT} or fewer entries to stay under the 4 MB cap`,
      ],
    },
  },
  appliesTo: hasConfigurationsOrUnknown,
  evaluate: (ctx) => {
    const configs = readConfigurations(ctx);
    if (!Array.isArray(configs)) return configs;
    if (configs.length === 0) return pass("No sync configuration is defined yet.");
    const verdicts = configs.map(judge);
    const found: Evidence[] = verdicts.map((v) =>
      evidence(
        configFact(v.config),
        { name: v.config.name, ous: v.config.ous?.length ?? null, groups: v.config.groups?.length ?? null, separateEntries: v.total ?? null },
        EXPECTED,
      ),
    );
    const describe = (v: Verdict) => `${v.config.name} (${v.total ?? `${v.known}+`})`;
    const blockers = verdicts.filter((v) => v.level === "blocker");
    const warnings = verdicts.filter((v) => v.level === "warning");
    const undecided = verdicts.filter((v) => v.level === "unknown");
    const pending = undecided.length > 0 ? ` Not counted: ${undecided.map((v) => v.config.name).join(", ")}.` : "";
    if (blockers.length > 0) {
      return fail(`More than ${HARD_LIMIT} separate OUs/groups in: ${blockers.map(describe).join(", ")}.${pending}`, found);
    }
    if (warnings.length > 0) {
      return fail(
        `More than ${SOFT_LIMIT} separate OUs/groups (likely over the 4 MB scoping cap) in: ${warnings.map(describe).join(", ")}.${pending}`,
        found,
        "warning",
      );
    }
    const first = undecided[0];
    if (first) {
      const field = first.config.ous === undefined ? "ous" : "groups";
      return unknown(configFact(first.config, field), HINT.configurations, `The scoping ${field} of ${undecided.map((v) => v.config.name).join(", ")} were not collected.`, found);
    }
    return pass(`Every configuration lists ${SOFT_LIMIT} or fewer separate OUs/groups: ${verdicts.map(describe).join(", ")}.`, found);
  },
  examples: [
    {
      name: "one configuration with a handful of OUs",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: {
          configurations: [
            {
              name: "corp.contoso.com",
              domain: "corp.contoso.com",
              ous: ["OU=Users,OU=Paris,DC=corp,DC=contoso,DC=com", "OU=Users,OU=Lyon,DC=corp,DC=contoso,DC=com", "OU=Groups,DC=corp,DC=contoso,DC=com"],
              groups: [],
            },
          ],
        },
      },
    },
    {
      name: "64 branch OUs listed one by one",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: {
          configurations: [
            {
              name: "corp.contoso.com",
              domain: "corp.contoso.com",
              ous: Array.from({ length: 64 }, (_, i) => `OU=Branch${String(i + 1).padStart(3, "0")},OU=Branches,DC=corp,DC=contoso,DC=com`),
              groups: [],
            },
          ],
        },
      },
    },
    {
      name: "scoping filters not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", scope: { configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com" }] } },
    },
  ],
});
