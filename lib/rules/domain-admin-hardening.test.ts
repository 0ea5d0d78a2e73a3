import { describe, expect, it } from "vitest";
import rule, { HARDENING } from "./domain-admin-hardening";
import { ctx, describeRuleContract } from "./testing/domain-kit";

const at = "2026-07-21T09:00:00Z";

describe("domain-admin-hardening", () => {
  describeRuleContract(rule, "domain-admin-hardening");

  it("is a warning", () => {
    expect(rule.meta.severity).toBe("warning");
  });

  it("fails on a recommendation recorded as not in place even when others are not attested", () => {
    const outcome = rule.evaluate(ctx({ domain: { attestations: [{ key: "admin-mfa", attested: false, by: "x", at }] } }));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("multifactor");
    expect(outcome.message).toContain("Not attested");
  });

  it("passes only when all five are attested true", () => {
    const attestations = HARDENING.map((h) => ({ key: h.key, attested: true, by: "x", at }));
    expect(rule.evaluate(ctx({ domain: { attestations } })).status).toBe("pass");
    expect(rule.evaluate(ctx({ domain: { attestations: attestations.slice(1) } })).status).toBe("unknown");
  });
});
