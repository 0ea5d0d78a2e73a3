import { describe, expect, it } from "vitest";
import rule from "./host-domain-joined";
import { hostContext } from "./host/examples";
import { expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-domain-joined", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("prefers partOfDomain over domainRole", () => {
    const outcome = rule.evaluate(hostContext({ domainMembership: { partOfDomain: false, domainRole: "MemberServer" } }));
    expect(outcome.status).toBe("fail");
    expect(outcome.evidence[0].fact).toBe("host.domainMembership.partOfDomain");
  });

  it("falls back to domainRole names and numbers, and to a DC product type", () => {
    expect(rule.evaluate(hostContext({ domainMembership: { domainRole: "BackupDomainController" } })).status).toBe("pass");
    expect(rule.evaluate(hostContext({ domainMembership: { domainRole: "3" } })).status).toBe("pass");
    expect(rule.evaluate(hostContext({ domainMembership: { domainRole: "StandaloneServer" } })).status).toBe("fail");
    expect(rule.evaluate(hostContext({ os: { productType: "domain-controller" } })).status).toBe("pass");
  });

  it("is unknown for an unrecognised role", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ domainMembership: { domainRole: "Cluster" } })));
    expect(outcome.reason.missingFact).toBe("host.domainMembership.partOfDomain");
  });

  it("generates an idempotent, -WhatIf-aware join script only for a workgroup server", () => {
    const failing = rule.examples.find((example) => example.expect === "fail");
    const script = rule.remediationScript?.(failing!.context) ?? "";
    expect(script).toContain("PartOfDomain");
    expect(script).toContain("$PSCmdlet.ShouldProcess");
    expect(script).toContain("Add-Computer");
    expect(script).toContain("[CmdletBinding(SupportsShouldProcess)]");
    expect(rule.remediationScript?.(rule.examples[0].context)).toBeNull();
    expect(rule.remediationScript?.(hostContext({}))).toBeNull();
  });
});
