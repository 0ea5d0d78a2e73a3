import type { Ace, AclFacts, DomainAttestationKey, DomainFacts, ScopeFacts, TenantFacts } from "@/lib/facts";
import { AD_RIGHTS, domainAttestationKeySchema, EMPTY_GUID, GUIDS } from "@/lib/facts";
import { guid, hoursBefore, type DemoDomain } from "./profiles";
import type { Random } from "./prng";

export const GMSA_NAME = "provAgentgMSA$";
export const AGENT_GROUP = "Cloud Sync Agents";

function ace(identity: string, rights: number, inheritanceType: Ace["inheritanceType"], objectType = EMPTY_GUID, inheritedObjectType = EMPTY_GUID, accessType: Ace["accessType"] = "allow"): Ace {
  return { identity, rights, accessType, objectType, inheritedObjectType, inheritanceType, isInherited: false };
}

/** The documented custom-gMSA permission table (reference §3.1), plus PHS and password writeback. */
function gmsaAces(account: string, withWriteback: boolean, withGroupProvisioning = false): Ace[] {
  const aces = [
    ace(account, AD_RIGHTS.ReadProperty, "Descendents", EMPTY_GUID, GUIDS.device),
    ace(account, AD_RIGHTS.ReadProperty, "Descendents", EMPTY_GUID, GUIDS.inetOrgPerson),
    ace(account, AD_RIGHTS.ReadProperty, "Descendents", EMPTY_GUID, GUIDS.computer),
    ace(account, AD_RIGHTS.ReadProperty, "Descendents", EMPTY_GUID, GUIDS.foreignSecurityPrincipal),
    ace(account, AD_RIGHTS.GenericAll, "Descendents", EMPTY_GUID, GUIDS.group),
    ace(account, AD_RIGHTS.ReadProperty, "Descendents", EMPTY_GUID, GUIDS.user),
    ace(account, AD_RIGHTS.ReadProperty, "Descendents", EMPTY_GUID, GUIDS.contact),
    ace(account, AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, "All", GUIDS.user),
    ace(account, AD_RIGHTS.ExtendedRight, "None", GUIDS.replicatingDirectoryChanges),
    ace(account, AD_RIGHTS.ExtendedRight, "None", GUIDS.replicatingDirectoryChangesAll),
  ];
  if (withGroupProvisioning) {
    // UserGroupCreateDelete: create/delete groups (users are in the custom table), read/write descendant users.
    aces.push(
      ace(account, AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, "All", GUIDS.group),
      ace(account, AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty, "Descendents", EMPTY_GUID, GUIDS.user),
    );
  }
  if (withWriteback) {
    aces.push(
      ace(account, AD_RIGHTS.ExtendedRight, "Descendents", GUIDS.resetPassword, GUIDS.user),
      ace(account, AD_RIGHTS.WriteProperty, "Descendents", GUIDS.lockoutTime, GUIDS.user),
      ace(account, AD_RIGHTS.WriteProperty, "Descendents", GUIDS.pwdLastSet, GUIDS.user),
      ace(account, AD_RIGHTS.ExtendedRight, "None", GUIDS.unexpirePassword),
    );
  }
  return aces;
}

/** Principals that sit on every domain root, so the export looks like a real one. */
function builtinAces(domain: DemoDomain): Ace[] {
  return [
    ace(`${domain.netbiosName}\\Domain Admins`, AD_RIGHTS.GenericAll, "All"),
    ace("NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS", AD_RIGHTS.ExtendedRight, "None", GUIDS.replicatingDirectoryChangesAll),
    ace("NT AUTHORITY\\Authenticated Users", AD_RIGHTS.GenericRead, "None"),
    ace("BUILTIN\\Administrators", AD_RIGHTS.ExtendedRight, "None", GUIDS.replicatingDirectoryChanges),
  ];
}

export interface DomainSetup {
  /** NetBIOS names (upper-case, no "$") of the servers that already run an agent. */
  agentHosts: readonly string[];
  /** NetBIOS names of servers added to the agent group (pilot candidates). */
  pilotHosts: readonly string[];
  /** Servers generated in the domain (sizes the sync scope). */
  serverCount: number;
}

function domainController(name: string, build: number, caption: string, rsat: boolean) {
  return { name, osCaption: caption, osBuild: build, rsatAdPowerShell: rsat };
}

/** Per-domain attestations (issue 14), a week before the facts; deterministic (no PRNG draw). */
function attestations(domain: DemoDomain, asOf: string, attested: (key: DomainAttestationKey) => boolean): DomainFacts["attestations"] {
  return domainAttestationKeySchema.options.map((key) => ({ key, attested: attested(key), by: `ad-team@${domain.dnsName}`, at: hoursBefore(asOf, 24 * 7) }));
}

export function generateDomainFacts(random: Random, domain: DemoDomain, setup: DomainSetup, asOf: string): DomainFacts {
  const { dnsName, netbiosName, distinguishedName } = domain;
  const dc = (n: number) => `dc${String(n).padStart(2, "0")}.${dnsName}`;
  const base: DomainFacts = {
    dnsName,
    netbiosName,
    distinguishedName,
    forestName: dnsName,
    groupMemberships: {},
    collectedAt: hoursBefore(asOf, random.int(2, 48)),
  };
  const gmsa = {
    samAccountName: GMSA_NAME,
    distinguishedName: `CN=${GMSA_NAME.slice(0, -1)},CN=Managed Service Accounts,${distinguishedName}`,
    sid: `${domain.sidPrefix}-${random.int(5000, 9000)}`,
    principalsAllowedToRetrievePassword: [
      ...setup.agentHosts.map((host) => `${netbiosName}\\${host}$`),
      `${netbiosName}\\${AGENT_GROUP}`,
    ],
  };
  const memberships: Record<string, string[]> = {};
  for (const host of setup.pilotHosts) memberships[`${netbiosName}\\${host}$`] = [`${netbiosName}\\${AGENT_GROUP}`];

  switch (domain.profile) {
    case "healthy":
      return {
        ...base,
        schemaVersion: 88,
        functionalLevels: { domain: 7, forest: 7 },
        domainControllers: [
          domainController(dc(1), 20348, "Microsoft Windows Server 2022 Datacenter", true),
          domainController(dc(2), 20348, "Microsoft Windows Server 2022 Datacenter", true),
          domainController(dc(3), 17763, "Microsoft Windows Server 2019 Datacenter", false),
        ],
        kdsRootKeys: [{ id: guid(random), effectiveTime: "2021-03-15T09:12:44Z", createdTime: "2021-03-15T09:12:44Z" }],
        protectedObjects: { inheritanceDisabledCount: 0, adminCountCount: 0, samples: [] },
        gmsa,
        groupMemberships: memberships,
        attestations: attestations(domain, asOf, () => true),
      };
    case "mixed":
      return {
        ...base,
        schemaVersion: 88,
        functionalLevels: { domain: 6, forest: 6 },
        domainControllers: [
          domainController(dc(1), 17763, "Microsoft Windows Server 2019 Standard", true),
          domainController(dc(2), 9600, "Microsoft Windows Server 2012 R2 Standard", false),
        ],
        kdsRootKeys: [{ id: guid(random), effectiveTime: hoursBefore(asOf, 24 * 40), createdTime: hoursBefore(asOf, 24 * 40) }],
        protectedObjects: {
          inheritanceDisabledCount: 37,
          adminCountCount: 45,
          samples: [`CN=svc-backup,OU=Service Accounts,${distinguishedName}`, `CN=j.admin,OU=Admins,${distinguishedName}`],
        },
        gmsa,
        groupMemberships: memberships,
        // Exchange hybrid writeback is on here (generateScopeFacts): the schema carries Exchange 2019's.
        exchangeSchemaVersion: 17003,
        attestations: attestations(domain, asOf, (key) => key !== "privileged-access-workstations"),
      };
    default:
      // Legacy: 2012 R2 schema and DCs, no KDS root key, no gMSA yet.
      return {
        ...base,
        schemaVersion: 69,
        functionalLevels: { domain: 6, forest: 6 },
        domainControllers: [
          domainController(dc(1), 9600, "Microsoft Windows Server 2012 R2 Standard", false),
          domainController(dc(2), 14393, "Microsoft Windows Server 2016 Standard", true),
        ],
        kdsRootKeys: [],
        protectedObjects: { inheritanceDisabledCount: 4, adminCountCount: 19, samples: [`CN=Administrator,CN=Users,${distinguishedName}`] },
      };
  }
}

/** The gMSA's ACL export at the domain root, or undefined when there is no gMSA yet (legacy). */
export function generateAclFacts(random: Random, domain: DemoDomain, gmsaSid: string | undefined, asOf: string): AclFacts | undefined {
  if (domain.profile === "legacy" || gmsaSid === undefined) return undefined;
  const account = `${domain.netbiosName}\\${GMSA_NAME}`;
  const aces = [...builtinAces(domain), ...gmsaAces(account, domain.profile === "healthy", domain.profile === "healthy")];
  if (domain.profile === "mixed") {
    // Someone granted the gMSA far more than it needs.
    aces.push(ace(account, AD_RIGHTS.GenericAll, "All"));
  }
  return { targetDn: domain.distinguishedName, account, accountSid: gmsaSid, aces, collectedAt: hoursBefore(asOf, random.int(2, 48)) };
}

export function generateScopeFacts(random: Random, domain: DemoDomain, setup: DomainSetup): ScopeFacts {
  const ouCount = domain.profile === "legacy" ? 55 : random.int(3, 9);
  const ous = Array.from({ length: ouCount }, (_, i) => `OU=${domain.sites[i % domain.sites.length].toUpperCase()}-${i + 1},OU=Users,${domain.distinguishedName}`);
  const usersPerServer = domain.profile === "legacy" ? 40 : random.int(4, 12);
  return {
    configurations: [
      {
        name: `${domain.netbiosName} users`,
        domain: domain.dnsName,
        ous,
        groups: domain.profile === "mixed" ? [{ name: "All Staff", memberCount: 48_500 }, { name: "Contractors", memberCount: 1_800 }] : [],
        passwordHashSync: true,
        passwordWriteback: domain.profile === "healthy",
        // Issue 14: healthy domains provision Entra ID groups to AD, mixed ones write Exchange attributes back.
        ...(domain.profile === "healthy"
          ? { groupProvisioning: true, groupProvisioningScope: { mode: "selected-groups" as const, groupCount: 240, membershipCount: 18_500, largestGroupMembers: 2_100 } }
          : {}),
        ...(domain.profile === "mixed" ? { exchangeHybridWriteback: true } : {}),
        inetOrgPersonCount: domain.profile === "legacy" ? 14 : 0,
        // Healthy and mixed domains stay under the documented 150,000 objects per domain whatever the fleet size;
        // legacy domains go over it.
        objectCount:
          domain.profile === "legacy"
            ? 150_000 + Math.max(2_500, setup.serverCount * usersPerServer)
            : Math.min(120_000, Math.max(2_500, setup.serverCount * usersPerServer)),
      },
    ],
  };
}

/** Registrable name: "corp.contoso.com" -> "contoso.com". */
function rootOf(dnsName: string): string {
  return dnsName.split(".").slice(-2).join(".");
}

export function generateTenantFacts(random: Random, domains: readonly DemoDomain[], asOf: string): TenantFacts {
  const roots = [...new Set(domains.map((d) => rootOf(d.dnsName)))];
  const primary = roots[0] ?? "contoso.com";
  const initial = `${primary.split(".")[0]}.onmicrosoft.com`;
  return {
    tenantId: guid(random),
    hybridIdentityAdmins: [
      { userPrincipalName: `hybrid-admin@${initial}`, userType: "Member", onPremisesSyncEnabled: null, accountEnabled: true },
      { userPrincipalName: `j.doe@${primary}`, userType: "Member", onPremisesSyncEnabled: true, accountEnabled: true },
    ],
    domains: [
      ...roots.map((id, index) => ({ id, isVerified: index === 0, isDefault: index === 0, isInitial: false, authenticationType: "Managed" })),
      { id: initial, isVerified: true, isDefault: false, isInitial: true, authenticationType: "Managed" },
    ],
    // Group provisioning to AD needs P1; Connect Sync still runs beside cloud sync during the migration.
    entraIdP1: true,
    connectSync: { inUse: true, version: "2.4.131.0" },
    attestations: [{ key: "idfix-run", attested: true, by: `j.doe@${primary}`, at: hoursBefore(asOf, 24 * 14), note: "IdFix run on all in-scope OUs; 3 errors fixed." }],
    collectedAt: hoursBefore(asOf, random.int(1, 24)),
  };
}
