/**
 * Classes of the Exchange schema extension that the documented cloud sync grants name. They are not in the
 * default Active Directory schema (lib/facts/ad/schema-data.generated.ts), so the schema lookup cannot name
 * them; the ACL checks know them here.
 *
 * publicFolder: schemaIDGUID f0f8ffac-1191-11d0-a060-00aa006c33ed (lDAPDisplayName publicFolder, CN
 * Public-Folder). Set-AADCloudSyncPermissions' ExchangeMailPublicFolderPermissions set ("ALL" includes it) and
 * Entra Connect's ADSyncConfig grant Read all properties on descendant publicFolder objects (`RP;;publicFolder`,
 * cloud-sync-requirements.md §3.2 and §3.4). Some public GUID tables print this GUID under other names
 * (Shared-Folder, Read-Only-Replication-Secret-Synchronization); an Exchange-extended schema names it
 * public-folder, which is what the grant means.
 */
export const EXCHANGE_PUBLIC_FOLDER_CLASS = "f0f8ffac-1191-11d0-a060-00aa006c33ed";

const EXTENSION_CLASSES_BY_NAME: ReadonlyMap<string, string> = new Map([
  ["publicfolder", EXCHANGE_PUBLIC_FOLDER_CLASS],
  ["public-folder", EXCHANGE_PUBLIC_FOLDER_CLASS],
]);

/** The GUID of an Exchange extension class a text export printed by name ("publicFolder", "Public-Folder"). */
export function exchangeClassGuid(name: string): string | undefined {
  return EXTENSION_CLASSES_BY_NAME.get(name.trim().toLowerCase());
}

/** Display name for evidence of an Exchange extension class GUID, undefined for any other GUID. */
export function exchangeClassName(guid: string): string | undefined {
  return guid === EXCHANGE_PUBLIC_FOLDER_CLASS ? "publicFolder" : undefined;
}
