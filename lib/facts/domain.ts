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

/**
 * What someone attests per domain (no command can collect it): an admin with Domain Admin or Enterprise Admin
 * credentials will create the gMSA, and the hardening recommendations for the agent servers are in place.
 */
export const domainAttestationKeySchema = z.enum([
  "gmsa-admin-credentials",
  "restricted-admin-access",
  "dedicated-admin-accounts",
  "privileged-access-workstations",
  "admin-mfa",
  "laps",
]);
export type DomainAttestationKey = z.infer<typeof domainAttestationKeySchema>;

export const domainAttestationSchema = z.object({
  key: domainAttestationKeySchema,
  attested: z.boolean(),
  by: z.string(),
  at: isoDateTime,
  note: z.string().optional(),
});
export type DomainAttestation = z.infer<typeof domainAttestationSchema>;

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
    /**
     * rangeUpper of ms-Exch-Schema-Version-Pt in the forest schema (the Exchange schema version); null when the
     * attribute does not exist (the schema was never extended for Exchange).
     */
    exchangeSchemaVersion: z.number().int().nonnegative().nullable(),
    /** How the agent's gMSA will be created: `customGmsa` = a pre-created gMSA with custom permissions (no installer-created account). */
    gmsaPlan: z.object({ customGmsa: z.boolean() }).partial(),
    /** Attestations for this domain (uploaded with the domain facts). */
    attestations: z.array(domainAttestationSchema),
    collectedAt: isoDateTime,
  })
  .partial();

export type DomainFacts = z.infer<typeof domainFactsSchema>;

/**
 * Domain facts as every rule evaluation sees them: the uploaded facts plus the attestations recorded in the app for
 * this domain, which win per key over any in the file. A domain without uploaded facts gets `{ dnsName, attestations }`.
 */
export function withRecordedDomainAttestations(
  domain: DomainFacts | undefined,
  dnsName: string,
  recorded: readonly DomainAttestation[],
): DomainFacts | undefined {
  if (recorded.length === 0) return domain;
  const fromFile = (domain?.attestations ?? []).filter((a) => !recorded.some((b) => b.key === a.key));
  return { ...(domain ?? { dnsName }), attestations: [...fromFile, ...recorded] };
}
