import { describe, expect, it } from "vitest";
import rule from "./domain-schema-exchange";
import { ctx, describeRuleContract } from "./testing/domain-kit";

describe("domain-schema-exchange", () => {
  describeRuleContract(rule, "domain-schema-exchange", { featureGated: true });

  it("is not applicable without Exchange hybrid writeback, even on a forest without the Exchange schema", () => {
    expect(rule.appliesTo?.(ctx({ domain: { dnsName: "corp.contoso.com", exchangeSchemaVersion: null } }))).toBe(false);
    expect(
      rule.appliesTo?.(ctx({ domain: { dnsName: "corp.contoso.com" }, scope: { configurations: [{ name: "x", domain: "emea.contoso.com", exchangeHybridWriteback: true }] } })),
    ).toBe(false);
    expect(
      rule.appliesTo?.(ctx({ domain: { dnsName: "corp.contoso.com" }, scope: { configurations: [{ name: "x", domain: "corp.contoso.com", exchangeHybridWriteback: true }] } })),
    ).toBe(true);
  });

  it("fails when the attribute is absent and answers unknown for a malformed value", () => {
    const on = { featuresUsed: { exchangeHybridWriteback: true } };
    expect(rule.evaluate(ctx({ tenant: on, domain: { exchangeSchemaVersion: null } })).status).toBe("fail");
    expect(rule.evaluate(ctx({ tenant: on, domain: { exchangeSchemaVersion: "17003" as never } })).status).toBe("unknown");
    expect(rule.evaluate(ctx({ tenant: on, domain: { exchangeSchemaVersion: 15137 } })).status).toBe("pass");
  });
});
