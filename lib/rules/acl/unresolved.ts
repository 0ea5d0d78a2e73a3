import { EMPTY_GUID, UNRESOLVED_GUID } from "@/lib/facts";
import { denyEffect, objectTypeCovers, partsOf, reachOf, type GrantShape, type PermissionShape } from "./coverage";
import type { NormalizedAce, UnresolvedNames } from "./normalize";

/**
 * What an unresolved ACE (normalize.ts: a name in no default schema) could change. Its name may be a custom
 * extension, but also a default object printed under a name the data does not know (a localized display name,
 * an object added by a newer schema), so it is taken at its most: as if the name were the very object a
 * required permission names. A specific name is never "all", so where the permission names all properties or
 * every class the name stays a specific unknown object (UNRESOLVED_GUID). The rules answer Unknown, naming the
 * entry, where this could flip their answer.
 */
function asIfNamed(ace: NormalizedAce, perm: PermissionShape): GrantShape {
  const names = ace.unresolved ?? {};
  return {
    rights: ace.rights,
    inheritanceType: ace.inheritanceType,
    objectType: names.objectType === undefined ? ace.objectType : perm.objectType === EMPTY_GUID ? UNRESOLVED_GUID : perm.objectType,
    inheritedObjectType:
      names.inheritedObjectType === undefined ? ace.inheritedObjectType : perm.inheritedObjectType === EMPTY_GUID ? UNRESOLVED_GUID : perm.inheritedObjectType,
  };
}

/** An unresolved Allow that could supply (part of) a permission that is missing. */
export function mayGrant(ace: NormalizedAce, perm: PermissionShape): boolean {
  if (ace.accessType !== "allow") return false;
  const grant = asIfNamed(ace, perm);
  return partsOf(perm.applies).some(
    (part) => reachOf(grant, part, perm) === "full" && objectTypeCovers(grant.objectType, perm.objectType) && (grant.rights & perm.rights) !== 0,
  );
}

/** An unresolved Deny that could take (part of) a permission away. */
export function mayDeny(ace: NormalizedAce, perm: PermissionShape): boolean {
  if (ace.accessType !== "deny") return false;
  const deny = asIfNamed(ace, perm);
  return partsOf(perm.applies).some((part) => denyEffect(deny, perm, part).cancels);
}

/** 'it names "contoso-EmployeeBadge", which is not in the default schema'. */
export function unresolvedWords(ace: NormalizedAce): string {
  const names = [ace.unresolved?.objectType, ace.unresolved?.inheritedObjectType].filter((n): n is string => n !== undefined);
  return `it names ${names.map((n) => `"${n}"`).join(" and ")}, which ${names.length > 1 ? "are" : "is"} not in the default schema`;
}

/** The fact an Unknown caused by unresolved ACEs names. */
export const UNRESOLVED_FACT = "acl.aces[].unresolved";

/** The names unresolved ACE views carry, each once, in order. */
export function unresolvedNames(views: readonly { unresolved?: UnresolvedNames }[]): string[] {
  const names = views.flatMap((v) => [v.unresolved?.objectType, v.unresolved?.inheritedObjectType]).filter((n): n is string => n !== undefined);
  return [...new Set(names)];
}

/** How to settle what an unresolved name is: look it up in the schema, or export the ACL with GUIDs. */
export function collectUnresolved(views: readonly { unresolved?: UnresolvedNames }[]): string {
  const names = unresolvedNames(views);
  const first = (names[0] ?? "<name>").replace(/'/g, "''");
  return (
    `Find out what ${names.map((n) => `"${n}"`).join(", ")} ${names.length > 1 ? "are" : "is"}: ` +
    `Get-ADObject -SearchBase (Get-ADRootDSE).schemaNamingContext -LDAPFilter '(|(lDAPDisplayName=${first})(cn=${first}))' -Properties schemaIDGUID ` +
    "(an extended right: -SearchBase \"CN=Extended-Rights,$((Get-ADRootDSE).configurationNamingContext)\" -LDAPFilter '(displayName=...)' -Properties rightsGuid); " +
    "or export the ACL with Get-Acl (CSV or JSON), which carries GUIDs instead of names, and upload that."
  );
}
