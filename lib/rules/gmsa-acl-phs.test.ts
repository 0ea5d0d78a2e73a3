import { describe, expect, it } from "vitest";
import { ace, aclFacts, CUSTOM_GMSA_ACES, exampleContext, PHS_ACES, SCOPE_PHS_OFF, SCOPE_PHS_ONLY } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { AD_RIGHTS } from "@/lib/facts";
import { describeAclRuleContract } from "./testing/acl-kit";
import rule from "./gmsa-acl-phs";
import type { ScopeFacts } from "@/lib/facts";

describe("gmsa-acl-phs", () => {
  describeAclRuleContract(rule, { id: "gmsa-acl-phs", severity: "blocker", scope: "gmsa-acl" });

  describe("applicability", () => {
    const applies = (scope?: ScopeFacts) => rule.appliesTo?.(exampleContext({ scope }));
    it("applies without scope facts (password hash sync is on by default)", () => expect(applies(undefined)).toBe(true));
    it("applies when a configuration of the domain has it on", () => expect(applies(SCOPE_PHS_ONLY)).toBe(true));
    it("applies when the setting is not recorded (default on)", () =>
      expect(applies({ configurations: [{ name: "c1", domain: "corp.contoso.com" }] })).toBe(true));
    it("does not apply when every configuration of the domain has it off", () => expect(applies(SCOPE_PHS_OFF)).toBe(false));
    it("ignores configurations of other domains", () =>
      expect(
        applies({
          configurations: [
            { name: "corp", domain: "corp.contoso.com", passwordHashSync: false },
            { name: "emea", domain: "emea.contoso.com", passwordHashSync: true },
          ],
        }),
      ).toBe(false));
  });

  it("says the rule rests on the default when scope facts are absent", () => {
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts(PHS_ACES) }));
    expect(outcome.message).toMatch(/^Sync scope facts were not provided; password hash sync is on by default/);
    const withScope = rule.evaluate(exampleContext({ scope: SCOPE_PHS_ONLY, acl: aclFacts(PHS_ACES) }));
    expect(withScope.message).not.toContain("on by default");
  });

  it("accepts all extended rights (empty ObjectType) on the root", () => {
    expect(rule.evaluate(exampleContext({ acl: aclFacts([ace({ rights: AD_RIGHTS.ExtendedRight })]) })).status).toBe("pass");
  });

  it("does not confuse Replicating Directory Changes In Filtered Set with ...All", () => {
    const aces = [PHS_ACES[0], ace({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChangesInFilteredSet })];
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts(aces) }));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("Replicating Directory Changes All");
  });

  it("reports the wrong export target in the message", () => {
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts(CUSTOM_GMSA_ACES, { targetDn: "OU=Sync,DC=corp,DC=contoso,DC=com" }) }));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("not the domain root");
  });

  it("grants without /I (this object only), on the domain root", () => {
    const script = rule.remediationScript?.(exampleContext({ acl: aclFacts([PHS_ACES[0]]) })) ?? "";
    expect(script).toContain("& dsacls.exe $target '/G' ($account + ':CA;Replicating Directory Changes All')");
    expect(script).not.toContain("':CA;Replicating Directory Changes')");
    expect(script).toContain(`-ObjectType '${GUIDS.replicatingDirectoryChangesAll}'`);
  });
});
