import { describe, expect, it } from "vitest";
import { ace, aclFacts, exampleContext } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { AD_RIGHTS } from "@/lib/facts";
import { describeAclRuleContract } from "./testing/acl-kit";
import rule from "./gmsa-acl-create-delete-users";
import type { InheritanceType } from "@/lib/facts";

const CCDC = AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild;
const status = (...aces: Parameters<typeof aclFacts>[0]) => rule.evaluate(exampleContext({ acl: aclFacts(aces) })).status;

describe("gmsa-acl-create-delete-users", () => {
  describeAclRuleContract(rule, { id: "gmsa-acl-create-delete-users", severity: "blocker", scope: "gmsa-acl" });

  it.each<[InheritanceType, "pass" | "fail"]>([
    ["All", "pass"],
    ["None", "fail"],
    ["Descendents", "fail"],
    ["SelfAndChildren", "fail"],
    ["Children", "fail"],
  ])("a single user CreateChild/DeleteChild ACE with inheritance %s -> %s", (inheritanceType, expected) => {
    expect(status(ace({ rights: CCDC, objectType: GUIDS.user, inheritanceType }))).toBe(expected);
  });

  it("accepts CreateChild and DeleteChild from separate ACEs", () => {
    expect(
      status(
        ace({ rights: AD_RIGHTS.CreateChild, objectType: GUIDS.user, inheritanceType: "All" }),
        ace({ rights: AD_RIGHTS.DeleteChild, objectType: GUIDS.user, inheritanceType: "All" }),
      ),
    ).toBe("pass");
  });

  it("accepts create/delete of any child class (empty ObjectType) as covering users", () => {
    expect(status(ace({ rights: CCDC, inheritanceType: "All" }))).toBe("pass");
  });

  it("rejects create/delete of another child class", () => {
    expect(status(ace({ rights: CCDC, objectType: GUIDS.group, inheritanceType: "All" }))).toBe("fail");
  });

  it("rejects an ACE restricted to descendants of one class (never applies to the root itself)", () => {
    expect(status(ace({ rights: CCDC, objectType: GUIDS.user, inheritanceType: "All", inheritedObjectType: GUIDS.organizationalUnit }))).toBe("fail");
  });

  it("explains a half-granted right", () => {
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts([ace({ rights: AD_RIGHTS.CreateChild, objectType: GUIDS.user, inheritanceType: "All" })]) }));
    expect(JSON.stringify(outcome.evidence)).toContain("missing DeleteChild");
  });

  it("grants CCDC;user with /I:T", () => {
    const script = rule.remediationScript?.(exampleContext({ acl: aclFacts([]) })) ?? "";
    expect(script).toContain("'/I:T' '/G' ($account + ':CCDC;user')");
    expect(script).toContain("-Inheritance @('All')");
  });
});
