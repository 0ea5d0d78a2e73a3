import { EMPTY_GUID, type AceInheritance } from "@/lib/facts";
import type { Applies } from "./coverage";
import { guidEntry, guidName, schemaEntryForRights } from "@/lib/facts";
import { rightsLabel } from "@/lib/facts";
import { exchangeClassName } from "./exchange-schema";

/** A class by name: the default schema's, or an Exchange extension class a documented grant names (publicFolder). */
function className(classGuid: string): string {
  return guidEntry(classGuid)?.displayName ?? exchangeClassName(classGuid) ?? guidName(classGuid);
}

/** Human-readable fragments for evidence and the UI table. */

/**
 * "userAccountControl (attribute)", "Reset Password (extended right)": any GUID of the default schema by name.
 * `rights` picks between kinds sharing a GUID (Validated-SPN and servicePrincipalName); `unresolvedName` is the
 * name an export printed for something outside the default schema.
 */
export function objectTypeText(objectType: string, rights?: number, unresolvedName?: string): string {
  if (unresolvedName !== undefined) return `"${unresolvedName}" (not in the default schema)`;
  if (objectType === EMPTY_GUID) return "all properties/rights/child classes";
  const entry = rights === undefined ? guidEntry(objectType) : schemaEntryForRights(objectType, rights);
  if (entry === undefined) {
    const exchangeClass = exchangeClassName(objectType);
    return exchangeClass === undefined ? objectType : `${exchangeClass} (child class, Exchange schema)`;
  }
  const kind = entry.kind === "class" ? "child class" : entry.kind === "property-set" ? "property set" : entry.kind.replace("-", " ");
  return `${entry.displayName} (${kind})`;
}

export function classText(classGuid: string): string {
  return classGuid === EMPTY_GUID ? "every class" : className(classGuid);
}

export function inheritanceText(inheritanceType: AceInheritance, inheritedObjectType: string, unresolvedClass?: string): string {
  const cls = unresolvedClass !== undefined ? ` "${unresolvedClass}" (not in the default schema)` : inheritedObjectType === EMPTY_GUID ? "" : ` ${className(inheritedObjectType)}`;
  switch (inheritanceType) {
    case "unknown":
      return inheritedObjectType === EMPTY_GUID ? "applies where unknown (inheritance not exported)" : `descendant${cls} objects, how far unknown (inheritance not exported)`;
    case "None":
      return inheritedObjectType === EMPTY_GUID ? "this object only" : `no object (None with inherited type${cls})`;
    case "All":
      return inheritedObjectType === EMPTY_GUID ? "this object and all descendant objects" : `all descendant${cls} objects`;
    case "Descendents":
      return inheritedObjectType === EMPTY_GUID ? "all descendant objects" : `all descendant${cls} objects`;
    case "SelfAndChildren":
      return inheritedObjectType === EMPTY_GUID ? "this object and its immediate children only" : `immediate${cls} children only`;
    case "Children":
      return `immediate${cls} children only`;
  }
}

export function appliesText(applies: Applies, classGuid: string): string {
  const cls = classGuid === EMPTY_GUID ? "" : ` ${className(classGuid)}`;
  switch (applies) {
    case "this-object":
      return "this object only";
    case "descendants":
      return `all descendant${cls} objects`;
    case "this-and-descendants":
      return "this object and all descendant objects";
  }
}

/**
 * "Allow CORP\provAgentgMSA$: ReadProperty on all properties/rights/child classes, all descendant user objects";
 * "Allow CORP\Helpdesk: WriteProperty on userAccountControl (attribute), all descendant user objects".
 */
export function aceSummary(ace: {
  accessType: "allow" | "deny";
  identity: string;
  rights: number;
  objectType: string;
  inheritedObjectType: string;
  inheritanceType: AceInheritance;
  isInherited: boolean;
  unresolved?: { objectType?: string; inheritedObjectType?: string };
}): string {
  const verb = ace.accessType === "allow" ? "Allow" : "Deny";
  const inherited = ace.isInherited ? " (inherited)" : "";
  return `${verb} ${ace.identity}: ${rightsLabel(ace.rights)} on ${objectTypeText(ace.objectType, ace.rights, ace.unresolved?.objectType)}, ${inheritanceText(
    ace.inheritanceType,
    ace.inheritedObjectType,
    ace.unresolved?.inheritedObjectType,
  )}${inherited}`;
}
