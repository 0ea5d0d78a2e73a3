import { EMPTY_GUID, type InheritanceType } from "@/lib/facts";
import type { PermissionShape } from "./coverage";
import { GUIDS } from "@/lib/facts";
import { AD_RIGHTS } from "@/lib/facts";
import { EXCHANGE_PUBLIC_FOLDER_CLASS } from "./exchange-schema";

/**
 * The permissions the provisioning agent's gMSA needs, as data (cloud-sync-requirements.md §3.1–3.5).
 * All are granted on the domain root.
 */

export type PermissionSetId = "custom-gmsa" | "password-hash-sync" | "password-writeback" | "group-provisioning" | "exchange-hybrid";

export interface RequiredPermission extends PermissionShape {
  /** Stable id, used by the UI table and evidence. */
  id: string;
  set: PermissionSetId;
  /** The documented wording: "Read all properties". */
  access: string;
  /** The documented wording: "Descendant User objects". */
  appliesTo: string;
  /** The ActiveDirectorySecurityInheritance the documented grant uses (§3.5 mapping table). */
  documentedInheritance: InheritanceType;
  /** The ADSyncConfig-style dsacls grant: `dsacls "<DN>" <inheritance> /G "<acct>:<perms>"`. */
  dsacls: { perms: string; inheritance: "/I:S" | "/I:T" | null };
  notes: readonly string[];
}

const RP = AD_RIGHTS.ReadProperty;
const CCDC = AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild;

const DEVICE_NOTE =
  "Which class 'device' means is not documented: ADSyncConfig's `RP;;device` resolves to the X.500 device class (bf967a8e-…); the cloud sync installer is closed source and may use msDS-Device (5df2b673-…). Either is accepted; remediation grants the X.500 device class like ADSyncConfig.";

function readAll(id: string, label: string, classGuid: string, dsaclsClass: string, extra: Partial<RequiredPermission> = {}): RequiredPermission {
  return {
    id,
    set: "custom-gmsa",
    access: "Read all properties",
    appliesTo: `Descendant ${label} objects`,
    rights: RP,
    objectType: EMPTY_GUID,
    inheritedObjectType: classGuid,
    applies: "descendants",
    documentedInheritance: "Descendents",
    dsacls: { perms: `RP;;${dsaclsClass}`, inheritance: "/I:S" },
    notes: [],
    ...extra,
  };
}

/** §3.1: the custom gMSA table of the prerequisites page, in the documented order. */
export const CUSTOM_GMSA_PERMISSIONS: readonly RequiredPermission[] = [
  readAll("read-device", "device", GUIDS.device, "device", {
    alternativeInheritedObjectTypes: [GUIDS.msDsDevice],
    notes: [DEVICE_NOTE],
  }),
  readAll("read-inetorgperson", "InetOrgPerson", GUIDS.inetOrgPerson, "inetOrgPerson"),
  readAll("read-computer", "Computer", GUIDS.computer, "computer"),
  readAll("read-foreignsecurityprincipal", "foreignSecurityPrincipal", GUIDS.foreignSecurityPrincipal, "foreignSecurityPrincipal"),
  {
    id: "groups-full-control",
    set: "custom-gmsa",
    access: "Full control",
    appliesTo: "Descendant Group objects",
    rights: AD_RIGHTS.GenericAll,
    objectType: EMPTY_GUID,
    inheritedObjectType: GUIDS.group,
    applies: "descendants",
    documentedInheritance: "Descendents",
    dsacls: { perms: "GA;;group", inheritance: "/I:S" },
    notes: [],
  },
  readAll("read-user", "User", GUIDS.user, "user"),
  readAll("read-contact", "Contact", GUIDS.contact, "contact"),
  {
    id: "create-delete-users",
    set: "custom-gmsa",
    access: "Create/delete User objects",
    appliesTo: "This object and all descendant objects",
    rights: CCDC,
    objectType: GUIDS.user,
    inheritedObjectType: EMPTY_GUID,
    applies: "this-and-descendants",
    documentedInheritance: "All",
    dsacls: { perms: "CCDC;user", inheritance: "/I:T" },
    notes: [],
  },
];

/** §3.2 Password Hash Sync: both replication rights, this object only (domain root). */
export const PHS_PERMISSIONS: readonly RequiredPermission[] = [
  {
    id: "phs-replicating-directory-changes",
    set: "password-hash-sync",
    access: "Replicating Directory Changes",
    appliesTo: "This object only (Domain root)",
    rights: AD_RIGHTS.ExtendedRight,
    objectType: GUIDS.replicatingDirectoryChanges,
    inheritedObjectType: EMPTY_GUID,
    applies: "this-object",
    documentedInheritance: "None",
    dsacls: { perms: "CA;Replicating Directory Changes", inheritance: null },
    notes: [],
  },
  {
    id: "phs-replicating-directory-changes-all",
    set: "password-hash-sync",
    access: "Replicating Directory Changes All",
    appliesTo: "This object only (Domain root)",
    rights: AD_RIGHTS.ExtendedRight,
    objectType: GUIDS.replicatingDirectoryChangesAll,
    inheritedObjectType: EMPTY_GUID,
    applies: "this-object",
    documentedInheritance: "None",
    dsacls: { perms: "CA;Replicating Directory Changes All", inheritance: null },
    notes: [],
  },
];

/** §3.2 Password Writeback. Entra Connect's ADSyncConfig set has the first three only (no Unexpire Password). */
export const WRITEBACK_PERMISSIONS: readonly RequiredPermission[] = [
  {
    id: "writeback-reset-password",
    set: "password-writeback",
    access: "Reset Password",
    appliesTo: "Descendant User objects",
    rights: AD_RIGHTS.ExtendedRight,
    objectType: GUIDS.resetPassword,
    inheritedObjectType: GUIDS.user,
    applies: "descendants",
    documentedInheritance: "Descendents",
    dsacls: { perms: "CA;Reset Password;user", inheritance: "/I:S" },
    notes: [],
  },
  {
    id: "writeback-lockouttime",
    set: "password-writeback",
    access: "Write property lockoutTime",
    appliesTo: "Descendant User objects",
    rights: AD_RIGHTS.WriteProperty,
    objectType: GUIDS.lockoutTime,
    inheritedObjectType: GUIDS.user,
    applies: "descendants",
    documentedInheritance: "Descendents",
    dsacls: { perms: "WP;lockoutTime;user", inheritance: "/I:S" },
    notes: [],
  },
  {
    id: "writeback-pwdlastset",
    set: "password-writeback",
    access: "Write property pwdLastSet",
    appliesTo: "Descendant User objects",
    rights: AD_RIGHTS.WriteProperty,
    objectType: GUIDS.pwdLastSet,
    inheritedObjectType: GUIDS.user,
    applies: "descendants",
    documentedInheritance: "Descendents",
    dsacls: { perms: "WP;pwdLastSet;user", inheritance: "/I:S" },
    notes: ["A WriteProperty grant on the Account Restrictions property set (4c164200-…) also covers pwdLastSet."],
  },
  {
    id: "writeback-unexpire-password",
    set: "password-writeback",
    access: "Unexpire Password",
    appliesTo: "This object only (Domain root)",
    rights: AD_RIGHTS.ExtendedRight,
    objectType: GUIDS.unexpirePassword,
    inheritedObjectType: EMPTY_GUID,
    applies: "this-object",
    documentedInheritance: "None",
    dsacls: { perms: "CA;Unexpire Password", inheritance: null },
    notes: [
      "Listed by the cloud sync gMSA page and the cloud sync SSPR writeback tutorial; Entra Connect's ADSyncConfig password-writeback set does not include it.",
    ],
  },
];

const RPWP = AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty;

function createDelete(id: string, set: PermissionSetId, label: string, classGuid: string, dsaclsClass: string, notes: readonly string[]): RequiredPermission {
  return {
    id,
    set,
    access: `Create/delete ${label} objects`,
    appliesTo: "This object and all descendant objects",
    rights: CCDC,
    objectType: classGuid,
    inheritedObjectType: EMPTY_GUID,
    applies: "this-and-descendants",
    documentedInheritance: "All",
    dsacls: { perms: `CCDC;${dsaclsClass}`, inheritance: "/I:T" },
    notes,
  };
}

function readWriteAll(id: string, set: PermissionSetId, label: string, classGuid: string, dsaclsClass: string, notes: readonly string[] = []): RequiredPermission {
  return {
    id,
    set,
    access: "Read/write all properties",
    appliesTo: `Descendant ${label} objects`,
    rights: RPWP,
    objectType: EMPTY_GUID,
    inheritedObjectType: classGuid,
    applies: "descendants",
    documentedInheritance: "Descendents",
    dsacls: { perms: `RPWP;;${dsaclsClass}`, inheritance: "/I:S" },
    notes,
  };
}

const GPAD_NOTE =
  "Granted at the domain root, so it reaches every target OU; a grant on each target OU instead is not read from a domain-root export (the prerequisites page asks for the rights on the target OUs).";

/**
 * Group provisioning to AD ([PRE-2026] GPAD prerequisites; [GMSA-CMD] UserGroupCreateDelete): create and delete
 * user and group objects, and read and write all properties of descendant users and groups.
 */
export const GROUP_PROVISIONING_PERMISSIONS: readonly RequiredPermission[] = [
  createDelete("gpad-create-delete-groups", "group-provisioning", "Group", GUIDS.group, "group", [GPAD_NOTE]),
  createDelete("gpad-create-delete-users", "group-provisioning", "User", GUIDS.user, "user", [GPAD_NOTE]),
  readWriteAll("gpad-read-write-groups", "group-provisioning", "Group", GUIDS.group, "group", [
    "Full control on descendant groups (the custom gMSA table) covers it.",
  ]),
  readWriteAll("gpad-read-write-users", "group-provisioning", "User", GUIDS.user, "user"),
];

/** §3.2 Exchange hybrid writeback: Read/Write all properties on descendant User, InetOrgPerson, Group and Contact objects. */
export const EXCHANGE_HYBRID_PERMISSIONS: readonly RequiredPermission[] = [
  readWriteAll("exchange-hybrid-user", "exchange-hybrid", "User", GUIDS.user, "user"),
  readWriteAll("exchange-hybrid-inetorgperson", "exchange-hybrid", "InetOrgPerson", GUIDS.inetOrgPerson, "inetOrgPerson"),
  readWriteAll("exchange-hybrid-group", "exchange-hybrid", "Group", GUIDS.group, "group", ["Full control on descendant groups (the custom gMSA table) covers it."]),
  readWriteAll("exchange-hybrid-contact", "exchange-hybrid", "Contact", GUIDS.contact, "contact"),
];

export const REQUIRED_PERMISSIONS: readonly RequiredPermission[] = [
  ...CUSTOM_GMSA_PERMISSIONS,
  ...PHS_PERMISSIONS,
  ...WRITEBACK_PERMISSIONS,
  ...GROUP_PROVISIONING_PERMISSIONS,
  ...EXCHANGE_HYBRID_PERMISSIONS,
];

export function permissionsOfSet(set: PermissionSetId): readonly RequiredPermission[] {
  return REQUIRED_PERMISSIONS.filter((p) => p.set === set);
}

export function requiredPermission(id: string): RequiredPermission | undefined {
  return REQUIRED_PERMISSIONS.find((p) => p.id === id);
}

/**
 * A grant the documentation allows, used by the excess check: an ACE for the gMSA is excess when some of
 * its rights fall outside the union of these. Includes everything the installer's "ALL" set grants (§3.2,
 * so installer-made ACEs are never flagged) and Entra Connect's BasicRead (Read all properties on groups).
 */
export interface AllowedGrant {
  id: string;
  /** Where it is documented. */
  source: string;
  rights: number;
  objectType: string;
  inheritedObjectType: string;
  inheritanceType: InheritanceType;
}

function descendantGrant(id: string, source: string, rights: number, classGuid: string, objectType: string = EMPTY_GUID): AllowedGrant {
  return { id, source, rights, objectType, inheritedObjectType: classGuid, inheritanceType: "Descendents" };
}

const GW_GR_CCDC_SD_DT =
  AD_RIGHTS.GenericRead | AD_RIGHTS.GenericWrite | CCDC | AD_RIGHTS.Delete | AD_RIGHTS.DeleteTree;

export const ALLOWED_GRANTS: readonly AllowedGrant[] = [
  // §3.1 custom gMSA table
  ...[GUIDS.device, GUIDS.msDsDevice, GUIDS.inetOrgPerson, GUIDS.computer, GUIDS.foreignSecurityPrincipal, GUIDS.user, GUIDS.contact].map(
    (cls) => descendantGrant(`read-${cls}`, "Custom gMSA: Read all properties", RP, cls),
  ),
  descendantGrant("groups-full-control", "Custom gMSA: Full control on descendant groups", AD_RIGHTS.GenericAll, GUIDS.group),
  {
    id: "create-delete-users",
    source: "Custom gMSA: Create/delete User objects",
    rights: CCDC,
    objectType: GUIDS.user,
    inheritedObjectType: EMPTY_GUID,
    inheritanceType: "All",
  },
  // §3.2 ms-DS-ConsistencyGuid and msDS-KeyCredentialLink
  descendantGrant("consistency-guid-user", "Installer: mS-DS-ConsistencyGuid", AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty, GUIDS.user, GUIDS.msDsConsistencyGuid),
  descendantGrant("consistency-guid-group", "Installer: mS-DS-ConsistencyGuid", AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty, GUIDS.group, GUIDS.msDsConsistencyGuid),
  descendantGrant("key-credential-link-user", "Installer: msDS-KeyCredentialLink", AD_RIGHTS.WriteProperty, GUIDS.user, GUIDS.msDsKeyCredentialLink),
  descendantGrant("key-credential-link-device", "Installer: msDS-KeyCredentialLink", AD_RIGHTS.WriteProperty, GUIDS.device, GUIDS.msDsKeyCredentialLink),
  descendantGrant("key-credential-link-msds-device", "Installer: msDS-KeyCredentialLink", AD_RIGHTS.WriteProperty, GUIDS.msDsDevice, GUIDS.msDsKeyCredentialLink),
  // §3.2 password hash sync (this object only)
  ...[GUIDS.replicatingDirectoryChanges, GUIDS.replicatingDirectoryChangesAll].map(
    (right): AllowedGrant => ({
      id: `phs-${right}`,
      source: "Installer: Password hash sync",
      rights: AD_RIGHTS.ExtendedRight,
      objectType: right,
      inheritedObjectType: EMPTY_GUID,
      inheritanceType: "None",
    }),
  ),
  // §3.2 password writeback
  descendantGrant("writeback-reset-password", "Installer: Password writeback", AD_RIGHTS.ExtendedRight, GUIDS.user, GUIDS.resetPassword),
  descendantGrant("writeback-lockouttime", "Installer: Password writeback", AD_RIGHTS.WriteProperty, GUIDS.user, GUIDS.lockoutTime),
  descendantGrant("writeback-pwdlastset", "Installer: Password writeback", AD_RIGHTS.WriteProperty, GUIDS.user, GUIDS.pwdLastSet),
  {
    id: "writeback-unexpire-password",
    source: "Installer: Password writeback",
    rights: AD_RIGHTS.ExtendedRight,
    objectType: GUIDS.unexpirePassword,
    inheritedObjectType: EMPTY_GUID,
    inheritanceType: "None",
  },
  // §3.2 group writeback (ADSyncConfig GRGWCCDCSDDT;;group)
  descendantGrant("group-writeback", "Installer: Group writeback", GW_GR_CCDC_SD_DT, GUIDS.group),
  // §3.2 Exchange hybrid: Read/Write all properties
  ...[GUIDS.user, GUIDS.inetOrgPerson, GUIDS.group, GUIDS.contact].map((cls) =>
    descendantGrant(`exchange-hybrid-${cls}`, "Installer: Exchange hybrid", AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty, cls),
  ),
  // §3.2 Exchange mail public folders (ADSyncConfig RP;;publicFolder): Read all properties on descendant
  // publicFolder objects, a class of the Exchange schema extension (exchange-schema.ts).
  descendantGrant("exchange-public-folder", "Installer: Exchange mail public folders", RP, EXCHANGE_PUBLIC_FOLDER_CLASS),
  // §3.2 UserGroupCreateDelete (GPAD / CloudHR): generic write + create/delete child for group and user objects,
  // and per [GMSA-CMD] create/delete User and Group objects on this object and all descendants.
  ...[GUIDS.user, GUIDS.group].map((cls) =>
    descendantGrant(`user-group-create-delete-${cls}`, "Installer: UserGroupCreateDelete", AD_RIGHTS.GenericRead | AD_RIGHTS.GenericWrite | CCDC, cls),
  ),
  ...[GUIDS.user, GUIDS.group].map(
    (cls): AllowedGrant => ({
      id: `create-delete-${cls}`,
      source: "Installer: UserGroupCreateDelete",
      rights: CCDC,
      objectType: cls,
      inheritedObjectType: EMPTY_GUID,
      inheritanceType: "All",
    }),
  ),
  // Entra Connect BasicRead (ADSyncConfig RP;;group), which Set-AADCloudSyncPermissions says it mirrors.
  descendantGrant("basic-read-group", "ADSyncConfig BasicRead", RP, GUIDS.group),
];
