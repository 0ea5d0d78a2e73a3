import { describe, expect, it } from "vitest";
import rule from "./tenant-idfix";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { TenantFacts } from "@/lib/facts";

const withAttestations = (attestations: unknown) => ctx({ tenant: { attestations } as TenantFacts });

describe("tenant-idfix", () => {
  describeRuleContract(rule, "tenant-idfix");

  it("passes with who and when in the message and evidence", () => {
    const outcome = rule.evaluate(withAttestations([{ key: "idfix-run", attested: true, by: "alice@contoso.com", at: "2026-07-20T14:05:00Z" }]));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("alice@contoso.com");
    expect(outcome.message).toContain("2026-07-20T14:05:00Z");
    expect(outcome.evidence[0]).toMatchObject({ fact: "tenant.attestations[0]", actual: { attested: true, by: "alice@contoso.com" } });
  });

  it("fails (warning severity) when attested false", () => {
    const outcome = rule.evaluate(withAttestations([{ key: "idfix-run", attested: false, by: "bob", at: "2026-07-28T09:00:00Z" }]));
    expect(outcome.status).toBe("fail");
    expect(rule.meta.severity).toBe("warning");
  });

  it("uses the latest attestation", () => {
    const later = rule.evaluate(
      withAttestations([
        { key: "idfix-run", attested: true, by: "a", at: "2026-07-30T00:00:00Z" },
        { key: "idfix-run", attested: false, by: "b", at: "2026-07-01T00:00:00Z" },
      ]),
    );
    expect(later.status).toBe("pass");
    const laterFalse = rule.evaluate(
      withAttestations([
        { key: "idfix-run", attested: true, by: "a", at: "2026-07-01T00:00:00Z" },
        { key: "idfix-run", attested: false, by: "b", at: "2026-07-30T00:00:00Z" },
      ]),
    );
    expect(laterFalse.status).toBe("fail");
  });

  it("answers unknown when no idfix-run attestation exists", () => {
    const outcome = rule.evaluate(withAttestations([]));
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("tenant.attestations[key=idfix-run]");
    expect(outcome.status === "unknown" && outcome.reason.collectNote).toContain("IdFix");
  });

  it("ignores attestations for other keys and malformed entries", () => {
    expect(rule.evaluate(withAttestations([{ key: "other", attested: true }, null, { key: "idfix-run", attested: "yes" }])).status).toBe("unknown");
  });

  it.each([[undefined], [null], [{}], ["idfix-run"]])("answers unknown for missing or malformed attestations %j", (value) => {
    expect(rule.evaluate(withAttestations(value)).status).toBe("unknown");
  });
});
