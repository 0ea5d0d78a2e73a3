/**
 * Contract tests shared by the gMSA rule tests (imported by *.test.ts files only).
 * Each rule's test file calls `describeAclRuleContract(rule, { id, severity, scope })` and adds its own cases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ruleMetaSchema, type Rule, type RuleContext, type RuleOutcome, type RuleScope, type Severity } from "@/lib/rules/types";
import { EXAMPLE_AS_OF } from "../acl/examples";

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, blocker: 2 };

/** Field names the gMSA rules read, so the fuzzer builds "almost right" objects as well as random ones. */
const KEYS = [
  "aces", "identity", "rights", "accessType", "objectType", "inheritedObjectType", "inheritanceType", "isInherited",
  "account", "accountSid", "targetDn", "gmsa", "samAccountName", "sid", "principalsAllowedToRetrievePassword",
  "groupMemberships", "netbiosName", "dnsName", "distinguishedName", "configurations", "domain", "name",
  "passwordHashSync", "passwordWriteback", "fqdn", "netbiosDomain", "Value",
] as const;

const STRINGS = fc.constantFrom(
  "CORP\\provAgentgMSA$", "provAgentgMSA$", "S-1-5-21-1-2-3-1105", "NT AUTHORITY\\SELF", "DC=corp,DC=contoso,DC=com",
  "{BF967ABA-0DE6-11D0-A285-00AA003049E2}", "00000000-0000-0000-0000-000000000000", "Descendents", "All", "allow", "Deny",
  "ReadProperty, WriteProperty", "", "CORP", "corp.contoso.com", "CN=SYNC01,OU=Servers,DC=corp,DC=contoso,DC=com",
);

const leaf = fc.oneof(
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
  STRINGS,
  fc.integer({ min: -2, max: 0x1000000 }),
);

const nearlyRight: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.dictionary(fc.constantFrom(...KEYS), tie("node"), { maxKeys: 6 }),
    fc.array(tie("node"), { maxLength: 4 }),
  ),
})).node;

const fuzzContext = fc.record(
  { asOf: fc.constant(EXAMPLE_AS_OF), host: nearlyRight, domain: nearlyRight, acl: nearlyRight, scope: nearlyRight },
  { requiredKeys: ["asOf"] },
);

/** Contexts that are wrong in the ways real uploads are wrong; cast because they break the types on purpose. */
export const MALFORMED_CONTEXTS: readonly RuleContext[] = [
  { asOf: EXAMPLE_AS_OF, acl: { aces: [{}] } as never },
  { asOf: EXAMPLE_AS_OF, acl: { account: "CORP\\provAgentgMSA$", aces: [{}] } as never },
  { asOf: EXAMPLE_AS_OF, acl: { account: "CORP\\provAgentgMSA$", aces: [{}, null, 42, "x", []] } as never },
  { asOf: EXAMPLE_AS_OF, acl: { account: "CORP\\provAgentgMSA$", aces: "not a list" } as never },
  { asOf: EXAMPLE_AS_OF, acl: 42 as never },
  { asOf: EXAMPLE_AS_OF, acl: null as never },
  { asOf: EXAMPLE_AS_OF, acl: [] as never },
  {
    asOf: EXAMPLE_AS_OF,
    acl: {
      account: 7,
      targetDn: ["x"],
      aces: [{ identity: { Value: 3 }, rights: -1, accessType: "maybe", objectType: "zz", inheritedObjectType: null, inheritanceType: 9 }],
    } as never,
  },
  { asOf: EXAMPLE_AS_OF, domain: [] as never, host: "x" as never, scope: 5 as never },
  {
    asOf: EXAMPLE_AS_OF,
    domain: { gmsa: "provAgentgMSA$", groupMemberships: { x: 5, y: [1, null] }, netbiosName: 4 } as never,
    acl: { account: "provAgentgMSA$", aces: [] } as never,
  },
  {
    asOf: EXAMPLE_AS_OF,
    domain: { gmsa: { principalsAllowedToRetrievePassword: [1, null, "", "CORP\\SYNC01$"] }, groupMemberships: [] } as never,
    host: { identity: { netbiosName: 5, fqdn: "", sid: null } } as never,
  },
  { asOf: EXAMPLE_AS_OF, host: { identity: { fqdn: "sync01" } } as never, domain: { gmsa: { principalsAllowedToRetrievePassword: "CORP\\SYNC01$" } } as never },
  { asOf: EXAMPLE_AS_OF, scope: { configurations: [null, 3, { domain: 5, passwordHashSync: "yes" }] } as never },
];

export function checkOutcomeShape(rule: Rule, outcome: RuleOutcome): void {
  expect(["pass", "fail", "unknown"]).toContain(outcome.status);
  expect(outcome.message.length).toBeGreaterThan(0);
  expect(() => JSON.stringify(outcome)).not.toThrow();
  for (const item of outcome.evidence) {
    expect(item.fact.length).toBeGreaterThan(0);
    expect(item.expected.length).toBeGreaterThan(0);
  }
  if (outcome.status === "unknown") {
    expect(outcome.reason.missingFact.length).toBeGreaterThan(0);
    expect(`${outcome.reason.collect}${outcome.reason.collectNote ?? ""}`.length).toBeGreaterThan(0);
  }
  if (outcome.status === "fail" && outcome.severity) {
    expect(SEVERITY_RANK[outcome.severity]).toBeLessThanOrEqual(SEVERITY_RANK[rule.meta.severity]);
  }
}

/** Runs every side of a rule on one context without letting it throw. */
function exercise(rule: Rule, ctx: RuleContext): void {
  rule.appliesTo?.(ctx);
  checkOutcomeShape(rule, rule.evaluate(ctx));
  const script = rule.remediationScript?.(ctx);
  expect(script === null || script === undefined || typeof script === "string").toBe(true);
}

export function describeAclRuleContract(rule: Rule, expected: { id: string; severity: Severity; scope: RuleScope }): void {
  describe("rule contract", () => {
    it("has complete, valid metadata", () => {
      const meta = ruleMetaSchema.parse(rule.meta);
      expect(meta.id).toBe(expected.id);
      expect(meta.severity).toBe(expected.severity);
      expect(meta.scope).toBe(expected.scope);
      expect(meta.notes.length).toBeGreaterThan(0);
      expect(meta.remediation.steps.length).toBeGreaterThan(0);
    });

    it("has pass, fail and unknown examples", () => {
      const verdicts = new Set(rule.examples.map((e) => e.expect));
      expect([...verdicts].sort()).toEqual(["fail", "pass", "unknown"]);
    });

    for (const example of rule.examples) {
      it(`example "${example.name}" -> ${example.expect}`, () => {
        if (rule.appliesTo) expect(rule.appliesTo(example.context)).toBe(true);
        const outcome = rule.evaluate(example.context);
        checkOutcomeShape(rule, outcome);
        expect(outcome.status).toBe(example.expect);
        if (example.expect === "fail") {
          const script = rule.remediationScript?.(example.context);
          expect(script).toEqual(expect.stringContaining("SupportsShouldProcess = $true"));
        }
      });
    }

    it("answers unknown, not a throw, for empty facts", () => {
      const outcome = rule.evaluate({ asOf: EXAMPLE_AS_OF });
      checkOutcomeShape(rule, outcome);
      expect(outcome.status).toBe("unknown");
    });

    it("never throws on malformed facts (e.g. aces: [{}])", () => {
      for (const ctx of MALFORMED_CONTEXTS) exercise(rule, ctx);
    });

    it("never throws on random, nearly-right facts", () => {
      fc.assert(
        fc.property(fuzzContext, (ctx) => {
          exercise(rule, ctx as RuleContext);
        }),
        { numRuns: 150 },
      );
    });
  });
}
