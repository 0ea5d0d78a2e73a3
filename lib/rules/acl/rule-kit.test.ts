import { describe, expect, it } from "vitest";
import { aclFacts, CUSTOM_GMSA_ACES, DOMAIN_DN, EXAMPLE_DOMAIN, exampleContext } from "./examples";
import { prepareAcl } from "./rule-kit";

describe("prepareAcl: why there is nothing to judge", () => {
  it("names the collector's error when it could not read the domain root's ACL", () => {
    const domain = { ...EXAMPLE_DOMAIN, aclErrors: [{ targetDn: "dc=corp, dc=contoso, dc=com", message: "Access is denied." }] };
    const prepared = prepareAcl(exampleContext({ domain }));
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.outcome).toMatchObject({
      status: "unknown",
      message: "The collector could not read the ACL of the domain root dc=corp, dc=contoso, dc=com (Access is denied.), and no other export of it was uploaded, so the gMSA's permissions cannot be judged.",
      reason: { code: "missing-fact", missingFact: "acl" },
      evidence: [{ fact: "domain.aclErrors", actual: { targetDn: "dc=corp, dc=contoso, dc=com", message: "Access is denied." } }],
    });
    expect(prepared.outcome.status === "unknown" && prepared.outcome.reason.collect).toContain(`Get-Acl "AD:\\${DOMAIN_DN}"`);
  });

  it("ignores errors on other objects (an OU) and says no export was uploaded", () => {
    const domain = { ...EXAMPLE_DOMAIN, aclErrors: [{ targetDn: `OU=Legacy,${DOMAIN_DN}`, message: "Directory object not found" }] };
    const prepared = prepareAcl(exampleContext({ domain }));
    expect(!prepared.ok && prepared.outcome.message).toBe("No ACL export of the domain root was uploaded for the gMSA, so its permissions cannot be judged.");
  });

  it("judges an export that is there, whatever error an older collection recorded", () => {
    const domain = { ...EXAMPLE_DOMAIN, aclErrors: [{ targetDn: DOMAIN_DN, message: "Access is denied." }] };
    expect(prepareAcl(exampleContext({ domain, acl: aclFacts(CUSTOM_GMSA_ACES) })).ok).toBe(true);
  });
});
