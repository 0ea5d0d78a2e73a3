import { describe, expect, it } from "vitest";
import rule from "./domain-gmsa-admin-credentials";
import { ctx, describeRuleContract } from "./testing/domain-kit";

const entry = (attested: boolean, at: string, by = "a@contoso.com") => ({ key: "gmsa-admin-credentials" as const, attested, by, at });

describe("domain-gmsa-admin-credentials", () => {
  describeRuleContract(rule, "domain-gmsa-admin-credentials");

  it("uses the latest attestation", () => {
    expect(rule.evaluate(ctx({ domain: { attestations: [entry(false, "2026-07-01T00:00:00Z"), entry(true, "2026-07-02T00:00:00Z")] } })).status).toBe("pass");
    expect(rule.evaluate(ctx({ domain: { attestations: [entry(true, "2026-07-03T00:00:00Z"), entry(false, "2026-07-02T00:00:00Z")] } })).status).toBe("pass");
    expect(rule.evaluate(ctx({ domain: { attestations: [entry(true, "2026-07-01T00:00:00Z"), entry(false, "2026-07-02T00:00:00Z")] } })).status).toBe("fail");
  });

  it("passes a pre-created custom gMSA plan without Domain Admin credentials (agent 1.1.2505.0, version history)", () => {
    const noDa = rule.evaluate(ctx({ domain: { gmsaPlan: { customGmsa: true }, attestations: [entry(false, "2026-07-01T00:00:00Z")] } }));
    expect(noDa.status).toBe("pass");
    expect(noDa.message).toContain("1.1.2505.0");
    expect(rule.evaluate(ctx({ domain: { gmsaPlan: { customGmsa: true } } })).status).toBe("pass");
  });

  it("ignores other keys and malformed entries", () => {
    const outcome = rule.evaluate(ctx({ domain: { attestations: [{ key: "laps", attested: false, by: "x", at: "2026-07-01T00:00:00Z" }, null as never] } }));
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason.collectNote).toContain("gmsa-admin-credentials");
  });
});
