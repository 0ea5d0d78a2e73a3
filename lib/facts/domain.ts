import { z } from "zod";
import { isoDateTime } from "./common";

export const domainControllerSchema = z
  .object({
    name: z.string(),
    osCaption: z.string(),
    osBuild: z.number().int().nonnegative(),
    /** RSAT AD PowerShell module (RSAT-AD-PowerShell) installed on this DC. */
    rsatAdPowerShell: z.boolean(),
  })
  .partial()
  .required({ name: true });
export type DomainController = z.infer<typeof domainControllerSchema>;

export const kdsRootKeySchema = z
  .object({
    id: z.string(),
    effectiveTime: isoDateTime,
    createdTime: isoDateTime,
  })
  .partial()
  .required({ effectiveTime: true });

export const domainFactsSchema = z
  .object({
    /** Lower-case DNS name, e.g. "corp.contoso.com". */
    dnsName: z.string(),
    netbiosName: z.string(),
    /** e.g. "DC=corp,DC=contoso,DC=com". */
    distinguishedName: z.string(),
    forestName: z.string(),
    /** objectVersion of CN=Schema,CN=Configuration,<forest>. */
    schemaVersion: z.number().int().nonnegative(),
    domainControllers: z.array(domainControllerSchema),
    /** Where the collector read the domain: the machine, whether it is a DC, and whether RSAT-AD-PowerShell is installed there. */
    collectedOn: z
      .object({
        computerName: z.string(),
        fqdn: z.string(),
        isDomainController: z.boolean(),
        rsatAdPowerShell: z.boolean(),
        /** How RSAT-AD-PowerShell was detected (Get-WindowsFeature, Get-WindowsCapability or the module list). */
        rsatMethod: z.string(),
      })
      .partial(),
    /** Every KDS root key in the forest; an empty array means "collected, none exists". */
    kdsRootKeys: z.array(kdsRootKeySchema),
    /** msDS-Behavior-Version numbers: 0 2000, 2 2003, 3 2008, 4 2008 R2, 5 2012, 6 2012 R2, 7 2016, 10 2025. */
    functionalLevels: z
      .object({ domain: z.number().int().nonnegative(), forest: z.number().int().nonnegative() })
      .partial(),
    /** Objects in sync scope whose inheritance is disabled, or that AdminSDHolder protects (adminCount=1). */
    protectedObjects: z
      .object({
        inheritanceDisabledCount: z.number().int().nonnegative(),
        adminCountCount: z.number().int().nonnegative(),
        /** A few DNs for evidence. */
        samples: z.array(z.string()),
      })
      .partial(),
    /** The provisioning agent's gMSA. */
    gmsa: z
      .object({
        /** sAMAccountName, e.g. "provAgentgMSA$". */
        samAccountName: z.string(),
        distinguishedName: z.string(),
        sid: z.string(),
        /** PrincipalsAllowedToRetrieveManagedPassword (names as DOMAIN\name, or SIDs). */
        principalsAllowedToRetrievePassword: z.array(z.string()),
      })
      .partial(),
    /**
     * Group memberships used to resolve ACL grants and gMSA password retrieval:
     * principal (DOMAIN\name, name or SID) -> the groups it belongs to (transitively when the collector could tell).
     */
    groupMemberships: z.record(z.string(), z.array(z.string())),
    /**
     * Objects whose ACL the collector tried to read but could not (not found, no permission), with its error, so
     * the gMSA ACL rules can say why they have no export to judge.
     */
    aclErrors: z.array(z.object({ targetDn: z.string(), message: z.string() })),
    collectedAt: isoDateTime,
  })
  .partial();

export type DomainFacts = z.infer<typeof domainFactsSchema>;
