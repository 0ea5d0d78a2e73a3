/**
 * Renderers for the cross-format property test (formats-agree.test.ts): one ACE set written the way each tool prints
 * it, from the documented formats (reference §3.5 enum encodings, §4a Get-Acl CSV/JSON, §4b dsacls, MS-DTYP 2.5.1.1
 * SDDL). Test helpers only.
 */
import { ACE_PROPERTIES, AD_RIGHTS, EMPTY_GUID, guidEntry, type Ace, type InheritanceType } from "@/lib/facts";

/** A principal as the name Get-Acl/dsacls print and as the SDDL trustee. */
export interface Principal {
  name: string;
  sddl: string;
}

/** An ACE of the set: the facts shape, inheritance limited to what dsacls can print. */
export type KitAce = Omit<Ace, "identity" | "inheritanceType"> & { principal: Principal; inheritanceType: "None" | "All" | "Descendents" };

const INHERITANCE: readonly InheritanceType[] = ["None", "All", "Descendents", "SelfAndChildren", "Children"];
const FLAGS: Record<"None" | "All" | "Descendents", { inheritance: number; propagation: number; sddl: string }> = {
  None: { inheritance: 0, propagation: 0, sddl: "" },
  All: { inheritance: 1, propagation: 0, sddl: "CI" },
  Descendents: { inheritance: 1, propagation: 2, sddl: "CIIO" },
};

/** Single-bit rights and the word dsacls prints for each. */
export const RIGHT_WORDS: ReadonlyArray<readonly [number, string]> = [
  [AD_RIGHTS.CreateChild, "CREATE CHILD"],
  [AD_RIGHTS.DeleteChild, "DELETE CHILD"],
  [AD_RIGHTS.ListChildren, "LIST CONTENTS"],
  [AD_RIGHTS.Self, "WRITE SELF"],
  [AD_RIGHTS.ReadProperty, "READ PROPERTY"],
  [AD_RIGHTS.WriteProperty, "WRITE PROPERTY"],
  [AD_RIGHTS.DeleteTree, "DELETE TREE"],
  [AD_RIGHTS.ListObject, "LIST OBJECT"],
  [AD_RIGHTS.ExtendedRight, "CONTROL ACCESS"],
  [AD_RIGHTS.Delete, "DELETE"],
  [AD_RIGHTS.ReadControl, "READ PERMISSONS"],
  [AD_RIGHTS.WriteDacl, "WRITE PERMISSIONS"],
  [AD_RIGHTS.WriteOwner, "CHANGE OWNERSHIP"],
];

const RIGHT_NAMES: ReadonlyArray<readonly [number, string]> = [
  [AD_RIGHTS.CreateChild, "CreateChild"],
  [AD_RIGHTS.DeleteChild, "DeleteChild"],
  [AD_RIGHTS.ListChildren, "ListChildren"],
  [AD_RIGHTS.Self, "Self"],
  [AD_RIGHTS.ReadProperty, "ReadProperty"],
  [AD_RIGHTS.WriteProperty, "WriteProperty"],
  [AD_RIGHTS.DeleteTree, "DeleteTree"],
  [AD_RIGHTS.ListObject, "ListObject"],
  [AD_RIGHTS.ExtendedRight, "ExtendedRight"],
  [AD_RIGHTS.Delete, "Delete"],
  [AD_RIGHTS.ReadControl, "ReadControl"],
  [AD_RIGHTS.WriteDacl, "WriteDacl"],
  [AD_RIGHTS.WriteOwner, "WriteOwner"],
];

const SDDL_CODES: ReadonlyArray<readonly [number, string]> = [
  [AD_RIGHTS.CreateChild, "CC"],
  [AD_RIGHTS.DeleteChild, "DC"],
  [AD_RIGHTS.ListChildren, "LC"],
  [AD_RIGHTS.Self, "SW"],
  [AD_RIGHTS.ReadProperty, "RP"],
  [AD_RIGHTS.WriteProperty, "WP"],
  [AD_RIGHTS.DeleteTree, "DT"],
  [AD_RIGHTS.ListObject, "LO"],
  [AD_RIGHTS.ExtendedRight, "CR"],
  [AD_RIGHTS.Delete, "SD"],
  [AD_RIGHTS.ReadControl, "RC"],
  [AD_RIGHTS.WriteDacl, "WD"],
  [AD_RIGHTS.WriteOwner, "WO"],
];

const pick = (mask: number, table: ReadonlyArray<readonly [number, string]>) => table.filter(([bit]) => (mask & bit) !== 0).map(([, word]) => word);
const objectFlags = (a: KitAce) => (a.objectType !== EMPTY_GUID ? 1 : 0) | (a.inheritedObjectType !== EMPTY_GUID ? 2 : 0);
const flagNames = (bits: number, names: readonly [string, string]) => {
  const out = names.filter((_, i) => (bits & (1 << i)) !== 0);
  return out.length === 0 ? "None" : out.join(", ");
};
const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** `(Get-Acl "AD:$dn").Sddl` after a DN line; rights as codes or as a hex mask. */
export function toSddl(dn: string, aces: readonly KitAce[], hexRights: boolean): string {
  const body = aces
    .map((a) => {
      const object = a.objectType !== EMPTY_GUID || a.inheritedObjectType !== EMPTY_GUID;
      const type = `${object ? "O" : ""}${a.accessType === "allow" ? "A" : "D"}`;
      const flags = `${FLAGS[a.inheritanceType].sddl}${a.isInherited ? "ID" : ""}`;
      const rights = hexRights ? `0x${a.rights.toString(16)}` : pick(a.rights, SDDL_CODES).join("");
      const guid = (g: string) => (g === EMPTY_GUID ? "" : g);
      return `(${type};${flags};${rights};${guid(a.objectType)};${guid(a.inheritedObjectType)};${a.principal.sddl})`;
    })
    .join("");
  return `${dn}\nO:DAG:DAD:AI${body}\n`;
}

/** Export-Csv -NoTypeInformation of the access rules (enums as names). */
export function toGetAclCsv(aces: readonly KitAce[]): string {
  const rows = aces.map((a) => {
    const f = FLAGS[a.inheritanceType];
    return [
      pick(a.rights, RIGHT_NAMES).join(", "),
      a.inheritanceType,
      a.objectType,
      a.inheritedObjectType,
      flagNames(objectFlags(a), ["ObjectAceTypePresent", "InheritedObjectAceTypePresent"]),
      a.accessType === "allow" ? "Allow" : "Deny",
      a.principal.name,
      a.isInherited ? "True" : "False",
      flagNames(f.inheritance, ["ContainerInherit", "ObjectInherit"]),
      flagNames(f.propagation, ["NoPropagateInherit", "InheritOnly"]),
    ];
  });
  return [ACE_PROPERTIES.map(quote).join(","), ...rows.map((r) => r.map(quote).join(","))].join("\r\n") + "\r\n";
}

/** ConvertTo-Json of the access rules: enums as numbers (Windows PowerShell 5.1) or names (-EnumsAsStrings). */
export function toGetAclJson(aces: readonly KitAce[], enumsAsStrings: boolean): string {
  return JSON.stringify(
    aces.map((a) => {
      const f = FLAGS[a.inheritanceType];
      return enumsAsStrings
        ? {
            ActiveDirectoryRights: pick(a.rights, RIGHT_NAMES).join(", "),
            InheritanceType: a.inheritanceType,
            ObjectType: a.objectType,
            InheritedObjectType: a.inheritedObjectType,
            ObjectFlags: flagNames(objectFlags(a), ["ObjectAceTypePresent", "InheritedObjectAceTypePresent"]),
            AccessControlType: a.accessType === "allow" ? "Allow" : "Deny",
            IdentityReference: { Value: a.principal.name },
            IsInherited: a.isInherited,
            InheritanceFlags: flagNames(f.inheritance, ["ContainerInherit", "ObjectInherit"]),
            PropagationFlags: flagNames(f.propagation, ["NoPropagateInherit", "InheritOnly"]),
          }
        : {
            ActiveDirectoryRights: a.rights,
            InheritanceType: INHERITANCE.indexOf(a.inheritanceType),
            ObjectType: a.objectType,
            InheritedObjectType: a.inheritedObjectType,
            ObjectFlags: objectFlags(a),
            AccessControlType: a.accessType === "allow" ? 0 : 1,
            IdentityReference: { Value: a.principal.name },
            IsInherited: a.isInherited,
            InheritanceFlags: f.inheritance,
            PropagationFlags: f.propagation,
          };
    }),
    null,
    2,
  );
}

const COLUMN = 37;

function dsaclsEntry(a: KitAce): string[] {
  const verb = a.accessType === "allow" ? "Allow" : "Deny";
  const name = a.objectType === EMPTY_GUID ? "" : ` for ${guidEntry(a.objectType)?.displayName ?? a.objectType}`;
  const mark = a.isInherited ? "   <Inherited from parent>" : "";
  const head = `${verb} ${a.principal.name}`;
  return [`${head.padEnd(Math.max(COLUMN, head.length + 2))}SPECIAL ACCESS${name}${mark}`, ...pick(a.rights, RIGHT_WORDS).map((w) => `${" ".repeat(COLUMN)}${w}`)];
}

/**
 * `dsacls "<dn>"`: entries effective on the object (None, All), then "Permissions inherited to subobjects are:" with
 * "Inherited to all subobjects" (All, Descendents of every class) and "Inherited to <class>" groups.
 */
export function toDsacls(dn: string, aces: readonly KitAce[]): string {
  const lines = [`C:\\> dsacls "${dn}"`, "Owner: CORP\\Domain Admins", "Group: CORP\\Domain Admins", "", "Access list:"];
  for (const a of aces) if (a.inheritanceType !== "Descendents") lines.push(...dsaclsEntry(a));
  lines.push("", "Permissions inherited to subobjects are:", "", "Inherited to all subobjects");
  for (const a of aces) if (a.inheritanceType === "All" || (a.inheritanceType === "Descendents" && a.inheritedObjectType === EMPTY_GUID)) lines.push(...dsaclsEntry(a));
  const classes = [...new Set(aces.filter((a) => a.inheritanceType === "Descendents" && a.inheritedObjectType !== EMPTY_GUID).map((a) => a.inheritedObjectType))];
  for (const cls of classes) {
    lines.push(`Inherited to ${guidEntry(cls)?.displayName ?? cls}`);
    for (const a of aces) if (a.inheritanceType === "Descendents" && a.inheritedObjectType === cls) lines.push(...dsaclsEntry(a));
  }
  lines.push("The command completed successfully", "");
  return lines.join("\r\n");
}
