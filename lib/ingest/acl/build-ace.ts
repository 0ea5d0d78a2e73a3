import { aceSchema, EMPTY_GUID, type Ace, type AceProperty, type InheritanceType } from "@/lib/facts";
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
}

export interface AceProblem {
  column: string;
  message: string;
}

export type AceBuild =
  | { ok: true; ace: Ace; warnings: AceProblem[]; isInheritedAssumed: boolean }
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
  const identity = typeof identityRaw === "string" ? identityRaw.trim() : typeof identityRaw === "number" ? String(identityRaw) : "";
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
  }
  let inheritanceType: InheritanceType | undefined;
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
  else {
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
  return { ok: true, ace: checked.data, warnings, isInheritedAssumed };
}
