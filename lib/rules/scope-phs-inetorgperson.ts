import { readArray } from "./domain/read";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { COLLECT, HINT } from "./scope/collect";
import { configFact, readConfiguration, readConfigurations, type ConfigView } from "./scope/configurations";
import { defineRule, type RuleContext } from "./types";

type Verdict = { config: ConfigView; result: "pass" | "fail" | "unknown"; missing?: "passwordHashSync" | "inetOrgPersonCount" };

function judge(config: ConfigView): Verdict {
  if (config.passwordHashSync === false) return { config, result: "pass" };
  if (config.inetOrgPersonCount === 0) return { config, result: "pass" };
  if (config.inetOrgPersonCount === undefined) return { config, result: "unknown", missing: "inetOrgPersonCount" };
  if (config.passwordHashSync === undefined) return { config, result: "unknown", missing: "passwordHashSync" };
  return { config, result: "fail" };
}

/** Applies unless the configurations were collected and every one has password hash sync explicitly off. */
function usesPhsOrUnknown(ctx: RuleContext): boolean {
  const list = readArray(ctx.scope?.configurations);
  if (list === undefined) return true;
  return list.map(readConfiguration).some((config) => config.passwordHashSync !== false);
}

export default defineRule({
  meta: {
    id: "scope-phs-inetorgperson",
    title: "No configuration with password hash sync has InetOrgPerson objects in scope",
    severity: "blocker",
    scope: "sync-scope",
    rationale:
      "Microsoft lists password hash sync with InetOrgPerson objects as not supported in cloud sync: InetOrgPerson " +
      "accounts in a configuration with password hash sync won't get a working cloud password.",
    source: cite(DOCS.prerequisites, "Known limitations > Password Hash Sync", "password-hash-sync"),
    otherSources: [cite(DOCS.prerequisites2023, "Known limitations > Password Hash Sync", "password-hash-sync")],
    notes: [
      "Severity decision: the page says only \"Using password hash sync with InetOrgPerson isn't supported\" (unchanged " +
        "since 2023). The rule treats it as a blocker because the combination is explicitly unsupported and the affected " +
        "users cannot sign in with their on-premises password; an organisation that accepts this for a few accounts " +
        "(e.g. they sign in another way) should record a waiver rather than have the rule guess.",
      "A configuration with password hash sync off passes; so does one with 0 InetOrgPerson objects in scope, whatever " +
        "its password hash sync setting. Otherwise a missing count or setting is unknown for that configuration.",
      "Counts should cover every in-scope OU including nested OUs (objectClass=inetOrgPerson).",
    ],
    remediation: {
      summary:
        "Keep InetOrgPerson objects out of configurations that use password hash sync: move them to an OU outside the " +
        "scope, convert them to user objects, or turn password hash sync off for that configuration.",
      steps: [
        "Find them: " + COLLECT.inetOrgPersonCount,
        "Move them to an out-of-scope OU, or recreate them as user objects, or disable password hash sync for the configuration",
        "Re-check the count and the configuration's password hash sync setting",
      ],
    },
  },
  appliesTo: usesPhsOrUnknown,
  evaluate: (ctx) => {
    const configs = readConfigurations(ctx);
    if (!Array.isArray(configs)) return configs;
    const verdicts = configs.map(judge);
    const found = verdicts.map(({ config }) =>
      evidence(
        configFact(config),
        { name: config.name, passwordHashSync: config.passwordHashSync ?? null, inetOrgPersonCount: config.inetOrgPersonCount ?? null },
        "passwordHashSync false, or inetOrgPersonCount 0",
      ),
    );
    const failing = verdicts.filter((v) => v.result === "fail");
    if (failing.length > 0) {
      return fail(
        `Password hash sync is on with InetOrgPerson objects in scope (not supported) in: ${failing
          .map(({ config }) => `${config.name} (${config.inetOrgPersonCount ?? 0} InetOrgPerson)`)
          .join(", ")}.`,
        found,
      );
    }
    const undecided = verdicts.find((v) => v.result === "unknown");
    if (undecided) {
      const field = undecided.missing ?? "inetOrgPersonCount";
      return unknown(
        configFact(undecided.config, field),
        field === "passwordHashSync" ? HINT.passwordHashSync : HINT.inetOrgPersonCount,
        `For ${undecided.config.name}, ${field === "passwordHashSync" ? "the password hash sync setting" : "the number of InetOrgPerson objects in scope"} was not collected.`,
        found,
      );
    }
    return pass("No configuration combines password hash sync with InetOrgPerson objects.", found);
  },
  examples: [
    {
      name: "password hash sync on, no InetOrgPerson objects",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: { configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com", passwordHashSync: true, inetOrgPersonCount: 0 }] },
      },
    },
    {
      name: "legacy LDAP-created InetOrgPerson accounts with password hash sync",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        scope: { configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com", passwordHashSync: true, inetOrgPersonCount: 37 }] },
      },
    },
    {
      name: "InetOrgPerson count not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", scope: { configurations: [{ name: "corp.contoso.com", passwordHashSync: true }] } },
    },
  ],
});
