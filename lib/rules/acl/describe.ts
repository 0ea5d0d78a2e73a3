import { EMPTY_GUID, type AceInheritance } from "@/lib/facts";
import type { Applies } from "./coverage";
import { guidEntry, guidName } from "@/lib/facts";
import { rightsLabel } from "@/lib/facts";

/** Human-readable fragments for evidence and the UI table. */

export function objectTypeText(objectType: string): string {
  if (objectType === EMPTY_GUID) return "all properties/rights/child classes";
  const entry = guidEntry(objectType);
  if (entry === undefined) return objectType;
  const kind = entry.kind === "class" ? "child class" : entry.kind === "property-set" ? "property set" : entry.kind.replace("-", " ");
  return `${entry.displayName} (${kind})`;
}

export function classText(classGuid: string): string {
  return classGuid === EMPTY_GUID ? "every class" : guidName(classGuid);
}

export function inheritanceText(inheritanceType: AceInheritance, inheritedObjectType: string): string {
  const cls = inheritedObjectType === EMPTY_GUID ? "" : ` ${guidName(inheritedObjectType)}`;
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
  const cls = classGuid === EMPTY_GUID ? "" : ` ${guidName(classGuid)}`;
  switch (applies) {
    case "this-object":
      return "this object only";
    case "descendants":
      return `all descendant${cls} objects`;
    case "this-and-descendants":
      return "this object and all descendant objects";
  }
}

/** "Allow CORP\provAgentgMSA$: ReadProperty on all properties/rights/child classes, all descendant user objects". */
export function aceSummary(ace: {
  accessType: "allow" | "deny";
  identity: string;
  rights: number;
  objectType: string;
  inheritedObjectType: string;
  inheritanceType: AceInheritance;
  isInherited: boolean;
}): string {
  const verb = ace.accessType === "allow" ? "Allow" : "Deny";
  const inherited = ace.isInherited ? " (inherited)" : "";
  return `${verb} ${ace.identity}: ${rightsLabel(ace.rights)} on ${objectTypeText(ace.objectType)}, ${inheritanceText(
    ace.inheritanceType,
    ace.inheritedObjectType,
  )}${inherited}`;
}
