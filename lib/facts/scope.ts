import { z } from "zod";

/** Group provisioning to AD: how groups are scoped and how big the scope (and tenant) is. */
export const groupProvisioningScopeSchema = z
  .object({
    /** "selected-groups": Selected security groups; "all-groups": All security groups (with or without attribute filters). */
    mode: z.enum(["selected-groups", "all-groups"]),
    /** With "all-groups": at least one attribute scoping filter is configured. */
    attributeFilter: z.boolean(),
    /** Groups in scope. */
    groupCount: z.number().int().nonnegative(),
    /** Direct memberships of the groups in scope. */
    membershipCount: z.number().int().nonnegative(),
    /** Members of the largest group in scope. */
    largestGroupMembers: z.number().int().nonnegative(),
    /** Tenant totals (the "all security groups" mode is supported only below documented tenant sizes). */
    tenantUsers: z.number().int().nonnegative(),
    tenantGroups: z.number().int().nonnegative(),
    tenantMemberships: z.number().int().nonnegative(),
  })
  .partial();
export type GroupProvisioningScope = z.infer<typeof groupProvisioningScopeSchema>;

export const syncConfigurationSchema = z
  .object({
    name: z.string(),
    /** Lower-case DNS name of the AD domain this configuration syncs. */
    domain: z.string(),
    /** Separate OUs in the scoping filter (DNs). */
    ous: z.array(z.string()),
    /** Security groups in the scoping filter, with member counts when known. */
    groups: z.array(z.object({ name: z.string(), memberCount: z.number().int().nonnegative().optional() })),
    passwordHashSync: z.boolean(),
    passwordWriteback: z.boolean(),
    inetOrgPersonCount: z.number().int().nonnegative(),
    objectCount: z.number().int().nonnegative(),
    /** This configuration provisions Entra ID security groups to this AD domain (group provisioning to AD). */
    groupProvisioning: z.boolean(),
    /** Exchange hybrid writeback is on for this configuration. */
    exchangeHybridWriteback: z.boolean(),
    /** Group provisioning to AD: scoping mode and sizes, judged against the documented scale limits. */
    groupProvisioningScope: groupProvisioningScopeSchema,
  })
  .partial()
  .required({ name: true });
export type SyncConfiguration = z.infer<typeof syncConfigurationSchema>;

export const scopeFactsSchema = z
  .object({
    configurations: z.array(syncConfigurationSchema),
  })
  .partial();

export type ScopeFacts = z.infer<typeof scopeFactsSchema>;
