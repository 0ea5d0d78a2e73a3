/**
 * The gMSA ACL matching engine. Public surface for parsers (GUID and rights lookups) and the UI
 * ("required permissions vs found" table, driven by analyzeAcl's DTO).
 */
export { AD_RIGHTS, covers, rightsFromText, rightsLabel, rightsToNames, toDsaclsLetters, type AdRightName } from "@/lib/facts";
export { GUIDS, GUID_TABLE, guidEntry, guidForDisplayName, guidName, normalizeGuid, propertySetMembers, type GuidEntry, type GuidKind } from "@/lib/facts";
export {
  analyzeAcl,
  isSatisfied,
  normalizeDn,
  SATISFIED_STATUSES,
  type AceView,
  type AclAnalysis,
  type DenyFinding,
  type ExcessFinding,
  type PermissionFinding,
  type PermissionStatus,
} from "./analyze";
export { REQUIRED_PERMISSIONS, permissionsOfSet, requiredPermission, type PermissionSetId, type RequiredPermission } from "./required";
