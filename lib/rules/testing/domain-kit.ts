/**
 * Shared checks for the domain, tenant, sync-scope and fleet rule tests (imported by *.test.ts files only).
 * Each rule's own test file calls `describeRuleContract(rule, "<id>")` and then adds its boundary cases.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { ruleMetaSchema, type Rule, type RuleContext, type RuleOutcome, type Severity } from "@/lib/rules/types";

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, blocker: 2 };

export const AS_OF = "2026-08-01T12:00:00Z";

/** A context with the fixed evaluation time used by the tests. */
export function ctx(parts: Omit<RuleContext, "asOf"> & { asOf?: string }): RuleContext {
  return { asOf: AS_OF, ...parts };
}

/** Field names the rules read, so the fuzzer builds "almost right" objects as well as random ones. */
const KEYS = [
  "dnsName", "schemaVersion", "domainControllers", "name", "osCaption", "osBuild", "rsatAdPowerShell",
  "kdsRootKeys", "id", "effectiveTime", "createdTime", "functionalLevels", "domain", "forest",
  "protectedObjects", "inheritanceDisabledCount", "adminCountCount", "samples",
  "hybridIdentityAdmins", "userPrincipalName", "userType", "onPremisesSyncEnabled", "accountEnabled", "role", "assignment", "viaGroup",
  "collectedOn", "computerName", "isDomainController", "rsatMethod",
  "domains", "isVerified", "isInitial", "isDefault", "attestations", "key", "attested", "by", "at",
  "configurations", "ous", "groups", "memberCount", "passwordHashSync", "inetOrgPersonCount", "objectCount",
  "agentHosts", "hostsWithAgentData", "identity", "corp.contoso.com",
] as const;

const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  maxDepth: 3,
});

const nearlyRight: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    anyValue,
    fc.dictionary(fc.constantFrom(...KEYS), tie("node"), { maxKeys: 6 }),
    fc.array(tie("node"), { maxLength: 4 }),
  ),
})).node;

const fuzzContext = fc.record(
  {
    asOf: fc.oneof(fc.constant(AS_OF), fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    host: nearlyRight,
    domain: nearlyRight,
    acl: nearlyRight,
    tenant: nearlyRight,
    scope: nearlyRight,
    fleet: nearlyRight,
  },
  { requiredKeys: ["asOf"] },
);

function checkOutcomeShape(rule: Rule, outcome: RuleOutcome): void {
  expect(["pass", "fail", "unknown"]).toContain(outcome.status);
  expect(outcome.message.trim().length).toBeGreaterThan(0);
  expect(() => JSON.stringify(outcome)).not.toThrow();
  for (const item of outcome.evidence) {
    expect(item.fact.length).toBeGreaterThan(0);
    expect(item.expected.length).toBeGreaterThan(0);
  }
  if (outcome.status === "unknown") {
    expect(outcome.reason.code).toBe("missing-fact");
    expect(outcome.reason.missingFact.trim().length).toBeGreaterThan(0);
    expect(`${outcome.reason.collect}${outcome.reason.collectNote ?? ""}`.trim().length).toBeGreaterThan(0);
  }
  if (outcome.status === "fail") {
    expect(outcome.evidence.length).toBeGreaterThan(0);
    if (outcome.severity) expect(SEVERITY_RANK[outcome.severity]).toBeLessThanOrEqual(SEVERITY_RANK[rule.meta.severity]);
  }
}

/** Contract tests every rule of this group must pass. */
export function describeRuleContract(rule: Rule, fileId: string, options: { featureGated?: boolean } = {}): void {
  it("has id equal to its file name and complete metadata", () => {
    expect(rule.meta.id).toBe(fileId);
    const meta = ruleMetaSchema.parse(rule.meta);
    expect(meta.remediation.steps.length).toBeGreaterThan(0);
    expect(meta.notes.length).toBeGreaterThan(0);
  });

  it("has at least one pass, one fail and one unknown example", () => {
    const verdicts = new Set(rule.examples.map((example) => example.expect));
    expect(verdicts).toEqual(new Set(["pass", "fail", "unknown"]));
  });

  for (const example of rule.examples) {
    it(`example "${example.name}" yields ${example.expect}`, () => {
      if (rule.appliesTo) expect(rule.appliesTo(example.context)).toBe(true);
      const outcome = rule.evaluate(example.context);
      expect(outcome.status).toBe(example.expect);
      checkOutcomeShape(rule, outcome);
    });
  }

  it.each([
    ["no facts", { asOf: AS_OF }],
    ["empty fact groups", { asOf: AS_OF, host: {}, domain: {}, acl: {}, tenant: {}, scope: {}, fleet: {} }],
  ] as const)("answers unknown (naming the missing fact and how to collect it) given %s", (_label, empty: RuleContext) => {
    // A rule of an optional feature (feature/use.ts) is not applicable without facts saying the feature is used.
    if (options.featureGated) {
      expect(rule.appliesTo?.(empty)).toBe(false);
      return;
    }
    if (rule.appliesTo) expect(rule.appliesTo(empty)).toBe(true);
    const outcome = rule.evaluate(empty);
    expect(outcome.status).toBe("unknown");
    checkOutcomeShape(rule, outcome);
  });

  it("never throws on malformed facts, and every outcome is well formed", () => {
    fc.assert(
      fc.property(fuzzContext, (raw) => {
        // Deliberately malformed input: the fuzzer builds values the facts schemas would reject.
        const context = raw as unknown as RuleContext;
        if (rule.appliesTo) expect(typeof rule.appliesTo(context)).toBe("boolean");
        checkOutcomeShape(rule, rule.evaluate(context));
        const script = rule.remediationScript?.(context);
        expect(script === undefined || script === null || typeof script === "string").toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  const remediationScript = rule.remediationScript;
  if (remediationScript) {
    it("generates a remediation script that checks before it changes anything and honours -WhatIf", () => {
      const scripts = rule.examples
        .map((example) => remediationScript(example.context))
        .filter((script): script is string => typeof script === "string");
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) {
        expect(script).toContain("[CmdletBinding(SupportsShouldProcess");
        expect(script).toContain("$PSCmdlet.ShouldProcess(");
      }
    });
  }
}
