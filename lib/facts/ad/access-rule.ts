/**
 * The properties of an ActiveDirectoryAccessRule as `(Get-Acl "AD:...").Access` shows them, in Get-Acl's order:
 * the columns of its Export-Csv, the keys of its ConvertTo-Json and the columns of its console table. Parsers read
 * these; the demo writes them.
 */
export const ACE_PROPERTIES = [
  "ActiveDirectoryRights",
  "InheritanceType",
  "ObjectType",
  "InheritedObjectType",
  "ObjectFlags",
  "AccessControlType",
  "IdentityReference",
  "IsInherited",
  "InheritanceFlags",
  "PropagationFlags",
] as const;
export type AceProperty = (typeof ACE_PROPERTIES)[number];
