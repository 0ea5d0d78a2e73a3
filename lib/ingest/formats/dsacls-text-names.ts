import { schemaEntriesByName, type SchemaEntry, type SchemaKind } from "@/lib/facts";

/**
 * The names dsacls prints, resolved against the default Active Directory schema (@/lib/facts schema lookup):
 * classes and attributes by lDAPDisplayName ("user", "userAccountControl", "printQueue"), property sets,
 * extended rights and validated writes by their Windows display name ("Personal Information", "Reset Password",
 * "Validated write to DNS host name"). Case-insensitive; the CN is accepted too.
 *
 * Where the name stands decides which kinds fit:
 * - "object": after "SPECIAL ACCESS for" / "<rights> for": any kind (a child class, an attribute, a property
 *   set, an extended right, a validated write);
 * - "inherited-to": the class of an "Inherited to <class>" heading;
 * - "single-line": a whole permission line ("Reset Password"): an extended right or a validated write.
 */
export type NameUse = "object" | "inherited-to" | "single-line";

const KINDS: Record<NameUse, readonly SchemaKind[]> = {
  object: ["class", "attribute", "property-set", "extended-right", "validated-write"],
  "inherited-to": ["class"],
  "single-line": ["extended-right", "validated-write"],
};

const KIND_WORDS: Record<SchemaKind, string> = {
  class: "a class",
  attribute: "an attribute",
  "property-set": "a property set",
  "extended-right": "an extended right",
  "validated-write": "a validated write",
};

export type ResolvedName =
  /** A default-schema object of a kind that fits. */
  | { status: "known"; entry: SchemaEntry }
  /** In no default schema: a custom schema extension (or a name from a newer schema than the data holds). */
  | { status: "unknown"; name: string }
  /** A default-schema object, but of a kind that cannot stand here ("Inherited to pwdLastSet"). */
  | { status: "misplaced"; name: string; entry: SchemaEntry; expected: string };

export function resolveDsaclsName(name: string, use: NameUse): ResolvedName {
  const found = schemaEntriesByName(name);
  if (found.length === 0) return { status: "unknown", name };
  const fitting = found.find((entry) => KINDS[use].includes(entry.kind));
  if (fitting !== undefined) return { status: "known", entry: fitting };
  const expected = KINDS[use].map((kind) => KIND_WORDS[kind]).join(" or ");
  return { status: "misplaced", name, entry: found[0], expected };
}

export function kindWords(kind: SchemaKind): string {
  return KIND_WORDS[kind];
}
