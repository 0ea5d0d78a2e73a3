import { describe, expect, it } from "vitest";
import { ace, aclFacts, exampleContext, SCOPE_PHS_ONLY, SCOPE_WRITEBACK_ON, WRITEBACK_ACES, without } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { AD_RIGHTS } from "@/lib/facts";
import { describeAclRuleContract } from "./testing/acl-kit";
import rule from "./gmsa-acl-writeback";

const evaluate = (aces: Parameters<typeof aclFacts>[0]) => rule.evaluate(exampleContext({ scope: SCOPE_WRITEBACK_ON, acl: aclFacts(aces) }));

describe("gmsa-acl-writeback", () => {
  describeAclRuleContract(rule, { id: "gmsa-acl-writeback", severity: "blocker", scope: "gmsa-acl" });

  it("applies only when a configuration of the domain has writeback on", () => {
    expect(rule.appliesTo?.(exampleContext({}))).toBe(false);
    expect(rule.appliesTo?.(exampleContext({ scope: SCOPE_PHS_ONLY }))).toBe(false);
    expect(rule.appliesTo?.(exampleContext({ scope: SCOPE_WRITEBACK_ON }))).toBe(true);
    expect(
      rule.appliesTo?.(exampleContext({ scope: { configurations: [{ name: "emea", domain: "emea.contoso.com", passwordWriteback: true }] } })),
    ).toBe(false);
  });

  it.each([
    ["Reset Password", GUIDS.resetPassword],
    ["lockoutTime", GUIDS.lockoutTime],
    ["pwdLastSet", GUIDS.pwdLastSet],
    ["Unexpire Password", GUIDS.unexpirePassword],
  ])("fails when %s is missing", (label, guid) => {
    const outcome = evaluate(without(WRITEBACK_ACES, (a) => a.objectType === guid));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain(label);
  });

  it("accepts pwdLastSet through the Account Restrictions property set", () => {
    const aces = [
      ...without(WRITEBACK_ACES, (a) => a.objectType === GUIDS.pwdLastSet),
      ace({ rights: AD_RIGHTS.WriteProperty, objectType: GUIDS.accountRestrictions, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }),
    ];
    expect(evaluate(aces).status).toBe("pass");
  });

  it("does not accept Reset Password granted on the root only", () => {
    const aces = [...without(WRITEBACK_ACES, (a) => a.objectType === GUIDS.resetPassword), ace({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.resetPassword })];
    expect(evaluate(aces).status).toBe("fail");
  });

  it("does not accept Change Password in place of Reset Password", () => {
    const aces = [
      ...without(WRITEBACK_ACES, (a) => a.objectType === GUIDS.resetPassword),
      ace({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.changePassword, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }),
    ];
    expect(evaluate(aces).status).toBe("fail");
  });

  it("scripts only the missing Unexpire Password grant, this object only", () => {
    const script =
      rule.remediationScript?.(exampleContext({ scope: SCOPE_WRITEBACK_ON, acl: aclFacts(without(WRITEBACK_ACES, (a) => a.objectType === GUIDS.unexpirePassword)) })) ?? "";
    expect(script).toContain("& dsacls.exe $target '/G' ($account + ':CA;Unexpire Password')");
    expect(script).not.toContain("Reset Password;user");
  });
});
