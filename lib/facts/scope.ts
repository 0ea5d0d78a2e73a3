import { z } from "zod";

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
