import { describe, expect, it } from "vitest";
import { EMPTY_GUID } from "@/lib/facts";
import { GUID_TABLE, GUIDS, guidEntry, guidForDisplayName, guidName, normalizeGuid, propertySetMembers, type GuidKey } from "./schema-guids";
import { schemaEntriesByGuid, type SchemaKind } from "./schema-lookup";

/** What each named constant must be, written out by hand and checked against the generated schema data. */
const EXPECTED: Record<GuidKey, { kind: SchemaKind; name: string; cn: string }> = {
  user: { kind: "class", name: "user", cn: "User" },
  group: { kind: "class", name: "group", cn: "Group" },
  computer: { kind: "class", name: "computer", cn: "Computer" },
  contact: { kind: "class", name: "contact", cn: "Contact" },
  inetOrgPerson: { kind: "class", name: "inetOrgPerson", cn: "inetOrgPerson" },
  foreignSecurityPrincipal: { kind: "class", name: "foreignSecurityPrincipal", cn: "Foreign-Security-Principal" },
  device: { kind: "class", name: "device", cn: "Device" },
  msDsDevice: { kind: "class", name: "msDS-Device", cn: "ms-DS-Device" },
  organizationalUnit: { kind: "class", name: "organizationalUnit", cn: "Organizational-Unit" },
  groupManagedServiceAccount: { kind: "class", name: "msDS-GroupManagedServiceAccount", cn: "ms-DS-Group-Managed-Service-Account" },
  domainDns: { kind: "class", name: "domainDNS", cn: "Domain-DNS" },
  replicatingDirectoryChanges: { kind: "extended-right", name: "Replicating Directory Changes", cn: "DS-Replication-Get-Changes" },
  replicatingDirectoryChangesAll: { kind: "extended-right", name: "Replicating Directory Changes All", cn: "DS-Replication-Get-Changes-All" },
  replicatingDirectoryChangesInFilteredSet: {
    kind: "extended-right",
    name: "Replicating Directory Changes In Filtered Set",
    cn: "DS-Replication-Get-Changes-In-Filtered-Set",
  },
  resetPassword: { kind: "extended-right", name: "Reset Password", cn: "User-Force-Change-Password" },
  changePassword: { kind: "extended-right", name: "Change Password", cn: "User-Change-Password" },
  unexpirePassword: { kind: "extended-right", name: "Unexpire Password", cn: "Unexpire-Password" },
  lockoutTime: { kind: "attribute", name: "lockoutTime", cn: "Lockout-Time" },
  pwdLastSet: { kind: "attribute", name: "pwdLastSet", cn: "Pwd-Last-Set" },
  // The old hand-written table said "ms-DS-Consistency-Guid"; the schema CN is upper-case "MS-".
  msDsConsistencyGuid: { kind: "attribute", name: "mS-DS-ConsistencyGuid", cn: "MS-DS-Consistency-Guid" },
  msDsKeyCredentialLink: { kind: "attribute", name: "msDS-KeyCredentialLink", cn: "ms-DS-Key-Credential-Link" },
  msDsExternalDirectoryObjectId: { kind: "attribute", name: "msDS-ExternalDirectoryObjectId", cn: "ms-DS-External-Directory-Object-Id" },
  accountRestrictions: { kind: "property-set", name: "Account Restrictions", cn: "User-Account-Restrictions" },
};

describe("the named constants agree with the generated schema data", () => {
  it.each(Object.entries(EXPECTED) as [GuidKey, (typeof EXPECTED)[GuidKey]][])("%s", (key, expected) => {
    const entries = schemaEntriesByGuid(GUIDS[key]);
    expect(entries.map((e) => ({ kind: e.kind, name: e.displayName, cn: e.cn }))).toEqual([expected]);
    expect(guidForDisplayName(expected.name)).toBe(GUIDS[key]);
    expect(guidForDisplayName(expected.cn)).toBe(GUIDS[key]);
  });

  it("lists every constant once in GUID_TABLE", () => {
    expect(GUID_TABLE.map((e) => e.guid)).toEqual(Object.values(GUIDS));
  });
});

describe("GUID table", () => {
  it("has unique, lower-case GUIDs", () => {
    const guids = GUID_TABLE.map((e) => e.guid);
    expect(new Set(guids).size).toBe(guids.length);
    for (const guid of guids) expect(normalizeGuid(guid)).toBe(guid);
  });

  it("names resolve to one GUID only", () => {
    const seen = new Map<string, string>();
    for (const entry of GUID_TABLE) {
      for (const name of [entry.ldapDisplayName, entry.displayName, entry.cn]) {
        const prior = seen.get(name.toLowerCase());
        if (prior !== undefined) expect(prior).toBe(entry.guid);
        seen.set(name.toLowerCase(), entry.guid);
      }
    }
  });

  it("avoids the traps seen in public code", () => {
    expect(guidEntry("bf967a0a-0de6-11d0-a285-00aa003049e2")).toMatchObject({ kind: "attribute", ldapDisplayName: "pwdLastSet" });
    expect(guidForDisplayName("contact")).toBe("5cb41ed0-0e4c-11d0-a286-00aa003049e2");
    expect(guidEntry("5df2b673-6d41-4774-b3e8-d52e8ee9ff99")).toMatchObject({ kind: "class", ldapDisplayName: "msDS-Device" });
  });

  it("keeps the two device classes apart", () => {
    expect(guidForDisplayName("device")).toBe(GUIDS.device);
    expect(guidForDisplayName("msDS-Device")).toBe(GUIDS.msDsDevice);
    expect(GUIDS.device).not.toBe(GUIDS.msDsDevice);
  });
});

describe("normalizeGuid", () => {
  it.each([
    ["BF967ABA-0DE6-11D0-A285-00AA003049E2", GUIDS.user],
    ["{bf967aba-0de6-11d0-a285-00aa003049e2}", GUIDS.user],
    [" {BF967ABA-0DE6-11D0-A285-00AA003049E2} ", GUIDS.user],
  ])("%s", (input, expected) => expect(normalizeGuid(input)).toBe(expected));

  it("rejects non-GUIDs", () => {
    expect(normalizeGuid("user")).toBeNull();
    expect(normalizeGuid("bf967aba0de611d0a28500aa003049e2")).toBeNull();
  });
});

describe("guidForDisplayName (for the dsacls parser)", () => {
  it.each([
    ["user", GUIDS.user],
    ["USER", GUIDS.user],
    ["inetorgperson", GUIDS.inetOrgPerson],
    ["foreignSecurityPrincipal", GUIDS.foreignSecurityPrincipal],
    ["Reset Password", GUIDS.resetPassword],
    ["User-Force-Change-Password", GUIDS.resetPassword],
    ["Replicating Directory Changes", GUIDS.replicatingDirectoryChanges],
    ["replicating directory changes all", GUIDS.replicatingDirectoryChangesAll],
    ["DS-Replication-Get-Changes-In-Filtered-Set", GUIDS.replicatingDirectoryChangesInFilteredSet],
    ["Unexpire Password", GUIDS.unexpirePassword],
    ["Change Password", GUIDS.changePassword],
    ["pwdLastSet", GUIDS.pwdLastSet],
    ["Pwd-Last-Set", GUIDS.pwdLastSet],
    ["lockoutTime", GUIDS.lockoutTime],
    ["ms-ds-consistencyguid", GUIDS.msDsConsistencyGuid],
    ["msDS-KeyCredentialLink", GUIDS.msDsKeyCredentialLink],
    ["msDS-ExternalDirectoryObjectId", GUIDS.msDsExternalDirectoryObjectId],
    ["Account Restrictions", GUIDS.accountRestrictions],
    ["organizationalUnit", GUIDS.organizationalUnit],
    ["msDS-GroupManagedServiceAccount", GUIDS.groupManagedServiceAccount],
  ])("%s", (name, guid) => expect(guidForDisplayName(name)).toBe(guid));

  it("returns undefined for unknown names", () => expect(guidForDisplayName("Personal Teleport")).toBeUndefined());
});

describe("guidName and property sets", () => {
  it("names known GUIDs in any casing, echoes unknown ones", () => {
    expect(guidName("{00299570-246D-11D0-A768-00AA006E0529}")).toBe("Reset Password");
    expect(guidName(EMPTY_GUID)).toBe(EMPTY_GUID);
    expect(guidName("12345678-1234-1234-1234-123456789abc")).toBe("12345678-1234-1234-1234-123456789abc");
  });
  it("knows pwdLastSet is in Account Restrictions and lockoutTime is not", () => {
    expect(propertySetMembers(GUIDS.accountRestrictions)).toContain(GUIDS.pwdLastSet);
    expect(propertySetMembers(GUIDS.accountRestrictions)).not.toContain(GUIDS.lockoutTime);
    expect(propertySetMembers(GUIDS.user)).toEqual([]);
  });
});
