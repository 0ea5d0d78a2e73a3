// Active Directory vocabulary, defined once and shared by lib/ingest (parsers), lib/rules and lib/demo:
// ActiveDirectoryRights masks, the default schema (every class, attribute and control access right by name and GUID,
// generated from Microsoft's specifications) with the named GUIDs the rules use, well-known SIDs,
// the properties of an access rule as Get-Acl shows them.
export * from "./access-rule";
export * from "./rights";
export * from "./schema-guids";
export * from "./schema-lookup";
export * from "./sddl-sids";
export * from "./well-known-sids";
