import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMPTY_GUID, GUIDS } from "@/lib/facts";
import { normalizeCollectorOutput } from "./normalize";
import { parseCollectorOutput, type CollectorOutput } from "./schema";

const ROOT = "DC=corp,DC=contoso,DC=com";
const GMSA = "CORP\\provAgentgMSA$";
const GMSA_SID = "S-1-5-21-1004336348-1177238915-682003330-3101";

function fixture(name: string): CollectorOutput {
  const result = parseCollectorOutput(JSON.parse(readFileSync(path.join(__dirname, "fixtures", name), "utf8")));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.data;
}

function normalize(output: CollectorOutput) {
  const result = normalizeCollectorOutput(output);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

/** The ACL fixture with `change` applied to its domain section. */
function withDomain(change: (domain: NonNullable<CollectorOutput["domain"]>, output: CollectorOutput) => void): CollectorOutput {
  const output = structuredClone(fixture("server2025-dc-domain-acl.json"));
  if (!output.domain) throw new Error("fixture without domain");
  change(output.domain, output);
  return output;
}

describe("normalizeCollectorOutput: domain.acls -> AclFacts", () => {
  it("gives one AclFacts per object read, for the report's gMSA, with every access rule mapped like a Get-Acl export", () => {
    const { acls, domain, warnings } = normalize(fixture("server2025-dc-domain-acl.json"));
    expect(acls.map((acl) => acl.targetDn)).toEqual([ROOT, "OU=Staff,DC=corp,DC=contoso,DC=com", "OU=Legacy,DC=corp,DC=contoso,DC=com"]);
    expect(acls.map((acl) => acl.aces?.length)).toEqual([24, 8, 6]);
    for (const acl of acls) expect(acl).toMatchObject({ account: GMSA, accountSid: GMSA_SID, collectedAt: "2026-10-07T14:30:05.000Z" });
    const root = acls[0].aces ?? [];
    expect(root[0]).toEqual({
      identity: "CORP\\Domain Admins",
      rights: 0xe01bd,
      accessType: "allow",
      objectType: EMPTY_GUID,
      inheritedObjectType: EMPTY_GUID,
      inheritanceType: "None",
      isInherited: false,
    });
    // A SID the collector could not translate is named by the shared Get-Acl mapping when it is well known;
    // object ACEs keep their GUIDs.
    expect(root[7]).toMatchObject({ identity: "BUILTIN\\Windows Authorization Access Group", inheritanceType: "Descendents", inheritedObjectType: GUIDS.user });
    expect(root).toContainEqual({
      identity: GMSA,
      rights: 0x100,
      accessType: "allow",
      objectType: GUIDS.replicatingDirectoryChangesAll,
      inheritedObjectType: EMPTY_GUID,
      inheritanceType: "None",
      isInherited: false,
    });
    const staff = acls[1].aces ?? [];
    expect(staff.filter((ace) => ace.accessType === "deny")).toEqual([
      { identity: "Everyone", rights: 0x10040, accessType: "deny", objectType: EMPTY_GUID, inheritedObjectType: EMPTY_GUID, inheritanceType: "None", isInherited: false },
    ]);
    expect(staff.filter((ace) => ace.identity === GMSA).every((ace) => ace.isInherited)).toBe(true);
    expect(domain?.aclErrors).toBeUndefined();
    expect(warnings).toEqual([
      {
        path: "domain.acls[2].protected",
        message: expect.stringMatching(/^inheritance is disabled on OU=Legacy,DC=corp,DC=contoso,DC=com: permissions granted to the gMSA on the domain root do not reach it/),
      },
    ]);
  });

  it("reads a schemaVersion 1 report (no domain.acls) as before: no ACLs, no errors", () => {
    const { acls, domain } = normalize(fixture("server2025-dc-domain.json"));
    expect(acls).toEqual([]);
    expect(domain?.aclErrors).toBeUndefined();
    expect(domain?.gmsa?.sid).toBe(GMSA_SID);
  });

  it("records an object the collector could not read in domain.aclErrors and keeps the others", () => {
    const output = withDomain((domain) => {
      const root = domain.acls?.[0];
      if (!root) throw new Error("no root");
      root.accessRules = null;
      root.protected = null;
      root.error = { probe: "domain.acls", message: `${ROOT}: Insufficient access rights to perform the operation.` };
    });
    const { acls, domain } = normalize(output);
    expect(acls.map((acl) => acl.targetDn)).toEqual(["OU=Staff,DC=corp,DC=contoso,DC=com", "OU=Legacy,DC=corp,DC=contoso,DC=com"]);
    expect(domain?.aclErrors).toEqual([{ targetDn: ROOT, message: "Insufficient access rights to perform the operation." }]);
  });

  it("attributes a failure of the whole ACL probe to the domain root", () => {
    const output = withDomain((domain, doc) => {
      domain.acls = null;
      doc.errors = [{ probe: "domain.acls", message: "Unable to contact the server." }];
    });
    const { acls, domain } = normalize(output);
    expect(acls).toEqual([]);
    expect(domain?.aclErrors).toEqual([{ targetDn: ROOT, message: "Unable to contact the server." }]);
  });

  it("maps enums written as numbers through the same code as names", () => {
    const output = withDomain((domain) => {
      const rule = domain.acls?.[0].accessRules?.[0];
      if (!rule) throw new Error("no rule");
      rule.accessControlType = 1;
      rule.inheritanceType = 1;
      rule.objectType = "{BF967ABA-0DE6-11D0-A285-00AA003049E2}";
    });
    const first = normalize(output).acls[0].aces?.[0];
    expect(first).toMatchObject({ accessType: "deny", inheritanceType: "All", objectType: GUIDS.user });
  });

  it("rejects the report when an access rule cannot be read, naming its JSON path (an ACL is never stored in part)", () => {
    const output = withDomain((domain) => {
      const rules = domain.acls?.[1].accessRules;
      if (!rules) throw new Error("no rules");
      rules[2].accessControlType = "Maybe";
      rules[3].objectType = "not-a-guid";
    });
    const result = normalizeCollectorOutput(output);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toEqual([
      "domain.acls[1].accessRules[2].accessControlType",
      "domain.acls[1].accessRules[3].objectType",
    ]);
    expect(result.issues[0].message).toMatch(/"Maybe" is not an AccessControlType/);
    expect(result.issues[1].message).toMatch(/is not a GUID/);
  });

  it("rejects an object whose DN is not a distinguished name", () => {
    const output = withDomain((domain) => {
      const root = domain.acls?.[2];
      if (root) root.distinguishedName = "Legacy";
    });
    const result = normalizeCollectorOutput(output);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: "domain.acls[2].distinguishedName", message: expect.stringMatching(/^"Legacy" is not a distinguished name/) },
    ]);
  });

  it("stores the ACLs without an account when the gMSA was not found, and says the gMSA rules cannot judge them", () => {
    const output = withDomain((domain) => {
      domain.gmsa = { requestedName: "provAgentgMSA$", found: false, samAccountName: null, distinguishedName: null, sid: null, principalsAllowedToRetrievePassword: [] };
    });
    const { acls, warnings } = normalize(output);
    expect(acls).toHaveLength(3);
    expect(acls[0].account).toBeUndefined();
    expect(acls[0].accountSid).toBeUndefined();
    expect(warnings.map((w) => w.path)).toContain("domain.gmsa");
    expect(warnings.find((w) => w.path === "domain.gmsa")?.message).toMatch(/the gMSA ACL rules answer Unknown/);
  });
});
