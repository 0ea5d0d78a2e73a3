import { describe, expect, it } from "vitest";
import { aclFacts, CUSTOM_GMSA_ACES, exampleContext, EXCHANGE_HYBRID_ACES, SCOPE_EXCHANGE_HYBRID, SCOPE_WRITEBACK_ON, without } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { describeAclRuleContract } from "./testing/acl-kit";
import rule from "./gmsa-acl-exchange-hybrid";

const evaluate = (aces: Parameters<typeof aclFacts>[0]) => rule.evaluate(exampleContext({ scope: SCOPE_EXCHANGE_HYBRID, acl: aclFacts(aces) }));

describe("gmsa-acl-exchange-hybrid", () => {
  describeAclRuleContract(rule, { id: "gmsa-acl-exchange-hybrid", severity: "blocker", scope: "gmsa-acl" });

  it("is not applicable unless Exchange hybrid writeback is used", () => {
    expect(rule.appliesTo?.(exampleContext({}))).toBe(false);
    expect(rule.appliesTo?.(exampleContext({ scope: SCOPE_WRITEBACK_ON }))).toBe(false);
    expect(rule.appliesTo?.(exampleContext({ scope: SCOPE_EXCHANGE_HYBRID }))).toBe(true);
    expect(rule.appliesTo?.(exampleContext({ tenant: { featuresUsed: { exchangeHybridWriteback: true } } }))).toBe(true);
  });

  it("counts Full control on groups for the group row", () => {
    const outcome = evaluate([...CUSTOM_GMSA_ACES, ...without(EXCHANGE_HYBRID_ACES, (a) => a.inheritedObjectType === GUIDS.group)]);
    expect(outcome.status).toBe("pass");
  });

  it.each([
    ["InetOrgPerson", GUIDS.inetOrgPerson],
    ["Contact", GUIDS.contact],
    ["User", GUIDS.user],
  ])("fails when %s objects cannot be written", (label, cls) => {
    const outcome = evaluate([...CUSTOM_GMSA_ACES, ...without(EXCHANGE_HYBRID_ACES, (a) => a.inheritedObjectType === cls)]);
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain(label);
  });
});
