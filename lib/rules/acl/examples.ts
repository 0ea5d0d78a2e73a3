import { EMPTY_GUID, type Ace, type AclFacts, type DomainFacts, type HostFacts, type ScopeFacts } from "@/lib/facts";
import type { RuleContext } from "@/lib/rules/types";
import { GUIDS } from "@/lib/facts";
import { AD_RIGHTS } from "@/lib/facts";

/**
 * Realistic facts for the gMSA rules' examples and tests. ACEs are shaped like a real
 * `Get-Acl AD:\<domain DN> | Select-Object -ExpandProperty Access` export of a domain root
 * (see /work/shared/samples/getacl-ad-formattable-crtp-excerpt.txt): NetBIOS-prefixed identities,
 * built-ins, an unresolved SID, composite rights such as Domain Admins' 0xE01BD.
 */

export const EXAMPLE_AS_OF = "2026-08-01T12:00:00Z";
export const DOMAIN_DN = "DC=corp,DC=contoso,DC=com";
export const GMSA = "CORP\\provAgentgMSA$";
export const GMSA_SID = "S-1-5-21-1004336348-1177238915-682003330-1105";
export const HOST_SID = "S-1-5-21-1004336348-1177238915-682003330-1611";

export const EXAMPLE_DOMAIN: DomainFacts = {
  dnsName: "corp.contoso.com",
  netbiosName: "CORP",
  distinguishedName: DOMAIN_DN,
  forestName: "contoso.com",
  gmsa: {
    samAccountName: "provAgentgMSA$",
    distinguishedName: "CN=provAgentgMSA,CN=Managed Service Accounts,DC=corp,DC=contoso,DC=com",
    sid: GMSA_SID,
    principalsAllowedToRetrievePassword: ["CORP\\SYNC01$", "CORP\\SYNC02$"],
  },
  collectedAt: "2026-07-30T08:00:00Z",
};

export const EXAMPLE_HOST: HostFacts = {
  identity: {
    fqdn: "sync01.corp.contoso.com",
    netbiosName: "SYNC01",
    domain: "corp.contoso.com",
    netbiosDomain: "CORP",
    sid: HOST_SID,
  },
};

/** An ACE for the gMSA unless told otherwise: explicit, this object only, all properties, every class. */
export function ace(init: Partial<Ace> & Pick<Ace, "rights">): Ace {
  return {
    identity: GMSA,
    accessType: "allow",
    objectType: EMPTY_GUID,
    inheritedObjectType: EMPTY_GUID,
    inheritanceType: "None",
    isInherited: false,
    ...init,
  };
}

/** ACEs every domain root carries, none for the gMSA. */
export const DEFAULT_ROOT_ACES: readonly Ace[] = [
  // Same rights as the CRTP sample's first row for Domain Admins on the domain root.
  ace({ identity: "CORP\\Domain Admins", rights: 0xe01bd }),
  ace({ identity: "CORP\\Enterprise Admins", rights: AD_RIGHTS.GenericAll, inheritanceType: "All" }),
  ace({ identity: "BUILTIN\\Administrators", rights: 0xf01bd, inheritanceType: "All" }),
  ace({ identity: "NT AUTHORITY\\SELF", rights: AD_RIGHTS.Self, inheritanceType: "Descendents", objectType: "9b026da6-0d3c-465c-8bee-5199d7165cba" }),
  ace({ identity: "NT AUTHORITY\\Authenticated Users", rights: AD_RIGHTS.GenericRead }),
  ace({
    identity: "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS",
    rights: AD_RIGHTS.ExtendedRight,
    objectType: GUIDS.replicatingDirectoryChangesAll,
  }),
  ace({
    identity: "BUILTIN\\Pre-Windows 2000 Compatible Access",
    rights: AD_RIGHTS.ReadProperty | AD_RIGHTS.ListChildren | AD_RIGHTS.ListObject | AD_RIGHTS.ReadControl,
    inheritanceType: "Descendents",
    inheritedObjectType: GUIDS.user,
  }),
  // Unresolved built-in (Windows Authorization Access Group) as it appears in real dumps.
  ace({
    identity: "S-1-5-32-560",
    rights: AD_RIGHTS.ReadProperty,
    objectType: "46a9b11d-60ae-405a-b7e8-ff8a58d456d2",
    inheritanceType: "Descendents",
    inheritedObjectType: GUIDS.user,
  }),
];

const readAll = (cls: string) => ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: cls });

/** §3.1 custom gMSA table, granted the way ADSyncConfig/dsacls grants it. */
export const CUSTOM_GMSA_ACES: readonly Ace[] = [
  readAll(GUIDS.device),
  readAll(GUIDS.inetOrgPerson),
  readAll(GUIDS.computer),
  readAll(GUIDS.foreignSecurityPrincipal),
  ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "Descendents", inheritedObjectType: GUIDS.group }),
  readAll(GUIDS.user),
  readAll(GUIDS.contact),
  ace({ rights: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, objectType: GUIDS.user, inheritanceType: "All" }),
];

/** §3.2 password hash sync. */
export const PHS_ACES: readonly Ace[] = [
  ace({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChanges }),
  ace({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChangesAll }),
];

/** §3.2 password writeback. */
export const WRITEBACK_ACES: readonly Ace[] = [
  ace({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.resetPassword, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }),
  ace({ rights: AD_RIGHTS.WriteProperty, objectType: GUIDS.lockoutTime, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }),
  ace({ rights: AD_RIGHTS.WriteProperty, objectType: GUIDS.pwdLastSet, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }),
  ace({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.unexpirePassword }),
];

/** §3.2 mS-DS-ConsistencyGuid, as the installer grants it. */
export const CONSISTENCY_GUID_ACES: readonly Ace[] = [
  ace({ rights: AD_RIGHTS.WriteProperty, objectType: GUIDS.msDsConsistencyGuid, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }),
  ace({ rights: AD_RIGHTS.WriteProperty, objectType: GUIDS.msDsConsistencyGuid, inheritanceType: "Descendents", inheritedObjectType: GUIDS.group }),
];

/** Everything the installer grants ("ALL" permissions, minus Exchange). */
export const INSTALLER_ACES: readonly Ace[] = [...CUSTOM_GMSA_ACES, ...PHS_ACES, ...WRITEBACK_ACES, ...CONSISTENCY_GUID_ACES];

/** The domain root's ACL export for the gMSA: default ACEs plus `aces`. */
export function aclFacts(aces: readonly Ace[], overrides: Partial<AclFacts> = {}): AclFacts {
  return {
    targetDn: DOMAIN_DN,
    account: GMSA,
    aces: [...DEFAULT_ROOT_ACES, ...aces],
    collectedAt: "2026-07-30T08:15:00Z",
    ...overrides,
  };
}

export const SCOPE_PHS_ONLY: ScopeFacts = {
  configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com", passwordHashSync: true, passwordWriteback: false }],
};

export const SCOPE_WRITEBACK_ON: ScopeFacts = {
  configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com", passwordHashSync: true, passwordWriteback: true }],
};

export const SCOPE_PHS_OFF: ScopeFacts = {
  configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com", passwordHashSync: false, passwordWriteback: false }],
};

/** A context at the examples' evaluation time, with the example domain unless replaced. */
export function exampleContext(parts: Omit<RuleContext, "asOf">): RuleContext {
  return { asOf: EXAMPLE_AS_OF, domain: EXAMPLE_DOMAIN, ...parts };
}

/** The ACEs minus those matching `drop` (for "one grant missing" examples). */
export function without(aces: readonly Ace[], drop: (a: Ace) => boolean): Ace[] {
  return aces.filter((a) => !drop(a));
}

/** Group provisioning to AD (UserGroupCreateDelete): create/delete users and groups, read/write descendant users and groups. */
export const GROUP_PROVISIONING_ACES: readonly Ace[] = [
  ace({ rights: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, objectType: GUIDS.group, inheritanceType: "All" }),
  ace({ rights: AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }),
];

/** Exchange hybrid writeback: Read/Write all properties on descendant users, InetOrgPersons, groups and contacts. */
export const EXCHANGE_HYBRID_ACES: readonly Ace[] = [GUIDS.user, GUIDS.inetOrgPerson, GUIDS.group, GUIDS.contact].map((cls) =>
  ace({ rights: AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty, inheritanceType: "Descendents", inheritedObjectType: cls }),
);

export const SCOPE_GROUP_PROVISIONING: ScopeFacts = {
  configurations: [{ name: "corp-groups-to-ad", domain: "corp.contoso.com", passwordHashSync: true, groupProvisioning: true }],
};

export const SCOPE_EXCHANGE_HYBRID: ScopeFacts = {
  configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com", passwordHashSync: true, exchangeHybridWriteback: true }],
};
