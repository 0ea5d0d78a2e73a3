import { ACE_PROPERTIES, EMPTY_GUID, type Ace, type AclFacts, type InheritanceType } from "@/lib/facts";
import { csvLine } from "./csv";

/**
 * AclFacts -> the gMSA permission exports the Get-Acl parsers read (lib/ingest/formats/getacl-csv.ts, getacl-json.ts):
 *
 * - toGetAclCsv: `Get-Acl "AD:$dn" | Select-Object -ExpandProperty Access | Export-Csv -NoTypeInformation`, enums as
 *   names ("CreateChild, DeleteChild"). The export names neither the object nor the gMSA: upload it with
 *   `options.target` = acl.targetDn and `options.account` = acl.account (aclUploadOptions gives both).
 *   accountSid and collectedAt cannot be carried.
 * - toGetAclJson: the same access rules as Windows PowerShell 5.1 ConvertTo-Json writes them (enums as numbers,
 *   IdentityReference as { "Value": ... }), inside { targetDn, account, accountSid, collectedAt, aces }: carries every
 *   AclFacts field. collectedAt comes back in toISOString() form.
 *
 * Both write InheritanceFlags / PropagationFlags / ObjectFlags consistent with InheritanceType and the GUIDs, as
 * System.DirectoryServices reports them. Pure.
 */

/** ActiveDirectoryRights names and values (reference §3.5). */
const RIGHT_VALUES: readonly (readonly [string, number])[] = [
  ["GenericAll", 0xf01ff],
  ["AccessSystemSecurity", 0x1000000],
  ["Synchronize", 0x100000],
  ["WriteOwner", 0x80000],
  ["WriteDacl", 0x40000],
  ["GenericRead", 0x20094],
  ["GenericWrite", 0x20028],
  ["GenericExecute", 0x20004],
  ["ReadControl", 0x20000],
  ["Delete", 0x10000],
  ["ExtendedRight", 0x100],
  ["ListObject", 0x80],
  ["DeleteTree", 0x40],
  ["WriteProperty", 0x20],
  ["ReadProperty", 0x10],
  ["Self", 0x8],
  ["ListChildren", 0x4],
  ["DeleteChild", 0x2],
  ["CreateChild", 0x1],
];
/** Highest value first: .NET's Enum.ToString() for a [Flags] enum takes names greedily in this order. */
const RIGHTS = [...RIGHT_VALUES].sort((a, b) => b[1] - a[1]);

/** 0x3 -> "CreateChild, DeleteChild"; 0xF01FF -> "GenericAll"; a mask with unnamed bits -> its number. */
export function adRightsName(mask: number): string {
  let rest = mask >>> 0;
  if (rest === 0) return "0";
  const taken: (readonly [string, number])[] = [];
  for (const entry of RIGHTS) {
    const bits = entry[1];
    if ((rest & bits) === bits) {
      taken.push(entry);
      rest = (rest & ~bits) >>> 0;
    }
  }
  if (rest !== 0) return String(mask >>> 0);
  return taken
    .sort((a, b) => a[1] - b[1])
    .map(([name]) => name)
    .join(", ");
}

const INHERITANCE: readonly InheritanceType[] = ["None", "All", "Descendents", "SelfAndChildren", "Children"];

/** InheritanceType -> (InheritanceFlags, PropagationFlags) bits, as System.DirectoryServices maps them. */
function inheritanceBits(type: Ace["inheritanceType"]): { inheritance: number; propagation: number } {
  switch (type) {
    case "unknown":
      throw new Error("The demo exports only ACEs whose inheritance is known.");
    case "None":
      return { inheritance: 0, propagation: 0 };
    case "All":
      return { inheritance: 1, propagation: 0 };
    case "Descendents":
      return { inheritance: 1, propagation: 2 };
    case "SelfAndChildren":
      return { inheritance: 1, propagation: 1 };
    case "Children":
      return { inheritance: 1, propagation: 3 };
  }
}

function objectFlags(ace: Ace): number {
  return (ace.objectType !== EMPTY_GUID ? 1 : 0) | (ace.inheritedObjectType !== EMPTY_GUID ? 2 : 0);
}

function flagNames(bits: number, names: readonly [string, string]): string {
  const out = names.filter((_, i) => (bits & (1 << i)) !== 0);
  return out.length === 0 ? "None" : out.join(", ");
}

/** The Export-Csv columns: the access rule properties in Get-Acl's order. */
export const GETACL_CSV_HEADERS = ACE_PROPERTIES;

function csvRow(ace: Ace): string[] {
  const bits = inheritanceBits(ace.inheritanceType);
  return [
    adRightsName(ace.rights),
    ace.inheritanceType,
    ace.objectType,
    ace.inheritedObjectType,
    flagNames(objectFlags(ace), ["ObjectAceTypePresent", "InheritedObjectAceTypePresent"]),
    ace.accessType === "allow" ? "Allow" : "Deny",
    ace.identity,
    ace.isInherited ? "True" : "False",
    flagNames(bits.inheritance, ["ContainerInherit", "ObjectInherit"]),
    flagNames(bits.propagation, ["NoPropagateInherit", "InheritOnly"]),
  ];
}

/** Export-Csv of the access rules (no #TYPE line, as with -NoTypeInformation). */
export function toGetAclCsv(acl: AclFacts): string {
  return [csvLine(GETACL_CSV_HEADERS), ...(acl.aces ?? []).map((ace) => csvLine(csvRow(ace)))].join("");
}

/** The upload options a Get-Acl CSV needs: the target DN and the gMSA, which the export itself does not name. */
export function aclUploadOptions(acl: AclFacts): { account?: string; target?: string } {
  const options: { account?: string; target?: string } = {};
  if (acl.account !== undefined) options.account = acl.account;
  if (acl.targetDn !== undefined) options.target = acl.targetDn;
  return options;
}

function jsonAce(ace: Ace) {
  const bits = inheritanceBits(ace.inheritanceType);
  return {
    ActiveDirectoryRights: ace.rights,
    InheritanceType: (INHERITANCE as readonly string[]).indexOf(ace.inheritanceType),
    ObjectType: ace.objectType,
    InheritedObjectType: ace.inheritedObjectType,
    ObjectFlags: objectFlags(ace),
    AccessControlType: ace.accessType === "allow" ? 0 : 1,
    IdentityReference: { Value: ace.identity },
    IsInherited: ace.isInherited,
    InheritanceFlags: bits.inheritance,
    PropagationFlags: bits.propagation,
  };
}

/** The access rules as ConvertTo-Json writes them, in an object naming the target, the gMSA, its SID and the collection time. */
export function toGetAclJson(acl: AclFacts): string {
  const document: Record<string, unknown> = {};
  if (acl.targetDn !== undefined) document.targetDn = acl.targetDn;
  if (acl.account !== undefined) document.account = acl.account;
  if (acl.accountSid !== undefined) document.accountSid = acl.accountSid;
  if (acl.collectedAt !== undefined) document.collectedAt = acl.collectedAt;
  document.aces = (acl.aces ?? []).map(jsonAce);
  return JSON.stringify(document, null, 2);
}
