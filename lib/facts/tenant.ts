import { z } from "zod";
import { isoDateTime } from "./common";

export const tenantAttestationKeySchema = z.enum(["idfix-run"]);

/** Optional cloud sync features the tenant uses (or plans to); rules for a feature apply only when it is used. */
export const tenantFeaturesSchema = z
  .object({
    /** Group provisioning to Active Directory (Entra ID security groups written to AD). */
    groupProvisioning: z.boolean(),
    /** Exchange hybrid writeback (Exchange Online attributes written back to AD). */
    exchangeHybridWriteback: z.boolean(),
  })
  .partial();
export type TenantFeatures = z.infer<typeof tenantFeaturesSchema>;
export type TenantAttestationKey = z.infer<typeof tenantAttestationKeySchema>;

/**
 * The built-in Entra roles that can install and configure cloud sync, by role template id (the roleDefinitionId
 * of built-in roles; stable across tenants): the Hybrid Identity Administrator the prerequisites ask for, and the
 * Global Administrator, which holds every permission of it.
 */
export const TENANT_ADMIN_ROLES = {
  "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
  "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
} as const;
export const tenantAdminRoleSchema = z.enum(["Hybrid Identity Administrator", "Global Administrator"]);
export type TenantAdminRole = z.infer<typeof tenantAdminRoleSchema>;
/** active: the role is held now (a standing or activated assignment); eligible: PIM-eligible, activated on demand. */
export const roleAssignmentKindSchema = z.enum(["active", "eligible"]);
export type RoleAssignmentKind = z.infer<typeof roleAssignmentKindSchema>;

export const tenantFactsSchema = z
  .object({
    tenantId: z.string(),
    /**
     * Users holding a role that can install cloud sync (from Microsoft Graph): the Hybrid Identity Administrator
     * role's members, and with role assignments and PIM eligibility schedules also Global Administrators,
     * eligible holders and members of role-assignable groups. One entry per user, role, assignment and group.
     */
    hybridIdentityAdmins: z.array(
      z
        .object({
          userPrincipalName: z.string(),
          /** Graph userType: "Member" or "Guest". */
          userType: z.string(),
          /** Graph onPremisesSyncEnabled: true for synced users, null/false for cloud-only. */
          onPremisesSyncEnabled: z.boolean().nullable(),
          accountEnabled: z.boolean(),
          /** The role held; absent = Hybrid Identity Administrator (the role members list). */
          role: tenantAdminRoleSchema,
          /** How it is held; absent = active (the role members list shows active holders only). */
          assignment: roleAssignmentKindSchema,
          /** The role-assignable group through which the user holds the role; absent = assigned directly. */
          viaGroup: z.string(),
        })
        .partial()
        .required({ userPrincipalName: true }),
    ),
    /** Graph /domains. */
    domains: z.array(
      z
        .object({
          id: z.string(),
          isVerified: z.boolean(),
          isDefault: z.boolean(),
          isInitial: z.boolean(),
          authenticationType: z.string(),
        })
        .partial()
        .required({ id: true }),
    ),
    /** Optional features used or planned (group provisioning to AD, Exchange hybrid writeback). */
    featuresUsed: tenantFeaturesSchema,
    /** The tenant holds Microsoft Entra ID P1 (or a licence that includes it, such as P2 or Microsoft 365 E3/E5). */
    entraIdP1: z.boolean(),
    /** Microsoft Entra Connect Sync in this tenant: whether it also runs, and its version (e.g. "2.4.131.0"). */
    connectSync: z.object({ inUse: z.boolean(), version: z.string() }).partial(),
    /** Manual attestations recorded in the UI. */
    attestations: z.array(
      z.object({
        key: tenantAttestationKeySchema,
        attested: z.boolean(),
        by: z.string(),
        at: isoDateTime,
        note: z.string().optional(),
      }),
    ),
    collectedAt: isoDateTime,
  })
  .partial();

export type TenantFacts = z.infer<typeof tenantFactsSchema>;

export type TenantAttestation = NonNullable<TenantFacts["attestations"]>[number];

/**
 * Tenant facts as every rule evaluation sees them: the uploaded tenant facts plus the attestations
 * recorded in the UI, which win per key over any in the file.
 */
export function withRecordedAttestations(tenant: TenantFacts | undefined, recorded: readonly TenantAttestation[]): TenantFacts | undefined {
  if (recorded.length === 0) return tenant;
  const fromFile = (tenant?.attestations ?? []).filter((a) => !recorded.some((b) => b.key === a.key));
  return { ...(tenant ?? {}), attestations: [...fromFile, ...recorded] };
}

/** An attestation as stored (note optional), shaped for the facts. */
export function toTenantAttestation(a: { key: TenantAttestationKey; attested: boolean; by: string; at: string; note?: string | null }): TenantAttestation {
  return { key: a.key, attested: a.attested, by: a.by, at: a.at, ...(a.note ? { note: a.note } : {}) };
}
