import { z } from "zod";
import { psArray, psDate, psEnum, psInt } from "./ps-quirks";

/**
 * The JSON written by collector/Get-CloudSyncReadiness.ps1 (see docs/collector.md).
 *
 * Conventions:
 * - a section (host.os, host.tls, domain.gmsa...) is `null` when its probe failed: "not collected"
 *   (the reason is in `errors`); a missing key means the same;
 * - inside a section, `null` on a registry value means "collected, and the value/key is absent";
 * - strict about types, lenient about unknown extra properties (they are ignored), tolerant of Windows
 *   PowerShell 5.1 ConvertTo-Json quirks (see ps-quirks.ts).
 * A unit test keeps the keys here and the `[ordered]@{}` literals of the script identical.
 */

export const COLLECTOR_NAME = "Get-CloudSyncReadiness";
/** The version the shipped collector writes. 2 added `domain.acls` (the DACLs of the domain root and of -ScopeOU OUs). */
export const COLLECTOR_SCHEMA_VERSION = 2;
/** Every version this app reads; a version-1 report is a version-2 report without `domain.acls`. */
export const SUPPORTED_COLLECTOR_SCHEMA_VERSIONS: readonly number[] = [1, COLLECTOR_SCHEMA_VERSION];

const text = z.string().nullable();
/** A registry DWORD: the number, or null when the value or its key does not exist. */
const dword = z.number().int().nonnegative().nullable();
const count = z.number().int().nonnegative();

/** Microsoft.PowerShell.ExecutionPolicy (Default = Restricted = 3). */
export const EXECUTION_POLICIES = [
  "Unrestricted",
  "RemoteSigned",
  "AllSigned",
  "Restricted",
  "Bypass",
  "Undefined",
  "Default",
] as const;
const executionPolicy = psEnum(EXECUTION_POLICIES, {
  0: "Unrestricted",
  1: "RemoteSigned",
  2: "AllSigned",
  3: "Restricted",
  4: "Bypass",
  5: "Undefined",
});

/** Microsoft.PowerShell.ExecutionPolicyScope. */
const executionPolicyScope = psEnum(["Process", "CurrentUser", "LocalMachine", "UserPolicy", "MachinePolicy"], {
  0: "Process",
  1: "CurrentUser",
  2: "LocalMachine",
  3: "UserPolicy",
  4: "MachinePolicy",
});

/** Win32_ComputerSystem.DomainRole. */
export const DOMAIN_ROLES = [
  "StandaloneWorkstation",
  "MemberWorkstation",
  "StandaloneServer",
  "MemberServer",
  "BackupDomainController",
  "PrimaryDomainController",
] as const;
const domainRole = psEnum(DOMAIN_ROLES, {
  0: "StandaloneWorkstation",
  1: "MemberWorkstation",
  2: "StandaloneServer",
  3: "MemberServer",
  4: "BackupDomainController",
  5: "PrimaryDomainController",
});

/** Win32_Service.StartMode, or System.ServiceProcess.ServiceStartMode (Get-Service StartType) by number or name. */
const startMode = psEnum(
  ["Boot", "System", "Auto", "Manual", "Disabled"],
  { 0: "Boot", 1: "System", 2: "Auto", 3: "Manual", 4: "Disabled" },
  { Automatic: "Auto" },
);

const serviceState = z
  .object({ name: text, exists: z.boolean(), startMode: startMode.nullable(), state: text })
  .partial();

const identity = z
  .object({
    computerName: text,
    fqdn: text,
    /** DNS domain the host is joined to; null on a workgroup host. */
    domain: text,
    /** The computer's AD object (LDAP lookup); null when the lookup failed or the host is not domain-joined. */
    computerAccount: z
      .object({
        accountName: text,
        netbiosDomain: text,
        sid: text,
        objectGuid: text,
        distinguishedName: text,
      })
      .partial()
      .nullable(),
  })
  .partial();

const os = z
  .object({
    caption: text,
    version: text,
    buildNumber: psInt(z.number().int().nonnegative()).nullable(),
    ubr: dword,
    /** Win32_OperatingSystem.ProductType: 1 workstation, 2 domain controller, 3 server. */
    productType: psInt(z.number().int().min(1).max(3)).nullable(),
    operatingSystemSku: psInt().nullable(),
    osArchitecture: text,
    /** Registry CurrentVersion\InstallationType: "Client", "Server", "Server Core"... */
    installationType: text,
    /** Registry CurrentVersion\Server\ServerLevels DWORDs (null when absent, e.g. on clients). */
    serverLevels: z
      .object({ nanoServer: dword, serverCore: dword, serverGuiMgmt: dword, serverGuiShell: dword })
      .partial()
      .nullable(),
  })
  .partial();

const domainMembership = z
  .object({ partOfDomain: z.boolean(), domainRole: domainRole.nullable(), domain: text })
  .partial();

const memory = z
  .object({ totalPhysicalBytes: z.number().nonnegative().nullable(), installedBytes: z.number().nonnegative().nullable() })
  .partial();

const executionPolicySection = z
  .object({
    /** Get-ExecutionPolicy in the collector's own process (includes a Process-scope Bypass). */
    effective: executionPolicy.nullable(),
    scopes: psArray(z.object({ scope: executionPolicyScope, policy: executionPolicy })).nullable(),
  })
  .partial();

const schannelValues = z.object({ enabled: dword, disabledByDefault: dword }).partial();
const dotnetTlsValues = z.object({ schUseStrongCrypto: dword, systemDefaultTlsVersions: dword }).partial();

const tls = z
  .object({
    schannelTls12: z.object({ client: schannelValues.nullable(), server: schannelValues.nullable() }).partial().nullable(),
    dotnet64: dotnetTlsValues.nullable(),
    dotnet32: dotnetTlsValues.nullable(),
  })
  .partial();

const ntlm = z.object({ restrictSendingNtlmTraffic: dword, restrictNtlmInDomain: dword }).partial();

const services = z.object({ vaultSvc: serviceState.nullable() }).partial();

const hotfixes = z.object({ source: text, ids: psArray(z.string()).nullable() }).partial();

const agent = z
  .object({
    installed: z.boolean(),
    version: text,
    fileVersion: text,
    displayName: text,
    displayVersion: text,
    installDir: text,
    registryKeyPresent: z.boolean(),
    service: serviceState.nullable(),
  })
  .partial();

const networkCheck = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  category: z.enum(["service", "registration", "certificate-validation", "domain-controller"]).nullable().optional(),
  pattern: text.optional(),
  /** True for the optional port 8080 check. */
  optional: z.boolean().optional(),
  reachable: z.boolean(),
  latencyMs: z.number().nonnegative().nullable().optional(),
  error: text.optional(),
  /**
   * The path the probe took (collector 1.2 and later; absent before, meaning direct): "direct" (a TCP connection)
   * or "proxy" (an HTTP CONNECT for 443 and 8080, a plain HEAD request for 80, through the WinHTTP proxy).
   */
  via: z.enum(["direct", "proxy"]).nullable().optional(),
  /** host:port of the proxy used (via "proxy"). */
  proxy: text.optional(),
  /** The proxy's status line, e.g. "HTTP/1.1 200 Connection established", or the error talking to it. */
  proxyStatus: text.optional(),
});

const network = z
  .object({
    cloud: psEnum(["Public", "USGov"]),
    timeoutMs: count.nullable(),
    skipped: z.boolean(),
    /** null when skipped (-SkipNetwork) or when the probe failed. */
    checks: psArray(networkCheck).nullable(),
    proxy: z
      .object({ source: z.enum(["registry", "netsh"]).nullable(), configured: z.boolean(), address: text, bypass: text })
      .partial()
      .nullable(),
    /** TCP 389/3268 to each domain controller (group provisioning to AD); added in collector 1.1.x without a schema bump, so older reports lack it. */
    domainControllerChecks: psArray(networkCheck).nullable(),
  })
  .partial();

/** Windows Firewall outbound rules that filter by user (added without a schema bump: older reports lack it). */
const firewall = z
  .object({ filtersByUser: z.boolean().nullable(), userFilteredRules: count.nullable(), networkServiceAllowed: z.boolean().nullable() })
  .partial();

const inventory = z
  .object({ tier0: z.boolean().nullable(), site: text, owner: text, tags: psArray(z.string()).nullable() })
  .partial();

const hostSection = z
  .object({
    identity: identity.nullable(),
    os: os.nullable(),
    domainMembership: domainMembership.nullable(),
    memory: memory.nullable(),
    dotnet: z.object({ release: dword }).partial().nullable(),
    executionPolicy: executionPolicySection.nullable(),
    tls: tls.nullable(),
    ntlm: ntlm.nullable(),
    services: services.nullable(),
    hotfixes: hotfixes.nullable(),
    agent: agent.nullable(),
    network: network.nullable(),
    inventory: inventory.nullable(),
    firewall: firewall.nullable(),
  })
  .partial();

const adPrincipal = z.object({ name: text, sid: text, distinguishedName: text }).partial();

/** A failed probe, as in `errors` (also written on the object it concerns, e.g. one ACL). */
const probeError = z.object({ probe: z.string(), message: z.string() });

/**
 * An enum of System.DirectoryServices.ActiveDirectoryAccessRule by name (what the script writes) or, after a
 * PowerShell 5.1 round trip without `.ToString()`, by number. The values are mapped by lib/ingest/acl, the same
 * code that reads Get-Acl exports.
 */
const aceEnum = z.union([z.string().min(1), z.number().int()]);

/** One ActiveDirectoryAccessRule of a DACL. */
const accessRule = z.object({
  /** DOMAIN\name (NTAccount), or the SID when it cannot be translated. */
  identityReference: z.string().min(1),
  sid: text.optional(),
  /** ActiveDirectoryRights as the unsigned 32-bit access mask (GenericAll = 983551). */
  activeDirectoryRights: z.number().int().nonnegative().max(0xffffffff),
  /** "Allow" | "Deny". */
  accessControlType: aceEnum,
  /** Lower-case GUID; all zeros = every property / right. */
  objectType: z.string(),
  /** Lower-case GUID; all zeros = every class. */
  inheritedObjectType: z.string(),
  /** ActiveDirectorySecurityInheritance name: None, All, Descendents, SelfAndChildren, Children. */
  inheritanceType: aceEnum,
  isInherited: z.boolean(),
});

/** The DACL of one directory object (-IncludeDomain: the domain root, then each -ScopeOU). */
const aclObject = z.object({
  distinguishedName: z.string().min(1),
  role: psEnum(["domainRoot", "scopeOU"]).nullable().optional(),
  /** True when the DACL is protected (inheritance from the parent disabled); null when it could not be read. */
  protected: z.boolean().nullable().optional(),
  /** Every ACE, explicit and inherited; null when the object could not be read (see `error`). */
  accessRules: psArray(accessRule).nullable().optional(),
  error: probeError.nullable().optional(),
});

const domainSection = z
  .object({
    dnsName: text,
    netbiosName: text,
    distinguishedName: text,
    forestName: text,
    schemaVersion: count.nullable(),
    domainFunctionalLevel: count.nullable(),
    forestFunctionalLevel: count.nullable(),
    domainControllers: psArray(
      z.object({
        name: z.string().min(1),
        hostName: text.optional(),
        site: text.optional(),
        operatingSystem: text.optional(),
        operatingSystemVersion: text.optional(),
        rsatAdPowerShell: z.boolean().nullable().optional(),
      }),
    ).nullable(),
    kdsRootKeys: psArray(z.object({ id: text.optional(), effectiveTime: psDate, creationTime: psDate.nullable().optional() })).nullable(),
    protectedObjects: z
      .object({
        adminCountCount: count,
        inheritanceDisabledCount: count,
        scanned: count,
        truncated: z.boolean(),
        samples: psArray(z.string()),
      })
      .partial()
      .nullable(),
    gmsa: z
      .object({
        requestedName: text,
        found: z.boolean(),
        samAccountName: text,
        distinguishedName: text,
        sid: text,
        principalsAllowedToRetrievePassword: psArray(adPrincipal),
      })
      .partial()
      .nullable(),
    groupMemberships: psArray(
      z.object({
        principal: text.optional(),
        sid: text.optional(),
        distinguishedName: text.optional(),
        method: text.optional(),
        groups: psArray(z.object({ name: text, sid: text }).partial()),
      }),
    ).nullable(),
    /** schemaVersion 2: the DACLs read for the gMSA ACL rules; null when the probe failed as a whole. */
    acls: psArray(aclObject).nullable(),
    /** Where the domain section was collected, and whether RSAT-AD-PowerShell is installed there (DC or not). */
    collectedOn: z
      .object({
        computerName: text,
        fqdn: text,
        domain: text.nullable(),
        isDomainController: z.boolean(),
        rsatAdPowerShell: z.boolean().nullable(),
        rsatMethod: text.nullable(),
      })
      .partial()
      .nullable(),
    /** rangeUpper of ms-Exch-Schema-Version-Pt; null when not extended or not read (errors tell which). Added without a schema bump. */
    exchangeSchemaVersion: count.nullable(),
  })
  .partial();

export const collectorOutputSchema = z.object({
  schemaVersion: z.union([z.literal(1), z.literal(2)]),
  collector: z.object({
    name: z.literal(COLLECTOR_NAME, { error: `collector.name must be "${COLLECTOR_NAME}"` }),
    version: z.string().min(1),
    psVersion: text.optional(),
    runAt: psDate,
    readOnly: z.boolean().optional(),
    elevated: z.boolean().nullable().optional(),
  }),
  host: hostSection,
  /** Absent without -IncludeDomain; null when -IncludeDomain was given but the section could not be collected. */
  domain: domainSection.nullable().optional(),
  errors: psArray(probeError).nullable().optional(),
});

export type CollectorOutput = z.infer<typeof collectorOutputSchema>;
export type CollectorHost = CollectorOutput["host"];
export type CollectorDomain = NonNullable<CollectorOutput["domain"]>;
export type CollectorAclObject = NonNullable<CollectorDomain["acls"]>[number];
export type CollectorAccessRule = NonNullable<CollectorAclObject["accessRules"]>[number];

/** A problem in one collector output, located by JSON path relative to that output. */
export interface CollectorIssue {
  /** e.g. "host.network.checks[2].port"; "" for the document itself. */
  path: string;
  message: string;
}

export type CollectorParseResult = { ok: true; data: CollectorOutput } | { ok: false; issues: CollectorIssue[] };

/** ["host", "checks", 2, "port"] -> "host.checks[2].port". */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Validates one collector output; checks schemaVersion first so an unsupported version gets one clear message. */
export function parseCollectorOutput(raw: unknown): CollectorParseResult {
  if (!isRecord(raw)) {
    return { ok: false, issues: [{ path: "", message: `expected a JSON object written by ${COLLECTOR_NAME}` }] };
  }
  const version = raw.schemaVersion;
  if (version === undefined) {
    return { ok: false, issues: [{ path: "schemaVersion", message: `missing schemaVersion: not a ${COLLECTOR_NAME} output` }] };
  }
  if (typeof version !== "number" || !SUPPORTED_COLLECTOR_SCHEMA_VERSIONS.includes(version)) {
    return {
      ok: false,
      issues: [
        {
          path: "schemaVersion",
          message:
            `unsupported schemaVersion ${JSON.stringify(version)}: this version of Cloud Sync Readiness reads ` +
            `schemaVersion ${SUPPORTED_COLLECTOR_SCHEMA_VERSIONS.join(" and ")}; run the collector shipped with this version (docs/collector.md)`,
        },
      ],
    };
  }
  const result = collectorOutputSchema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message })),
  };
}
