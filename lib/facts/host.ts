import { z } from "zod";
import { cloudSchema, isoDateTime, registryDword } from "./common";

/** PowerShell execution policies (Microsoft.PowerShell.ExecutionPolicy). */
export const executionPolicySchema = z.enum([
  "Undefined",
  "Restricted",
  "AllSigned",
  "RemoteSigned",
  "Unrestricted",
  "Bypass",
  "Default",
]);
export type ExecutionPolicy = z.infer<typeof executionPolicySchema>;

/** `Get-ExecutionPolicy -List` scopes, highest precedence first. */
export const EXECUTION_POLICY_SCOPES = ["MachinePolicy", "UserPolicy", "Process", "CurrentUser", "LocalMachine"] as const;
export type ExecutionPolicyScope = (typeof EXECUTION_POLICY_SCOPES)[number];

const tlsEndpointValues = z
  .object({
    enabled: registryDword,
    disabledByDefault: registryDword,
  })
  .partial();

const dotnetTlsValues = z
  .object({
    schUseStrongCrypto: registryDword,
    systemDefaultTlsVersions: registryDword,
  })
  .partial();

export const networkCheckSchema = z.object({
  /** Concrete host name that was probed (wildcard requirements are probed through a representative host). */
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  reachable: z.boolean(),
  latencyMs: z.number().nonnegative().optional(),
  error: z.string().optional(),
  /**
   * The path the probe took: "direct" (a TCP connection to the host) or "proxy" (an HTTP CONNECT for 443, a plain
   * HEAD request for 80, through the proxy named in `proxy`). Absent: a direct probe (collectors before 1.2, CSV).
   */
  via: z.enum(["direct", "proxy"]).optional(),
  /** host:port of the proxy the probe went through (via "proxy"). */
  proxy: z.string().min(1).optional(),
  /** The proxy's answer: its HTTP status line ("HTTP/1.1 200 Connection established") or the error talking to it. */
  proxyStatus: z.string().min(1).optional(),
});
export type NetworkCheck = z.infer<typeof networkCheckSchema>;

export const hostFactsSchema = z
  .object({
    identity: z
      .object({
        /** Lower-case FQDN, e.g. "sync01.corp.contoso.com". */
        fqdn: z.string(),
        /** NetBIOS computer name, upper-case, e.g. "SYNC01". */
        netbiosName: z.string(),
        /** Lower-case DNS domain the host is joined to, e.g. "corp.contoso.com". */
        domain: z.string(),
        /** NetBIOS domain name, e.g. "CORP". */
        netbiosDomain: z.string(),
        /** Computer object's objectGUID (lower-case). */
        objectGuid: z.string(),
        /** Computer object's SID. */
        sid: z.string(),
      })
      .partial(),
    os: z
      .object({
        /** e.g. "Microsoft Windows Server 2022 Datacenter". */
        caption: z.string(),
        /** e.g. "10.0.20348". */
        version: z.string(),
        build: z.number().int().nonnegative(),
        /** Update build revision (the 4th version part). */
        ubr: z.number().int().nonnegative(),
        /** Registry InstallationType / Get-ComputerInfo WindowsInstallationType. */
        installationType: z.enum(["Client", "Server", "Server Core", "Nano Server"]),
        /** Get-ComputerInfo OsServerLevel (Microsoft.PowerShell.Commands.ServerLevel). */
        serverLevel: z.enum(["Unknown", "NanoServer", "ServerCore", "ServerCoreWithManagementTools", "FullServer"]),
        /** Win32_OperatingSystem.ProductType: 1 workstation, 2 domain controller, 3 member server. */
        productType: z.enum(["workstation", "domain-controller", "server"]),
        architecture: z.string(),
      })
      .partial(),
    domainMembership: z
      .object({
        partOfDomain: z.boolean(),
        /** Win32_ComputerSystem.DomainRole name, e.g. "MemberServer", "BackupDomainController". */
        domainRole: z.string(),
      })
      .partial(),
    memory: z
      .object({
        /** Memory visible to Windows (Win32_ComputerSystem.TotalPhysicalMemory / CsTotalPhysicalMemory), bytes. */
        totalPhysicalBytes: z.number().nonnegative(),
        /** Physically installed memory (CsPhysicallyInstalledMemory), bytes. */
        installedBytes: z.number().nonnegative(),
      })
      .partial(),
    dotnet: z
      .object({
        /** HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full\Release; null when absent. */
        release: registryDword,
      })
      .partial(),
    executionPolicy: z
      .object({
        /** Result of Get-ExecutionPolicy. */
        effective: executionPolicySchema,
        /** Get-ExecutionPolicy -List. */
        scopes: z
          .object({
            MachinePolicy: executionPolicySchema,
            UserPolicy: executionPolicySchema,
            Process: executionPolicySchema,
            CurrentUser: executionPolicySchema,
            LocalMachine: executionPolicySchema,
          })
          .partial(),
      })
      .partial(),
    tls: z
      .object({
        /** HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\{Client,Server}. */
        schannelTls12: z.object({ client: tlsEndpointValues, server: tlsEndpointValues }).partial(),
        /** HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319 (64-bit view). */
        dotnet64: dotnetTlsValues,
        /** HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319 (32-bit view). */
        dotnet32: dotnetTlsValues,
      })
      .partial(),
    ntlm: z
      .object({
        /** HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0\RestrictSendingNTLMTraffic (0 allow, 1 audit, 2 deny). */
        restrictSendingNtlmTraffic: registryDword,
        /** HKLM\SYSTEM\CurrentControlSet\Services\Netlogon\Parameters\RestrictNTLMInDomain (domain controllers). */
        restrictNtlmInDomain: registryDword,
      })
      .partial(),
    services: z
      .object({
        /** Credential Manager service start mode; null when the service does not exist. */
        vaultSvc: z.enum(["Auto", "Manual", "Disabled"]).nullable(),
      })
      .partial(),
    /** True when the host is managed as a Tier 0 / control-plane asset. */
    tier0: z.boolean(),
    network: z
      .object({
        cloud: cloudSchema,
        checks: z.array(networkCheckSchema),
        /**
         * TCP probes from this host to its domain's domain controllers on 389 (LDAP) and 3268 (global catalog),
         * which group provisioning to AD needs; `host` is the DC's name.
         */
        domainControllerChecks: z.array(networkCheckSchema),
        proxy: z
          .object({
            configured: z.boolean(),
            address: z.string(),
            bypass: z.string(),
          })
          .partial(),
      })
      .partial(),
    /** Host or network firewall between this host and the internet, as far as it matters to the agent. */
    firewall: z
      .object({
        /** The firewall filters outbound traffic by the originating user (or service account). */
        filtersByUser: z.boolean(),
        /** Outbound traffic of services running as Network Service is allowed. */
        networkServiceAllowed: z.boolean(),
      })
      .partial(),
    /** Installed hotfix ids, upper-case ("KB5070773"). */
    hotfixes: z.array(z.string()),
    agent: z
      .object({
        installed: z.boolean(),
        /** e.g. "1.1.2505.0". */
        version: z.string(),
        serviceState: z.string(),
      })
      .partial(),
    tags: z.array(z.string()),
    site: z.string(),
    owner: z.string(),
    /** When these facts were collected on the host. */
    collectedAt: isoDateTime,
  })
  .partial();

export type HostFacts = z.infer<typeof hostFactsSchema>;
