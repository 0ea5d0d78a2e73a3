import { describe, expect, it } from "vitest";
import { AD_RIGHTS, GUIDS, type Ace } from "@/lib/facts";
import { ace, aclFacts, CUSTOM_GMSA_ACES, exampleContext, PHS_ACES, without } from "./examples";
import { analyzeAcl } from "./analyze";
import { EXAMPLE_DOMAIN } from "./examples";
import readObjects from "../gmsa-acl-read-objects";
import createDeleteUsers from "../gmsa-acl-create-delete-users";
import phs from "../gmsa-acl-phs";
import denyRule from "../gmsa-acl-deny";
import excessRule from "../gmsa-acl-excess";

/** ACEs as a Get-Acl table without the InheritanceType column stores them. */
const unknownOf = (aces: readonly Ace[]): Ace[] => aces.map((a) => ({ ...a, inheritanceType: "unknown" }));
const isReadAce = (a: Ace) => a.rights === AD_RIGHTS.ReadProperty;

describe("ACEs whose inheritance was not exported", () => {
  it("make the permissions they could satisfy unknown, naming the ACEs, the missing column and the command", () => {
    const analysis = analyzeAcl(aclFacts([...without(CUSTOM_GMSA_ACES, isReadAce), ...unknownOf(CUSTOM_GMSA_ACES.filter(isReadAce))]), EXAMPLE_DOMAIN);
    const read = analysis.permissions.find((p) => p.id === "read-user");
    expect(read?.status).toBe("unknown");
    expect(read?.satisfiedBy).toEqual([]);
    expect(read?.undetermined.map((a) => a.inheritanceType)).toEqual(["unknown"]);
    expect(read?.notes.join(" ")).toMatch(/no InheritanceType column.*Export-Csv/);
    // Requirements met by complete ACEs are unaffected.
    expect(analysis.permissions.find((p) => p.id === "groups-full-control")?.status).toBe("present");
  });

  it("unknown: the read rule answers Unknown, never pass or fail, with the missing fact and the command", () => {
    const outcome = readObjects.evaluate(exampleContext({ acl: aclFacts(unknownOf(CUSTOM_GMSA_ACES)) }));
    expect(outcome.status).toBe("unknown");
    if (outcome.status !== "unknown") return;
    expect(outcome.reason.missingFact).toBe("acl.aces[].inheritanceType");
    expect(outcome.reason.collect).toMatch(/^Get-Acl /);
    expect(outcome.reason.collectNote).toMatch(/InheritanceType/);
    expect(outcome.message).toMatch(/depends on acl\.aces\[\d+\]/);
    expect(JSON.stringify(outcome.evidence)).toContain('"status":"unknown"');
  });

  it("pass: complete ACEs that meet the requirement still pass beside ACEs of unknown inheritance", () => {
    const outcome = readObjects.evaluate(exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...unknownOf([ace({ rights: AD_RIGHTS.ReadProperty })])]) }));
    expect(outcome.status).toBe("pass");
  });

  it("fail: a requirement no ACE could meet still fails although others are unknown", () => {
    const aces = unknownOf(without(CUSTOM_GMSA_ACES, (a) => a.inheritedObjectType === GUIDS.contact));
    const outcome = readObjects.evaluate(exampleContext({ acl: aclFacts(aces) }));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("Descendant Contact objects");
  });

  it("a non-empty InheritedObjectType still says what it says: such an ACE never covers the object itself", () => {
    const aces = [
      ...without(CUSTOM_GMSA_ACES, (a) => a.objectType === GUIDS.user),
      ...unknownOf([ace({ rights: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, objectType: GUIDS.user, inheritedObjectType: GUIDS.organizationalUnit })]),
    ];
    expect(createDeleteUsers.evaluate(exampleContext({ acl: aclFacts(aces) })).status).toBe("fail");
    const open = [...without(CUSTOM_GMSA_ACES, (a) => a.objectType === GUIDS.user), ...unknownOf([ace({ rights: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, objectType: GUIDS.user })])];
    expect(createDeleteUsers.evaluate(exampleContext({ acl: aclFacts(open) })).status).toBe("unknown");
  });

  it("PHS rights on the domain root: unknown when their inheritance is unknown, pass when known", () => {
    expect(phs.evaluate(exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...unknownOf(PHS_ACES)]) })).status).toBe("unknown");
    expect(phs.evaluate(exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...PHS_ACES]) })).status).toBe("pass");
  });

  it("deny rule: a Deny of unknown inheritance that may reach a required permission is unknown; a certain one fails", () => {
    const deny = ace({ accessType: "deny", rights: AD_RIGHTS.ReadProperty, inheritedObjectType: GUIDS.user });
    const maybe = denyRule.evaluate(exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...PHS_ACES, ...unknownOf([deny])]) }));
    expect(maybe.status).toBe("unknown");
    expect(maybe.message).toMatch(/may take away/);
    const certain = denyRule.evaluate(exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...PHS_ACES, { ...deny, inheritanceType: "Descendents" }]) }));
    expect(certain.status).toBe("fail");
    // The read permission it may cancel is unknown too, not denied.
    const analysis = analyzeAcl(aclFacts([...CUSTOM_GMSA_ACES, ...PHS_ACES, ...unknownOf([deny])]), EXAMPLE_DOMAIN);
    expect(analysis.permissions.find((p) => p.id === "read-user")?.status).toBe("unknown");
    expect(analysis.denies[0].maybeCancels.map((c) => c.permissionId)).toContain("read-user");
  });

  it("excess rule: excess under every inheritance fails; excess under some only is unknown", () => {
    const fullControl = excessRule.evaluate(exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...unknownOf([ace({ rights: AD_RIGHTS.GenericAll })])]) }));
    expect(fullControl.status).toBe("fail");
    expect(fullControl.message).toMatch(/wherever it applies/);
    const writeMember = excessRule.evaluate(
      exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...unknownOf([ace({ rights: AD_RIGHTS.WriteProperty, objectType: GUIDS.msDsConsistencyGuid, inheritedObjectType: GUIDS.user })])]) }),
    );
    expect(writeMember.status).toBe("pass");
    // Replicating Directory Changes is documented on the domain root; inherited to descendants it would be more.
    const replication = excessRule.evaluate(exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...unknownOf(PHS_ACES)]) }));
    expect(replication.status).toBe("unknown");
    if (replication.status === "unknown") expect(replication.reason.collectNote).toMatch(/InheritanceType/);
    expect(excessRule.evaluate(exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...PHS_ACES]) })).status).toBe("pass");
  });
});
