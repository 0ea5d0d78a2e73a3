import { describe, expect, it } from "vitest";
import rule from "./tenant-custom-domain";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { TenantFacts } from "@/lib/facts";

const withDomains = (domains: unknown) => ctx({ tenant: { domains } as TenantFacts });
const initial = { id: "contoso.onmicrosoft.com", isVerified: true, isInitial: true, isDefault: true };

describe("tenant-custom-domain", () => {
  describeRuleContract(rule, "tenant-custom-domain");

  it("fails with only the initial domain", () => {
    const outcome = rule.evaluate(withDomains([initial]));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("only Microsoft-provided");
  });

  it("does not count the mail.onmicrosoft.com routing domain or a US Gov initial domain", () => {
    const outcome = rule.evaluate(
      withDomains([initial, { id: "contoso.mail.onmicrosoft.com", isVerified: true, isInitial: false }, { id: "contoso.onmicrosoft.us", isVerified: true }]),
    );
    expect(outcome.status).toBe("fail");
  });

  it("passes with a verified custom domain, case-insensitively", () => {
    const outcome = rule.evaluate(withDomains([initial, { id: "Contoso.COM", isVerified: true, isInitial: false }]));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("contoso.com");
  });

  it("fails naming an unverified custom domain", () => {
    const outcome = rule.evaluate(withDomains([initial, { id: "fabrikam.com", isVerified: false }]));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("fabrikam.com");
  });

  it("answers unknown when a custom domain's verification state is missing", () => {
    const outcome = rule.evaluate(withDomains([initial, { id: "fabrikam.com" }]));
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("tenant.domains[1].isVerified");
    expect(outcome.status === "unknown" && outcome.reason.collect).toContain("Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/domains");
  });

  it("does not treat a domain marked isInitial as custom even without the onmicrosoft suffix", () => {
    expect(rule.evaluate(withDomains([{ id: "odd.example", isVerified: true, isInitial: true }])).status).toBe("fail");
  });

  it("answers unknown on an empty list (every tenant has its initial domain, so that is a collection gap)", () => {
    expect(rule.evaluate(withDomains([])).status).toBe("unknown");
  });

  it.each([[undefined], [null], ["contoso.com"], [{ id: "contoso.com" }]])("answers unknown for missing or malformed domains %j", (value) => {
    expect(rule.evaluate(withDomains(value)).status).toBe("unknown");
  });

  it("ignores malformed entries", () => {
    expect(rule.evaluate(withDomains([null, 3, { id: 4 }, { id: "contoso.com", isVerified: true }])).status).toBe("pass");
  });
});
