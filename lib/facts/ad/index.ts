// Active Directory vocabulary, defined once and shared by lib/ingest (parsers), lib/rules and lib/demo:
// ActiveDirectoryRights masks, schema class / attribute / extended-right GUIDs and names, well-known SIDs,
// the properties of an access rule as Get-Acl shows them.
export * from "./access-rule";
export * from "./rights";
export * from "./schema-guids";
export * from "./well-known-sids";
