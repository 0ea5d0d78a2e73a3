import { describe, expect, it } from "vitest";
import { AD_RIGHTS } from "./rights";
import { SCHEMA_ATTRIBUTES, SCHEMA_CLASSES } from "./schema-data.generated";
import {
  SCHEMA_ENTRIES,
  SCHEMA_SOURCE,
  schemaCounts,
  schemaEntriesByGuid,
  schemaEntriesByName,
  schemaEntryByGuid,
  schemaEntryByName,
  schemaEntryForRights,
  schemaNameKey,
} from "./schema-lookup";

describe("generated schema data", () => {
  it("names its source and holds the whole Windows Server 2016 schema", () => {
    expect(SCHEMA_SOURCE).toEqual({ package: "samba-ad-provision", version: "2:4.17.12+dfsg-0+deb12u4", schema: "Windows Server 2016" });
    // 269 classes and 1,498 attributes (the ad-schema files), 15 property sets, 60 extended rights and 6 validated
    // writes (extended-rights.ldif plus DS-Validated-Write-Computer).
    expect(schemaCounts()).toEqual({ class: 269, attribute: 1498, "property-set": 15, "extended-right": 60, "validated-write": 6 });
    expect(SCHEMA_ENTRIES).toHaveLength(269 + 1498 + 15 + 60 + 6);
  });

  it("is sorted and holds lower-case GUIDs only", () => {
    const names = (rows: readonly (readonly [string, ...unknown[]])[]) => rows.map((r) => r[0]);
    expect(names(SCHEMA_CLASSES)).toEqual([...names(SCHEMA_CLASSES)].sort((a, b) => a.localeCompare(b, "en")));
    expect(names(SCHEMA_ATTRIBUTES)).toEqual([...names(SCHEMA_ATTRIBUTES)].sort((a, b) => a.localeCompare(b, "en")));
    for (const entry of SCHEMA_ENTRIES) expect(entry.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  // cloud-sync-requirements.md §3.6, each GUID spot-checked against the generated data.
  it.each([
    ["user", "class", "bf967aba-0de6-11d0-a285-00aa003049e2"],
    ["group", "class", "bf967a9c-0de6-11d0-a285-00aa003049e2"],
    ["computer", "class", "bf967a86-0de6-11d0-a285-00aa003049e2"],
    ["contact", "class", "5cb41ed0-0e4c-11d0-a286-00aa003049e2"],
    ["inetOrgPerson", "class", "4828cc14-1437-45bc-9b07-ad6f015e5f28"],
    ["foreignSecurityPrincipal", "class", "89e31c12-8530-11d0-afda-00c04fd930c9"],
    ["device", "class", "bf967a8e-0de6-11d0-a285-00aa003049e2"],
    ["msDS-Device", "class", "5df2b673-6d41-4774-b3e8-d52e8ee9ff99"],
    ["organizationalUnit", "class", "bf967aa5-0de6-11d0-a285-00aa003049e2"],
    ["msDS-GroupManagedServiceAccount", "class", "7b8b558a-93a5-4af7-adca-c017e67f1057"],
    ["Replicating Directory Changes", "extended-right", "1131f6aa-9c07-11d1-f79f-00c04fc2dcd2"],
    ["Replicating Directory Changes All", "extended-right", "1131f6ad-9c07-11d1-f79f-00c04fc2dcd2"],
    ["Replicating Directory Changes In Filtered Set", "extended-right", "89e95b76-444d-4c62-991a-0facbeda640c"],
    ["Reset Password", "extended-right", "00299570-246d-11d0-a768-00aa006e0529"],
    ["Change Password", "extended-right", "ab721a53-1e2f-11d0-9819-00aa0040529b"],
    ["Unexpire Password", "extended-right", "ccc2dc7d-a6ad-4a7a-8846-c04e3cc53501"],
    ["lockoutTime", "attribute", "28630ebf-41d5-11d1-a9c1-0000f80367c1"],
    ["pwdLastSet", "attribute", "bf967a0a-0de6-11d0-a285-00aa003049e2"],
    ["mS-DS-ConsistencyGuid", "attribute", "23773dc2-b63a-11d2-90e1-00c04fd91ab1"],
    ["msDS-KeyCredentialLink", "attribute", "5b47d60f-6090-40b2-9f37-2a4de88f3063"],
    ["msDS-ExternalDirectoryObjectId", "attribute", "bd29bf90-66ad-40e1-887b-10df070419a6"],
  ])("§3.6: %s is the %s %s", (name, kind, guid) => {
    expect(schemaEntryByName(name)).toMatchObject({ kind, guid });
  });

  it("avoids the documented traps", () => {
    expect(schemaEntriesByGuid("bf967a0a-0de6-11d0-a285-00aa003049e2").map((e) => [e.kind, e.displayName])).toEqual([["attribute", "pwdLastSet"]]);
    expect(schemaEntriesByGuid("5df2b673-6d41-4774-b3e8-d52e8ee9ff99").map((e) => [e.kind, e.displayName])).toEqual([["class", "msDS-Device"]]);
    expect(schemaEntryByName("ms-DS-Security-Settings")).toBeUndefined();
  });
});

describe("names the issue's dsacls output printed", () => {
  it.each([
    ["userAccountControl", "attribute", "bf967a68-0de6-11d0-a285-00aa003049e2"],
    ["printQueue", "class", "bf967aa8-0de6-11d0-a285-00aa003049e2"],
    ["msDS-ManagedServiceAccount", "class", "ce206244-5827-4a86-ba1c-1c0c386c1b64"],
    ["Personal Information", "property-set", "77b5b886-944a-11d1-aebd-0000f80367c1"],
    ["Validated write to DNS host name", "validated-write", "72e39547-7b18-11d1-adef-00c04fd8d5cd"],
    ["Validated write to service principal name", "validated-write", "f3a64788-5306-11d1-a9c5-0000f80367c1"],
    ["Add/Remove self as member", "validated-write", "bf9679c0-0de6-11d0-a285-00aa003049e2"],
    ["Validated write to computer attributes.", "validated-write", "9b026da6-0d3c-465c-8bee-5199d7165cba"],
    ["Validated write to computer attributes", "validated-write", "9b026da6-0d3c-465c-8bee-5199d7165cba"],
    ["Allowed to Authenticate", "extended-right", "68b1d179-0d15-4d4f-ab71-46152e79a7bc"],
  ])("%s", (name, kind, guid) => {
    expect(schemaEntryByName(name)).toMatchObject({ kind, guid });
    expect(schemaEntryByName(name.toUpperCase())?.guid).toBe(guid);
  });

  it("answers to the CN, the adminDisplayName and the MS-ADTS display name too", () => {
    expect(schemaEntryByName("User-Account-Control")?.displayName).toBe("userAccountControl");
    expect(schemaEntryByName("Print-Queue")?.displayName).toBe("printQueue");
    expect(schemaEntryByName("DS Replication Get Changes")?.displayName).toBe("Replicating Directory Changes");
    expect(schemaEntryByName("User Force Change Password")?.displayName).toBe("Reset Password");
    expect(schemaEntryByName("Maximum Password Age")?.displayName).toBe("msDS-MaximumPasswordAge");
  });

  it("filters by kind", () => {
    expect(schemaEntryByName("Personal Information", ["class"])).toBeUndefined();
    expect(schemaEntryByName("computer", ["class"])?.kind).toBe("class");
    expect(schemaEntriesByName("contoso-EmployeeBadge")).toEqual([]);
  });

  it("normalizes names: case, inner spaces, one trailing period", () => {
    expect(schemaNameKey("  Validated  write to DNS host name. ")).toBe("validated write to dns host name");
  });
});

describe("GUIDs shared by two kinds", () => {
  const spn = "f3a64788-5306-11d1-a9c5-0000f80367c1";
  const dnsHostName = "72e39547-7b18-11d1-adef-00c04fd8d5cd";

  it("lists schema objects before rights and picks by the ACE's rights", () => {
    expect(schemaEntriesByGuid(spn).map((e) => e.kind)).toEqual(["attribute", "validated-write"]);
    expect(schemaEntryForRights(spn, AD_RIGHTS.Self)?.displayName).toBe("Validated write to service principal name");
    expect(schemaEntryForRights(spn, AD_RIGHTS.WriteProperty)?.displayName).toBe("servicePrincipalName");
    expect(schemaEntriesByGuid(dnsHostName).map((e) => e.kind)).toEqual(["attribute", "property-set", "validated-write"]);
    expect(schemaEntryForRights(dnsHostName, AD_RIGHTS.Self)?.kind).toBe("validated-write");
    expect(schemaEntryByGuid(dnsHostName, ["property-set"])?.displayName).toBe("DNS Host Name Attributes");
  });

  it("accepts braces and upper case, refuses non-GUIDs", () => {
    expect(schemaEntryByGuid("{BF967ABA-0DE6-11D0-A285-00AA003049E2}")?.displayName).toBe("user");
    expect(schemaEntriesByGuid("user")).toEqual([]);
  });
});

describe("property sets", () => {
  it("derive their members from the attributes' attributeSecurityGUID", () => {
    const restrictions = schemaEntryByName("Account Restrictions", ["property-set"]);
    const memberNames = (restrictions?.members ?? []).map((guid) => schemaEntryByGuid(guid, ["attribute"])?.displayName);
    expect(memberNames).toEqual(expect.arrayContaining(["pwdLastSet", "userAccountControl", "accountExpires"]));
    expect(memberNames).not.toContain("lockoutTime");
    const personal = schemaEntryByName("Personal Information", ["property-set"]);
    expect(personal?.members?.length).toBeGreaterThan(50);
  });
});
