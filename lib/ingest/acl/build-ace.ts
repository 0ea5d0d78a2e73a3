import { aceSchema, EMPTY_GUID, resolveWellKnownIdentity, type Ace, type AceInheritance, type AceProperty, type InheritanceType } from "@/lib/facts";
import { MAX_TEXT_LENGTH } from "../limits";
import { displayValue } from "../text/display";
import { parseBoolean } from "../values/booleans";
import { normalizeGuidText } from "../values/guid";
import {
  inheritanceFromFlags,
  parseAccessType,
  parseAdRights,
  parseInheritanceFlags,
  parseInheritanceType,
  parseObjectFlags,
  parsePropagationFlags,
} from "./enums";


/** Reads one access rule's properties from a CSV row, a JSON object or a console table row. */
export interface AceReader {
  /** The raw value; undefined when the property is absent or blank. */
  get(property: AceProperty): unknown;
  /** How to name the property in messages (header or JSON path). */
  column(property: AceProperty): string;
  /**
   * Whether the export has this property at all (a column / key), as opposed to a blank value. When given, a file
   * without any inheritance property yields inheritance "unknown" instead of an error.
   */
  has?(property: AceProperty): boolean;
}

/** The properties that say where an ACE applies. */
export const INHERITANCE_PROPERTIES: readonly AceProperty[] = ["InheritanceType", "InheritanceFlags", "PropagationFlags"];

export interface AceProblem {
  column: string;
  message: string;
}

export type AceBuild =
  | { ok: true; ace: Ace; warnings: AceProblem[]; isInheritedAssumed: boolean; inheritanceUnknown: boolean }
  | { ok: false; errors: AceProblem[] };

function guidOf(
  reader: AceReader,
  property: "ObjectType" | "InheritedObjectType",
  flags: number | undefined,
  bit: number,
  errors: AceProblem[],
): string | undefined {
  const raw = reader.get(property);
  if (raw !== undefined) {
    const guid = typeof raw === "string" ? normalizeGuidText(raw) : undefined;
    if (guid === undefined) errors.push({ column: reader.column(property), message: `${displayValue(String(raw))} is not a GUID.` });
    return guid;
  }
  // Without the column, ObjectFlags still tells whether a GUID was present.
  if (flags !== undefined && (flags & bit) === 0) return EMPTY_GUID;
  errors.push({
    column: reader.column(property),
    message:
      flags === undefined
        ? `${property} is missing, so it is unknown whether this entry is limited to one property or class. Export the ${property} column too.`
        : `${property} is missing although ObjectFlags says it is present. Export the ${property} column too.`,
  });
  return undefined;
}

/** Builds and validates one ACE (lib/facts aceSchema). Every problem names its column. */
export function buildAce(reader: AceReader): AceBuild {
  const errors: AceProblem[] = [];
  const warnings: AceProblem[] = [];

  const identityRaw = reader.get("IdentityReference");
  // An unresolved well-known SID ("S-1-5-32-548") is given the name Windows prints for it; other SIDs stay SIDs.
  const identity = typeof identityRaw === "string" ? resolveWellKnownIdentity(identityRaw) : typeof identityRaw === "number" ? String(identityRaw) : "";
  if (identity === "") errors.push({ column: reader.column("IdentityReference"), message: "IdentityReference (the principal) is empty." });
  else if (identity.length > MAX_TEXT_LENGTH) {
    errors.push({ column: reader.column("IdentityReference"), message: `The principal name is ${identity.length} characters long; at most ${MAX_TEXT_LENGTH} are accepted.` });
  }

  let rights: number | undefined;
  const rightsRaw = reader.get("ActiveDirectoryRights");
  if (rightsRaw === undefined) errors.push({ column: reader.column("ActiveDirectoryRights"), message: "ActiveDirectoryRights is empty." });
  else {
    const parsed = parseAdRights(rightsRaw);
    if (parsed.ok) rights = parsed.value;
    else errors.push({ column: reader.column("ActiveDirectoryRights"), message: `${parsed.message}.` });
  }

  let accessType: "allow" | "deny" | undefined;
  const accessRaw = reader.get("AccessControlType");
  if (accessRaw === undefined) errors.push({ column: reader.column("AccessControlType"), message: "AccessControlType (Allow/Deny) is empty." });
  else {
    const parsed = parseAccessType(accessRaw);
    if (parsed.ok) accessType = parsed.value;
    else errors.push({ column: reader.column("AccessControlType"), message: `${parsed.message}.` });
  }

  let objectFlags: number | undefined;
  const flagsRaw = reader.get("ObjectFlags");
  if (flagsRaw !== undefined) {
    const parsed = parseObjectFlags(flagsRaw);
    if (parsed.ok) objectFlags = parsed.value;
    else errors.push({ column: reader.column("ObjectFlags"), message: `${parsed.message}.` });
  }
  const objectType = guidOf(reader, "ObjectType", objectFlags, 1, errors);
  const inheritedObjectType = guidOf(reader, "InheritedObjectType", objectFlags, 2, errors);

  let fromFlags: InheritanceType | undefined;
  const inhFlagsRaw = reader.get("InheritanceFlags");
  const propFlagsRaw = reader.get("PropagationFlags");
  if (inhFlagsRaw !== undefined && propFlagsRaw !== undefined) {
    const inh = parseInheritanceFlags(inhFlagsRaw);
    const prop = parsePropagationFlags(propFlagsRaw);
    if (!inh.ok) errors.push({ column: reader.column("InheritanceFlags"), message: `${inh.message}.` });
    if (!prop.ok) errors.push({ column: reader.column("PropagationFlags"), message: `${prop.message}.` });
    if (inh.ok && prop.ok) fromFlags = inheritanceFromFlags(inh.value, prop.value);
  } else if (inhFlagsRaw !== undefined) {
    // Without ContainerInherit the entry is not inherited at all, whatever PropagationFlags says.
    const inh = parseInheritanceFlags(inhFlagsRaw);
    if (inh.ok && (inh.value & 1) === 0) fromFlags = "None";
  }
  let inheritanceType: AceInheritance | undefined;
  let inheritanceUnknown = false;
  const inheritanceRaw = reader.get("InheritanceType");
  if (inheritanceRaw !== undefined) {
    const parsed = parseInheritanceType(inheritanceRaw);
    if (parsed.ok) {
      inheritanceType = parsed.value;
      if (fromFlags !== undefined && fromFlags !== inheritanceType) {
        warnings.push({
          column: reader.column("InheritanceType"),
          message: `InheritanceType ${inheritanceType} does not match InheritanceFlags/PropagationFlags (which mean ${fromFlags}); InheritanceType was used.`,
        });
      }
    } else errors.push({ column: reader.column("InheritanceType"), message: `${parsed.message}.` });
  } else if (fromFlags !== undefined) inheritanceType = fromFlags;
  else if (reader.has !== undefined && !INHERITANCE_PROPERTIES.every((p) => reader.has?.(p) === true) && reader.has("InheritanceType") === false) {
    // The export has no InheritanceType column (and not both flag columns): where the entry applies is unknown.
    inheritanceType = "unknown";
    inheritanceUnknown = true;
  } else {
    errors.push({
      column: reader.column("InheritanceType"),
      message: "InheritanceType is missing (and InheritanceFlags/PropagationFlags too), so it is unknown where this entry applies.",
    });
  }

  let isInherited = false;
  let isInheritedAssumed = false;
  const inheritedRaw = reader.get("IsInherited");
  if (inheritedRaw === undefined) isInheritedAssumed = true;
  else {
    const parsed = parseBoolean(inheritedRaw);
    if (parsed === undefined) errors.push({ column: reader.column("IsInherited"), message: `${displayValue(String(inheritedRaw))} is not True or False.` });
    else isInherited = parsed;
  }

  if (errors.length > 0 || rights === undefined || accessType === undefined || objectType === undefined || inheritedObjectType === undefined || inheritanceType === undefined) {
    return { ok: false, errors };
  }
  const candidate: Ace = { identity, rights, accessType, objectType, inheritedObjectType, inheritanceType, isInherited };
  const checked = aceSchema.safeParse(candidate);
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((issue) => ({ column: String(issue.path[0] ?? "ACE"), message: issue.message })),
    };
  }
  return { ok: true, ace: checked.data, warnings, isInheritedAssumed, inheritanceUnknown };
}

/** The command that exports every property of the access rules, inheritance included. */
export const FULL_EXPORT_COMMAND =
  'Get-Acl "AD:<dn>" | Select-Object -ExpandProperty Access | Export-Csv acl.csv -NoTypeInformation (or, on screen: ... | Format-Table * -Wrap)';

/**
 * The one warning for an export whose entries were stored with inheritance "unknown": which columns were missing,
 * what it means for the checks, and the command that exports them.
 */
export function unknownInheritanceWarning(count: number, missing: readonly string[]): string {
  const columns = missing.length === 0 ? "InheritanceType" : missing.join(", ");
  return (
    `The export has no ${columns} column${missing.length > 1 ? "s" : ""}, so where ${count} entr${count === 1 ? "y applies" : "ies apply"} ` +
    `(this object, its descendants, or both) is unknown. They were kept with inheritance "unknown": permission checks they could satisfy answer ` +
    `Unknown instead of pass or fail. Export the missing columns: ${FULL_EXPORT_COMMAND}.`
  );
}
