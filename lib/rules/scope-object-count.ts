import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { COLLECT, HINT } from "./scope/collect";
import { CONFIGS_FACT, configFact, hasConfigurationsOrUnknown, readConfigurations, type ConfigView } from "./scope/configurations";
import { defineRule } from "./types";

export const MAX_OBJECTS_PER_DOMAIN = 150_000;

const fmt = (n: number) => n.toLocaleString("en-US");

interface DomainTotal {
  /** Lower-case DNS name, or a label for configurations without a domain. */
  domain: string;
  configs: ConfigView[];
  knownTotal: number;
  uncounted: ConfigView[];
}

function totalsByDomain(configs: readonly ConfigView[]): DomainTotal[] {
  const byDomain = new Map<string, DomainTotal>();
  for (const config of configs) {
    // A configuration without a domain can't be summed with others: it stands alone.
    const key = config.domain ?? `(domain not recorded: ${config.name})`;
    const total = byDomain.get(key) ?? { domain: key, configs: [], knownTotal: 0, uncounted: [] };
    total.configs.push(config);
    if (config.objectCount === undefined) total.uncounted.push(config);
    else total.knownTotal += config.objectCount;
    byDomain.set(key, total);
  }
  return [...byDomain.values()];
}

export default defineRule({
  meta: {
    id: "scope-object-count",
    title: "Each Active Directory domain has at most 150,000 objects in sync scope",
    severity: "blocker",
    scope: "sync-scope",
    judgedPer: "domain",
    rationale:
      "Cloud sync currently supports up to 150,000 objects per Active Directory domain; larger domains are outside what " +
      "Microsoft supports for cloud sync and should stay on Connect Sync or be split.",
    source: cite(DOCS.decisionGuide, "Comparison between Microsoft Entra Connect and Cloud Sync (Scale Limits per Domain)", "comparison-between-microsoft-entra-connect-and-cloud-sync"),
    otherSources: [cite(DOCS.decisionGuide, "Migration readiness assessment > Ready for immediate migration", "ready-for-immediate-migration")],
    notes: [
      "Wording differs inside the decision guide: the comparison table says \"up to 150,000 objects per domain\" while the " +
        "readiness checklist says \"fewer than 150,000\". The rule follows the table: exactly 150,000 passes, 150,001 fails.",
      "The limit is per AD domain, so object counts of all configurations for the same domain are summed. Configurations " +
        "that overlap would be double-counted; configurations without a recorded domain are judged on their own.",
      "The prerequisites page does not state this limit; only the decision guide (and \"Large Scale Deployments\" in its " +
        "\"Evaluate for future migration\" list) does.",
      "A domain whose known counts already exceed the limit fails even if another configuration's count is missing; otherwise a missing count gives unknown.",
    ],
    remediation: {
      summary:
        "Bring each domain's in-scope object count to 150,000 or fewer by narrowing the scoping OUs, or keep that domain on Entra Connect Sync.",
      steps: [
        "Count in-scope objects per OU: " + COLLECT.objectCount,
        "Exclude OUs that don't need to be in Microsoft Entra ID (service accounts, disabled users, stale objects)",
        "If the domain still exceeds 150,000 objects, keep it on Microsoft Entra Connect Sync (no documented per-domain limit)",
      ],
    },
  },
  appliesTo: hasConfigurationsOrUnknown,
  evaluate: (ctx) => {
    const configs = readConfigurations(ctx);
    if (!Array.isArray(configs)) return configs;
    const totals = totalsByDomain(configs);
    const expected = `<= ${fmt(MAX_OBJECTS_PER_DOMAIN)} objects per AD domain (sum of its configurations)`;
    const found = totals.map((t) =>
      evidence(
        t.configs.length === 1 && t.configs[0] ? configFact(t.configs[0], "objectCount") : `${CONFIGS_FACT}[domain=${t.domain}].objectCount`,
        {
          domain: t.domain,
          configurations: t.configs.map((c) => ({ name: c.name, objectCount: c.objectCount ?? null })),
          total: t.uncounted.length === 0 ? t.knownTotal : null,
          knownTotal: t.knownTotal,
        },
        expected,
      ),
    );
    const over = totals.filter((t) => t.knownTotal > MAX_OBJECTS_PER_DOMAIN);
    if (over.length > 0) {
      return fail(
        `Above ${fmt(MAX_OBJECTS_PER_DOMAIN)} objects in scope: ${over
          .map((t) => `${t.domain} (${fmt(t.knownTotal)}${t.uncounted.length > 0 ? "+" : ""} across ${t.configs.length} configuration(s))`)
          .join(", ")}.`,
        found,
      );
    }
    const uncounted = totals.flatMap((t) => t.uncounted);
    const first = uncounted[0];
    if (first) {
      return unknown(configFact(first, "objectCount"), HINT.objectCount, `Object counts were not collected for: ${uncounted.map((c) => c.name).join(", ")}.`, found);
    }
    return pass(`Every domain is within ${fmt(MAX_OBJECTS_PER_DOMAIN)} objects: ${totals.map((t) => `${t.domain} ${fmt(t.knownTotal)}`).join(", ")}.`, found);
  },
  examples: [
    {
      name: "two configurations for one domain, 95,000 objects in total",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: {
          configurations: [
            { name: "corp-users", domain: "corp.contoso.com", objectCount: 80_000 },
            { name: "corp-contractors", domain: "corp.contoso.com", objectCount: 15_000 },
          ],
        },
      },
    },
    {
      name: "one large domain split into three configurations",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: {
          configurations: [
            { name: "emea", domain: "corp.contoso.com", objectCount: 70_000 },
            { name: "amer", domain: "corp.contoso.com", objectCount: 60_000 },
            { name: "apac", domain: "corp.contoso.com", objectCount: 30_000 },
          ],
        },
      },
    },
    {
      name: "object count not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", scope: { configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com" }] } },
    },
  ],
});
