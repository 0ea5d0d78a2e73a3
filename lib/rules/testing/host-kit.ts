/**
 * Test helpers shared by the host rule tests (imported only from *.test.ts files).
 * They check the contract every host rule promises: examples yield their declared status,
 * unknown always names the missing fact and how to collect it, and nothing throws on bad input.
 */
import { expect, it } from "vitest";
import type { Rule, RuleContext, RuleOutcome } from "@/lib/rules/types";
import { EXAMPLE_AS_OF } from "../host/examples";

/** Contexts whose host facts are partial, null, or of the wrong types (as a broken upload might produce). */
export const MALFORMED_CONTEXTS: readonly { name: string; context: RuleContext }[] = [
  { name: "no host", context: { asOf: EXAMPLE_AS_OF } },
  { name: "empty host", context: { asOf: EXAMPLE_AS_OF, host: {} } },
  { name: "null host", context: { asOf: EXAMPLE_AS_OF, host: null as never } },
  { name: "string host", context: { asOf: EXAMPLE_AS_OF, host: "sync01" as never } },
  { name: "array host", context: { asOf: EXAMPLE_AS_OF, host: [] as never } },
  {
    name: "null sections",
    context: {
      asOf: EXAMPLE_AS_OF,
      host: {
        identity: null,
        os: null,
        domainMembership: null,
        memory: null,
        dotnet: null,
        executionPolicy: null,
        tls: null,
        ntlm: null,
        services: null,
        tier0: null,
        network: null,
        hotfixes: null,
        agent: null,
        tags: null,
      } as never,
    },
  },
  {
    name: "wrong types everywhere",
    context: {
      asOf: EXAMPLE_AS_OF,
      host: {
        identity: { fqdn: 42, netbiosName: [] },
        os: { caption: 2019, version: 10.0, build: "17763", ubr: "6901", installationType: "core", productType: 3, serverLevel: 2 },
        domainMembership: { partOfDomain: "true", domainRole: 3 },
        memory: { totalPhysicalBytes: "8 GB", installedBytes: -1 },
        dotnet: { release: "528449" },
        executionPolicy: { effective: 3, scopes: "RemoteSigned" },
        tls: {
          schannelTls12: { client: [], server: "Enabled" },
          dotnet64: { schUseStrongCrypto: "1", systemDefaultTlsVersions: true },
          dotnet32: 1,
        },
        ntlm: { restrictSendingNtlmTraffic: "2", restrictNtlmInDomain: {} },
        services: { vaultSvc: 2 },
        tier0: "yes",
        network: { cloud: 7, checks: "443 open", proxy: [] },
        hotfixes: "KB5070773",
        agent: { installed: "yes", version: 1.1 },
        tags: "tier0",
      } as never,
    },
  },
  {
    name: "malformed list entries",
    context: {
      asOf: EXAMPLE_AS_OF,
      host: {
        os: { build: Number.NaN, caption: "" },
        memory: { totalPhysicalBytes: Number.POSITIVE_INFINITY },
        dotnet: { release: 1.5 },
        network: { cloud: "china", checks: [null, 1, "x", { host: 5, port: "443", reachable: "yes" }, { host: "", port: 443 }] },
        hotfixes: [null, 5070773, { id: "KB5070773" }],
        agent: { installed: true, version: "latest" },
        tags: [null, 0],
      } as never,
    },
  },
  { name: "null context", context: null as never },
];

/** One test per example: the rule yields the example's declared status. */
export function itRunsExamples(rule: Rule): void {
  it("has at least one pass, fail and unknown example", () => {
    const statuses = new Set(rule.examples.map((example) => example.expect));
    expect([...statuses].sort()).toEqual(["fail", "pass", "unknown"]);
  });
  for (const example of rule.examples) {
    it(`example "${example.name}" yields ${example.expect}`, () => {
      expect(rule.appliesTo?.(example.context) ?? true).toBe(true);
      const outcome = rule.evaluate(example.context);
      expect(outcome.status).toBe(example.expect);
      expectWellFormed(outcome);
    });
  }
}

/**
 * Evaluate, appliesTo and remediationScript never throw on malformed facts; outcomes stay well-formed.
 * Malformed values read as "not collected", so every one of these contexts yields unknown, never fail.
 */
export function itSurvivesMalformedFacts(rule: Rule): void {
  for (const { name, context } of MALFORMED_CONTEXTS) {
    it(`does not throw on malformed facts: ${name}`, () => {
      expect(() => rule.appliesTo?.(context)).not.toThrow();
      const outcome = rule.evaluate(context);
      expect(outcome.status).toBe("unknown");
      expectWellFormed(outcome);
      const script = rule.remediationScript?.(context);
      expect(script === null || script === undefined || typeof script === "string").toBe(true);
    });
  }
}

/** Unknown names the missing fact and the collection command; evidence is JSON-serialisable. */
export function expectWellFormed(outcome: RuleOutcome): void {
  expect(outcome.message.length).toBeGreaterThan(5);
  expect(() => JSON.stringify(outcome.evidence)).not.toThrow();
  for (const item of outcome.evidence) {
    expect(item.fact).toMatch(/^host\./);
    expect(item.actual).not.toBeUndefined();
    expect(item.expected.length).toBeGreaterThan(0);
  }
  if (outcome.status === "unknown") {
    expect(outcome.reason.code).toBe("missing-fact");
    expect(outcome.reason.missingFact).toMatch(/^host(\.|$)/);
    expect(`${outcome.reason.collect}${outcome.reason.collectNote ?? ""}`.length).toBeGreaterThan(5);
  }
}

/** Evaluates and narrows to a fail, for severity assertions. */
export function expectFail(outcome: RuleOutcome): Extract<RuleOutcome, { status: "fail" }> {
  if (outcome.status !== "fail") throw new Error(`expected fail, got ${outcome.status}: ${outcome.message}`);
  return outcome;
}

/** Narrows to unknown, for reason assertions. */
export function expectUnknown(outcome: RuleOutcome): Extract<RuleOutcome, { status: "unknown" }> {
  if (outcome.status !== "unknown") throw new Error(`expected unknown, got ${outcome.status}: ${outcome.message}`);
  return outcome;
}
