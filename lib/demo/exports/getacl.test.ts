import { describe, expect, it } from "vitest";
import { EMPTY_GUID, type AclFacts } from "@/lib/facts";
import { generateFleet } from "@/lib/demo";
import { parseAdRights } from "@/lib/ingest/acl/enums";
import { parseFile } from "@/lib/ingest/parse-file";
import { canonicalFacts } from "./expected";
import { aclUploadOptions, adRightsName, toGetAclCsv, toGetAclJson } from "./getacl";

const fleetAcls = (): AclFacts[] =>
  Object.values(generateFleet({ servers: 50, seed: 3 }).domains).flatMap((d) => (d.acl === undefined ? [] : [d.acl]));

function parsed(text: string, fileName: string, options = {}) {
  const result = parseFile(new TextEncoder().encode(text), fileName, options);
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  return result.result;
}

describe("adRightsName", () => {
  it("names rights as .NET's [Flags] ToString does, and the parser reads them back", () => {
    expect(adRightsName(0xf01ff)).toBe("GenericAll");
    expect(adRightsName(0x20094)).toBe("GenericRead");
    expect(adRightsName(0x3)).toBe("CreateChild, DeleteChild");
    expect(adRightsName(0x130)).toBe("ReadProperty, WriteProperty, ExtendedRight");
    expect(adRightsName(0x200000)).toBe(String(0x200000));
    for (const mask of [0x1, 0x3, 0x10, 0x20, 0x100, 0x20094, 0xf01ff, 0x1f01ff, 0x130, 0x40000 | 0x80000, 0x200000]) {
      expect(parseAdRights(adRightsName(mask))).toEqual({ ok: true, value: mask });
    }
  });
});

describe("Get-Acl writers", () => {
  it("have real ACLs to write (the healthy and mixed domains have a gMSA, the legacy one none)", () => {
    expect(fleetAcls()).toHaveLength(2);
  });

  it("toGetAclCsv round-trips the ACEs through the getacl-csv parser, with the target and account as upload options", () => {
    for (const acl of fleetAcls()) {
      const text = toGetAclCsv(acl);
      expect(text.split("\r\n")[0]).toBe(
        '"ActiveDirectoryRights","InheritanceType","ObjectType","InheritedObjectType","ObjectFlags","AccessControlType","IdentityReference","IsInherited","InheritanceFlags","PropagationFlags"',
      );
      const result = parsed(text, "acl.csv", aclUploadOptions(acl));
      expect(result.format).toBe("getacl-csv");
      expect(result.issues).toEqual([]);
      // accountSid and collectedAt are not in a Get-Acl CSV.
      // Get-Acl lists the DACL in order, so the parser records that the order is known.
      expect(result.acls).toEqual([{ targetDn: acl.targetDn, account: acl.account, aces: acl.aces, aclOrdered: true }]);
    }
  });

  it("toGetAclJson carries every AclFacts field through the getacl-json parser", () => {
    for (const acl of fleetAcls()) {
      const result = parsed(toGetAclJson(acl), "acl.json");
      expect(result.format).toBe("getacl-json");
      expect(result.issues).toEqual([]);
      expect(result.acls.map(canonicalFacts)).toEqual([canonicalFacts({ ...acl, aclOrdered: true })]);
    }
  });

  it("writes flags consistent with every inheritance type and deny entries", () => {
    const acl: AclFacts = {
      targetDn: "OU=Sync,DC=corp,DC=contoso,DC=com",
      account: "CORP\\provAgentgMSA$",
      aces: (["None", "All", "Descendents", "SelfAndChildren", "Children"] as const).map((inheritanceType, i) => ({
        identity: i === 4 ? "S-1-5-21-1-2-3-4000" : "CORP\\provAgentgMSA$",
        rights: 0x10 << (i % 2),
        accessType: i === 2 ? "deny" : "allow",
        objectType: i === 1 ? "bf967a0a-0de6-11d0-a285-00aa003049e2" : EMPTY_GUID,
        inheritedObjectType: i === 3 ? "bf967aba-0de6-11d0-a285-00aa003049e2" : EMPTY_GUID,
        inheritanceType,
        isInherited: i === 4,
      })),
    };
    for (const [text, name] of [[toGetAclCsv(acl), "acl.csv"], [toGetAclJson(acl), "acl.json"]] as const) {
      const result = parsed(text, name, aclUploadOptions(acl));
      expect(result.issues, name).toEqual([]);
      expect(result.acls[0]?.aces, name).toEqual(acl.aces);
    }
  });
});
