import type { AceInheritance, InheritanceType } from "@/lib/facts";
import { normalizeGuid, UNRESOLVED_GUID } from "@/lib/facts";
import { rightsFromText } from "@/lib/facts";
import { exchangeClassGuid } from "./exchange-schema";

/**
 * One ACE as the engine uses it. Facts are schema-checked upstream, but rules must never throw on
 * malformed input, so every ACE is re-read defensively here (GUID casing and braces normalized,
 * enum names or numbers accepted) and anything unusable is skipped with a reason.
 */
export interface NormalizedAce {
  /** Position in acl.aces, for evidence ("acl.aces[3]"). */
  index: number;
  identity: string;
  rights: number;
  accessType: "allow" | "deny";
  /** Lower-case GUID; EMPTY_GUID = all properties / extended rights / child classes. */
  objectType: string;
  /** Lower-case GUID; EMPTY_GUID = every class. */
  inheritedObjectType: string;
  /** "unknown" when the export did not carry it (rules answer Unknown where it matters). */
  inheritanceType: AceInheritance;
  isInherited: boolean;
  /**
   * The names a text export printed in place of GUIDs that are in no default schema (acl.aces[i].unresolved);
   * the GUID fields then hold UNRESOLVED_GUID. Such ACEs are returned apart (`unresolved`), never in `aces`.
   */
  unresolved?: UnresolvedNames;
}

export interface UnresolvedNames {
  objectType?: string;
  inheritedObjectType?: string;
}

export interface SkippedAce {
  index: number;
  reason: string;
}

const INHERITANCE_BY_NUMBER: readonly InheritanceType[] = ["None", "All", "Descendents", "SelfAndChildren", "Children"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readIdentity(value: unknown): string | null {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  // ConvertTo-Json renders IdentityReference as { "Value": "CORP\\name" }.
  if (isRecord(value) && typeof value.Value === "string" && value.Value.trim() !== "") return value.Value.trim();
  return null;
}

function readRights(value: unknown): number | null {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? value >>> 0 : null;
  }
  return typeof value === "string" ? rightsFromText(value) : null;
}

function readAccessType(value: unknown): "allow" | "deny" | null {
  if (value === 0) return "allow";
  if (value === 1) return "deny";
  if (typeof value !== "string") return null;
  const lower = value.trim().toLowerCase();
  return lower === "allow" || lower === "deny" ? lower : null;
}

function readGuid(value: unknown): string | null {
  return typeof value === "string" ? normalizeGuid(value) : null;
}

function readInheritance(value: unknown): AceInheritance | null {
  if (typeof value === "number") return INHERITANCE_BY_NUMBER[value] ?? null;
  if (typeof value !== "string") return null;
  const lower = value.trim().toLowerCase();
  if (lower === "unknown") return "unknown";
  // "Descendants" is a common misspelling of the .NET name "Descendents".
  const alias = lower === "descendants" ? "descendents" : lower;
  return INHERITANCE_BY_NUMBER.find((name) => name.toLowerCase() === alias) ?? null;
}

function readBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === undefined || value === null) return false;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false" || lower === "") return false;
  }
  return null;
}

const UNKNOWN_NAME = "(a name outside the default schema)";

/**
 * The unresolved names of an ACE: its `unresolved` field, or UNRESOLVED_GUID in a GUID field without a name.
 * Null when the ACE is fully resolved.
 */
function readUnresolved(value: unknown, objectType: string, inheritedObjectType: string): UnresolvedNames | null {
  const names: UnresolvedNames = {};
  const record = isRecord(value) ? value : {};
  const name = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
  const objectName = name(record.objectType) ?? (objectType === UNRESOLVED_GUID ? UNKNOWN_NAME : undefined);
  const inheritedName = name(record.inheritedObjectType) ?? (inheritedObjectType === UNRESOLVED_GUID ? UNKNOWN_NAME : undefined);
  if (objectName !== undefined) names.objectType = objectName;
  if (inheritedName !== undefined) names.inheritedObjectType = inheritedName;
  return objectName === undefined && inheritedName === undefined ? null : names;
}

/**
 * Reads acl.aces defensively. Non-arrays yield no ACEs and one skipped entry.
 *
 * The one place unresolved ACEs (a name in no default schema, e.g. a custom extension dsacls printed) are told
 * apart: they go to `unresolved`, with UNRESOLVED_GUID in the unresolved GUID field(s), and never into `aces`,
 * so no coverage, excess or deny check reads them as "all properties" or "every class". What they could change
 * is worked out in unresolved.ts; the rules answer Unknown for it.
 */
export function normalizeAces(raw: unknown): { aces: NormalizedAce[]; skipped: SkippedAce[]; unresolved: NormalizedAce[] } {
  const aces: NormalizedAce[] = [];
  const skipped: SkippedAce[] = [];
  const unresolved: NormalizedAce[] = [];
  if (!Array.isArray(raw)) {
    if (raw !== undefined) skipped.push({ index: -1, reason: "acl.aces is not a list" });
    return { aces, skipped, unresolved };
  }
  raw.forEach((item: unknown, index) => {
    if (!isRecord(item)) {
      skipped.push({ index, reason: "not an object" });
      return;
    }
    const identity = readIdentity(item.identity);
    const rights = readRights(item.rights);
    const accessType = readAccessType(item.accessType);
    const objectType = readGuid(item.objectType);
    const inheritedObjectType = readGuid(item.inheritedObjectType);
    const inheritanceType = readInheritance(item.inheritanceType);
    const isInherited = readBoolean(item.isInherited);
    const problems = [
      identity === null && "identity",
      rights === null && "rights",
      accessType === null && "accessType",
      objectType === null && "objectType",
      inheritedObjectType === null && "inheritedObjectType",
      inheritanceType === null && "inheritanceType",
      isInherited === null && "isInherited",
    ].filter((p): p is string => typeof p === "string");
    if (
      identity === null ||
      rights === null ||
      accessType === null ||
      objectType === null ||
      inheritedObjectType === null ||
      inheritanceType === null ||
      isInherited === null
    ) {
      skipped.push({ index, reason: `missing or invalid: ${problems.join(", ")}` });
      return;
    }
    const names = readUnresolved(item.unresolved, objectType, inheritedObjectType);
    // A name of the Exchange schema extension a documented grant names (publicFolder) is known, not unresolved.
    const objectGuid = names?.objectType === undefined ? objectType : exchangeClassGuid(names.objectType);
    const inheritedGuid = names?.inheritedObjectType === undefined ? inheritedObjectType : exchangeClassGuid(names.inheritedObjectType);
    if (names !== null && (objectGuid === undefined || inheritedGuid === undefined)) {
      unresolved.push({
        index,
        identity,
        rights,
        accessType,
        objectType: names.objectType === undefined ? objectType : UNRESOLVED_GUID,
        inheritedObjectType: names.inheritedObjectType === undefined ? inheritedObjectType : UNRESOLVED_GUID,
        inheritanceType,
        isInherited,
        unresolved: names,
      });
      return;
    }
    aces.push({
      index,
      identity,
      rights,
      accessType,
      objectType: objectGuid ?? objectType,
      inheritedObjectType: inheritedGuid ?? inheritedObjectType,
      inheritanceType,
      isInherited,
    });
  });
  return { aces, skipped, unresolved };
}
