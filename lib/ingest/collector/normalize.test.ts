import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hostFactsSchema } from "@/lib/facts";
import { normalizeCollectorOutput } from "./normalize";
import { parseCollectorOutput, type CollectorOutput } from "./schema";

function fixture(name: string): CollectorOutput {
  const result = parseCollectorOutput(JSON.parse(readFileSync(path.join(__dirname, "fixtures", name), "utf8")));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.data;
}

function normalize(output: CollectorOutput) {
  const result = normalizeCollectorOutput(output);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

/** A copy of a fixture with `change` applied to its host section. */
function withHost(name: string, change: (host: CollectorOutput["host"]) => void): CollectorOutput {
  const output = structuredClone(fixture(name));
  change(output.host);
  return output;
}

describe("normalizeCollectorOutput: fixtures -> facts", () => {
  it("a ready Server 2022 member server", () => {
    const { host, domain, warnings } = normalize(fixture("server2022-ready.json"));
    expect(domain).toBeUndefined();
    expect(warnings).toEqual([]);
    const { network, ...rest } = host;
    expect(rest).toEqual({
      identity: {
        fqdn: "sync01.corp.contoso.com",
        netbiosName: "SYNC01",
        domain: "corp.contoso.com",
        netbiosDomain: "CORP",
        objectGuid: "4b6e1c2a-9f0d-4e1b-8a61-2d7c5e3f9a10",
        sid: "S-1-5-21-1004336348-1177238915-682003330-1104",
      },
      os: {
        caption: "Microsoft Windows Server 2022 Datacenter",
        version: "10.0.20348",
        build: 20348,
        ubr: 4297,
        installationType: "Server",
        serverLevel: "FullServer",
        productType: "server",
        architecture: "64-bit",
      },
      domainMembership: { partOfDomain: true, domainRole: "MemberServer" },
      memory: { totalPhysicalBytes: 17179332608, installedBytes: 17179869184 },
      dotnet: { release: 528449 },
      // As collected: the collector ran with -ExecutionPolicy Bypass (the rule sets the Process scope aside).
      executionPolicy: {
        effective: "Bypass",
        scopes: { MachinePolicy: "Undefined", UserPolicy: "Undefined", Process: "Bypass", CurrentUser: "Undefined", LocalMachine: "RemoteSigned" },
      },
      tls: {
        schannelTls12: { client: { enabled: 1, disabledByDefault: 0 }, server: { enabled: 1, disabledByDefault: 0 } },
        dotnet64: { schUseStrongCrypto: 1, systemDefaultTlsVersions: 1 },
        dotnet32: { schUseStrongCrypto: 1, systemDefaultTlsVersions: 1 },
      },
      ntlm: { restrictSendingNtlmTraffic: 2, restrictNtlmInDomain: null },
      services: { vaultSvc: "Manual" },
      tier0: true,
      hotfixes: ["KB5011497", "KB5066782", "KB5068787"],
      agent: { installed: false },
      tags: ["wave1"],
      site: "HQ",
      owner: "Identity team",
      collectedAt: "2026-10-06T08:15:42.000Z",
    });
    expect(network?.cloud).toBe("public");
    expect(network?.proxy).toEqual({ configured: false });
    expect(network?.checks).toHaveLength(16);
    expect(network?.checks?.every((check) => check.reachable)).toBe(true);
    expect(network?.checks?.[0]).toEqual({ host: "download.msappproxy.net", port: 443, reachable: true, latencyMs: expect.any(Number) });
    expect(network?.checks?.at(-1)).toMatchObject({ host: "download.msappproxy.net", port: 8080, reachable: true });
    expect(hostFactsSchema.safeParse(host).success).toBe(true);
  });

  it("Server 2016 with .NET 4.6.2 keeps absent TLS values as null (collected, absent)", () => {
    const { host } = normalize(fixture("server2016-old-dotnet.json"));
    expect(host.os).toMatchObject({ build: 14393, ubr: 7428, productType: "server", caption: "Microsoft Windows Server 2016 Standard" });
    expect(host.dotnet).toEqual({ release: 394802 });
    expect(host.tls).toEqual({
      schannelTls12: { client: { enabled: null, disabledByDefault: null }, server: { enabled: null, disabledByDefault: null } },
      dotnet64: { schUseStrongCrypto: null, systemDefaultTlsVersions: null },
      dotnet32: { schUseStrongCrypto: null, systemDefaultTlsVersions: null },
    });
    expect(host.ntlm).toEqual({ restrictSendingNtlmTraffic: null, restrictNtlmInDomain: null });
    // Operator gave no -Tier0/-Site/-Owner: nothing recorded.
    expect(host.tier0).toBeUndefined();
    expect(host.site).toBeUndefined();
    expect(host.owner).toBeUndefined();
    expect(host.tags).toEqual([]);
    expect(host.executionPolicy?.effective).toBe("RemoteSigned");
  });

  it("a Server 2025 domain controller with the domain section", () => {
    const { host, domain, warnings } = normalize(fixture("server2025-dc-domain.json"));
    expect(warnings).toEqual([]);
    expect(host.os).toMatchObject({ build: 26100, ubr: 6899, productType: "domain-controller" });
    expect(host.domainMembership).toEqual({ partOfDomain: true, domainRole: "PrimaryDomainController" });
    expect(host.hotfixes).toContain("KB5070773");
    expect(host.agent).toEqual({ installed: true, version: "1.1.2505.0", serviceState: "Running" });
    expect(host.ntlm).toEqual({ restrictSendingNtlmTraffic: 2, restrictNtlmInDomain: 1 });
    expect(domain).toEqual({
      dnsName: "corp.contoso.com",
      netbiosName: "CORP",
      distinguishedName: "DC=corp,DC=contoso,DC=com",
      forestName: "corp.contoso.com",
      schemaVersion: 91,
      domainControllers: [
        { name: "dc01.corp.contoso.com", osCaption: "Windows Server 2025 Datacenter", osBuild: 26100, rsatAdPowerShell: true },
        { name: "dc02.corp.contoso.com", osCaption: "Windows Server 2022 Datacenter", osBuild: 20348 },
      ],
      kdsRootKeys: [
        { id: "d7e5b3a1-4c2f-4e8d-9b6a-3f1e0c7d2a59", effectiveTime: "2025-03-01T09:00:00.000Z", createdTime: "2025-02-28T23:00:00.000Z" },
      ],
      functionalLevels: { domain: 10, forest: 10 },
      protectedObjects: {
        inheritanceDisabledCount: 3,
        adminCountCount: 14,
        samples: [
          "CN=Administrator,CN=Users,DC=corp,DC=contoso,DC=com",
          "CN=svc-backup,OU=Service Accounts,DC=corp,DC=contoso,DC=com",
          "OU=Legacy,DC=corp,DC=contoso,DC=com",
        ],
      },
      gmsa: {
        samAccountName: "provAgentgMSA$",
        distinguishedName: "CN=provAgentgMSA,CN=Managed Service Accounts,DC=corp,DC=contoso,DC=com",
        sid: "S-1-5-21-1004336348-1177238915-682003330-3101",
        principalsAllowedToRetrievePassword: [
          "CORP\\DC01$",
          "S-1-5-21-1004336348-1177238915-682003330-1000",
          "CORP\\Cloud Sync Agents",
          "S-1-5-21-1004336348-1177238915-682003330-3102",
        ],
      },
      groupMemberships: {
        "CORP\\provAgentgMSA$": ["CORP\\Domain Computers", "S-1-5-21-1004336348-1177238915-682003330-515"],
        "S-1-5-21-1004336348-1177238915-682003330-3101": ["CORP\\Domain Computers", "S-1-5-21-1004336348-1177238915-682003330-515"],
        "CORP\\DC01$": [
          "CORP\\Domain Controllers",
          "S-1-5-21-1004336348-1177238915-682003330-516",
          "CORP\\Cloud Sync Agents",
          "S-1-5-21-1004336348-1177238915-682003330-3102",
          "CORP\\Denied RODC Password Replication Group",
          "S-1-5-21-1004336348-1177238915-682003330-572",
          "S-1-5-21-1004336348-1177238915-682003330-4711",
        ],
        "S-1-5-21-1004336348-1177238915-682003330-1000": [
          "CORP\\Domain Controllers",
          "S-1-5-21-1004336348-1177238915-682003330-516",
          "CORP\\Cloud Sync Agents",
          "S-1-5-21-1004336348-1177238915-682003330-3102",
          "CORP\\Denied RODC Password Replication Group",
          "S-1-5-21-1004336348-1177238915-682003330-572",
          "S-1-5-21-1004336348-1177238915-682003330-4711",
        ],
      },
      collectedAt: "2026-10-07T14:30:05.000Z",
    });
  });

  it("a Server Core host behind a WinHTTP proxy", () => {
    const { host } = normalize(fixture("server2022-core.json"));
    expect(host.os).toMatchObject({ installationType: "Server Core", serverLevel: "ServerCore", caption: "Microsoft Windows Server 2022 Standard" });
    expect(host.network?.proxy).toEqual({ configured: true, address: "proxy.corp.contoso.com:8080", bypass: "<local>;*.corp.contoso.com" });
    expect(host.tier0).toBe(false);
  });

  it("network failures become unreachable checks with their error", () => {
    const { host } = normalize(fixture("server2019-network-failures.json"));
    const failed = host.network?.checks?.filter((check) => !check.reachable) ?? [];
    expect(failed.map((check) => `${check.host}:${check.port}`)).toEqual([
      "download.msappproxy.net:443",
      "watchdog.servicebus.windows.net:443",
      "www.msappproxy.com:443",
      "mscrl.microsoft.com:80",
      "crl.microsoft.com:80",
      "ocsp.msocsp.com:80",
      "www.microsoft.com:80",
      "download.msappproxy.net:8080",
    ]);
    expect(failed[0]).toEqual({ host: "download.msappproxy.net", port: 443, reachable: false, error: "No TCP connection within 3000 ms" });
    expect(failed[2].error).toBe("No such host is known");
    expect(failed.every((check) => check.latencyMs === undefined)).toBe(true);
  });

  it("failed probes leave their facts out (not collected) and keep the rest", () => {
    const { host } = normalize(fixture("server2019-probe-errors.json"));
    expect(host.os).toBeUndefined();
    expect(host.hotfixes).toBeUndefined();
    expect(host.agent).toBeUndefined();
    expect(host.network?.proxy).toBeUndefined();
    expect(host.network?.checks).toHaveLength(16);
    expect(host.identity).toEqual({ fqdn: "fs02.corp.contoso.com", netbiosName: "FS02", domain: "corp.contoso.com" });
    expect(host.memory).toEqual({ totalPhysicalBytes: 12884246528 });
    expect(host.services).toEqual({ vaultSvc: "Disabled" });
    expect(host.tls?.schannelTls12?.client).toEqual({ enabled: null, disabledByDefault: 0 });
    expect(host.executionPolicy).toEqual({
      effective: "RemoteSigned",
      scopes: { MachinePolicy: "RemoteSigned", UserPolicy: "Undefined", Process: "Undefined", CurrentUser: "Undefined", LocalMachine: "Undefined" },
    });
  });
});

describe("normalizeCollectorOutput: mappings", () => {
  it("canonicalises names: lower-case FQDN and domains, upper-case NetBIOS names and hotfix ids", () => {
    const output = withHost("server2022-ready.json", (host) => {
      host.identity = { computerName: "sync01", fqdn: "Sync01.Corp.Contoso.COM.", domain: "CORP.contoso.com", computerAccount: { netbiosDomain: "corp", objectGuid: "{4B6E1C2A-9F0D-4E1B-8A61-2D7C5E3F9A10}", sid: "s-1-5-21-1-2-3-1104" } };
      host.hotfixes = { source: "Win32_QuickFixEngineering", ids: ["kb5011497", "KB5011497", " kb5066782 "] };
    });
    const { host } = normalize(output);
    expect(host.identity).toEqual({
      fqdn: "sync01.corp.contoso.com",
      netbiosName: "SYNC01",
      domain: "corp.contoso.com",
      netbiosDomain: "CORP",
      objectGuid: "4b6e1c2a-9f0d-4e1b-8a61-2d7c5e3f9a10",
      sid: "S-1-5-21-1-2-3-1104",
    });
    expect(host.hotfixes).toEqual(["KB5011497", "KB5066782"]);
  });

  it("maps ProductType 1/2/3 and ServerLevels like Get-ComputerInfo", () => {
    const levels = (serverCore: number | null, serverGuiMgmt: number | null, serverGuiShell: number | null, nanoServer: number | null = null) =>
      normalize(
        withHost("server2022-ready.json", (host) => {
          host.os = { productType: 1, serverLevels: { nanoServer, serverCore, serverGuiMgmt, serverGuiShell } };
        }),
      ).host.os;
    expect(levels(1, 1, 1)).toEqual({ productType: "workstation", serverLevel: "FullServer" });
    expect(levels(1, 1, null)?.serverLevel).toBe("ServerCoreWithManagementTools");
    expect(levels(1, null, null)?.serverLevel).toBe("ServerCore");
    expect(levels(null, null, null, 1)?.serverLevel).toBe("NanoServer");
    expect(levels(0, null, null)?.serverLevel).toBe("Unknown");
    expect(levels(null, null, null)?.serverLevel).toBeUndefined();
  });

  it("turns a missing VaultSvc into null and warns about start modes the facts cannot hold", () => {
    const missing = normalize(withHost("server2022-ready.json", (host) => {
      host.services = { vaultSvc: { name: "VaultSvc", exists: false, startMode: null, state: null } };
    }));
    expect(missing.host.services).toEqual({ vaultSvc: null });
    const boot = normalize(withHost("server2022-ready.json", (host) => {
      host.services = { vaultSvc: { name: "VaultSvc", exists: true, startMode: "Boot", state: "Running" } };
    }));
    expect(boot.host.services).toBeUndefined();
    expect(boot.warnings).toEqual([{ path: "host.services.vaultSvc.startMode", message: 'start mode "Boot" is not Auto, Manual or Disabled; ignored' }]);
  });

  it("passes the execution policy through as collected, scopes keyed by name", () => {
    const { host, warnings } = normalize(withHost("server2022-ready.json", (host) => {
      host.executionPolicy = {
        effective: "Default",
        scopes: [
          { scope: "MachinePolicy", policy: "Undefined" },
          { scope: "Process", policy: "Bypass" },
          { scope: "LocalMachine", policy: "Undefined" },
        ],
      };
    }));
    expect(host.executionPolicy).toEqual({ effective: "Default", scopes: { MachinePolicy: "Undefined", Process: "Bypass", LocalMachine: "Undefined" } });
    expect(warnings).toEqual([]);
    const onlyEffective = normalize(withHost("server2022-ready.json", (host) => {
      host.executionPolicy = { effective: "RemoteSigned", scopes: null };
    }));
    expect(onlyEffective.host.executionPolicy).toEqual({ effective: "RemoteSigned" });
  });

  it("warns about an unknown InstallationType and an invalid objectGuid instead of guessing", () => {
    const { host, warnings } = normalize(withHost("server2022-ready.json", (host) => {
      host.os = { installationType: "Server Nano-ish" };
      host.identity = { computerName: "SYNC01", computerAccount: { objectGuid: "not-a-guid" } };
    }));
    expect(host.os).toBeUndefined();
    expect(host.identity).toEqual({ netbiosName: "SYNC01" });
    expect(warnings.map((w) => w.path)).toEqual(["host.identity.computerAccount.objectGuid", "host.os.installationType"]);
  });

  it("records USGov as the usgov cloud and drops a zero installed-memory sum", () => {
    const { host } = normalize(withHost("server2022-ready.json", (host) => {
      host.network = { cloud: "USGov", checks: [] };
      host.memory = { totalPhysicalBytes: 8589467648, installedBytes: 0 };
    }));
    expect(host.network).toEqual({ cloud: "usgov", checks: [] });
    expect(host.memory).toEqual({ totalPhysicalBytes: 8589467648 });
  });

  it("warns when the gMSA was not found, and when the protected-object scan was truncated", () => {
    const output = structuredClone(fixture("server2025-dc-domain.json"));
    if (!output.domain) throw new Error("fixture lost its domain section");
    output.domain.gmsa = { requestedName: "provAgentgMSA$", found: false, samAccountName: null, distinguishedName: null, sid: null, principalsAllowedToRetrievePassword: [] };
    output.domain.protectedObjects = { adminCountCount: 20000, inheritanceDisabledCount: 12, scanned: 20000, truncated: true, samples: [] };
    const { domain, warnings } = normalize(output);
    expect(domain?.gmsa).toBeUndefined();
    expect(domain?.protectedObjects).toEqual({ inheritanceDisabledCount: 12, adminCountCount: 20000, samples: [] });
    expect(warnings).toEqual([
      { path: "domain.protectedObjects.truncated", message: "the scan stopped at 20000 objects: the counts are lower bounds" },
      { path: "domain.gmsa.found", message: "the gMSA provAgentgMSA$ was not found in corp.contoso.com" },
    ]);
  });

  it("records where the domain section was collected and RSAT-AD-PowerShell there, on a DC or a member server", () => {
    expect(normalize(fixture("server2025-dc-domain-acl.json")).domain?.collectedOn).toEqual({
      computerName: "DC01",
      fqdn: "dc01.corp.contoso.com",
      isDomainController: true,
      rsatAdPowerShell: true,
      rsatMethod: "Get-WindowsFeature RSAT-AD-PowerShell",
    });
    const member = structuredClone(fixture("server2025-dc-domain-acl.json"));
    if (!member.domain) throw new Error("fixture lost its domain section");
    member.domain.collectedOn = {
      computerName: "sync01",
      fqdn: "SYNC01.dmz.contoso.net",
      domain: "corp.contoso.com",
      isDomainController: false,
      rsatAdPowerShell: null,
      rsatMethod: null,
    };
    expect(normalize(member).domain?.collectedOn).toEqual({ computerName: "SYNC01", fqdn: "sync01.dmz.contoso.net", isDomainController: false });
    expect(normalize(fixture("server2025-dc-domain.json")).domain?.collectedOn).toBeUndefined();
  });

  it("a principal named __proto__ neither breaks the report nor reaches any object's prototype", () => {
    const output = structuredClone(fixture("server2025-dc-domain.json"));
    const memberships = output.domain!.groupMemberships!;
    memberships.push({ ...memberships[0]!, principal: "__proto__", sid: null, distinguishedName: null });
    const groups = normalize(output).domain?.groupMemberships ?? {};
    // The facts schema's record leaves that one key out (zod drops "__proto__"); every other principal is kept.
    expect(Object.keys(groups)).toEqual(Object.keys(normalize(fixture("server2025-dc-domain.json")).domain?.groupMemberships ?? {}));
    expect(Object.getPrototypeOf(groups)).not.toBeInstanceOf(Array);
    expect(({} as Record<string, unknown>).length).toBeUndefined();
  });

  it("leaves the domain out when -IncludeDomain was given but the section failed", () => {
    const output = structuredClone(fixture("server2025-dc-domain.json"));
    output.domain = null;
    expect(normalize(output).domain).toBeUndefined();
  });
});

describe("normalizeCollectorOutput: DC ports, firewall and Exchange schema (issue 14)", () => {
  it("maps the DC port probes and the firewall's user filtering", () => {
    const output = withHost("server2022-ready.json", (host) => {
      host.network = {
        ...host.network,
        domainControllerChecks: [
          { host: "DC01.corp.contoso.com", port: 389, category: "domain-controller", pattern: "DC01.corp.contoso.com", optional: false, reachable: true, latencyMs: 2, error: null },
          { host: "DC01.corp.contoso.com", port: 3268, category: "domain-controller", pattern: "DC01.corp.contoso.com", optional: false, reachable: false, latencyMs: null, error: "refused" },
        ],
      };
      host.firewall = { filtersByUser: true, userFilteredRules: 2, networkServiceAllowed: null };
    });
    const { host } = normalize(output);
    expect(host.network?.domainControllerChecks).toEqual([
      { host: "dc01.corp.contoso.com", port: 389, reachable: true, latencyMs: 2 },
      { host: "dc01.corp.contoso.com", port: 3268, reachable: false, error: "refused" },
    ]);
    expect(host.firewall).toEqual({ filtersByUser: true });
  });

  it("keeps a null Exchange schema version (not extended) unless its probe failed", () => {
    const base = fixture("server2025-dc-domain.json");
    const notExtended = structuredClone(base);
    if (notExtended.domain) notExtended.domain.exchangeSchemaVersion = null;
    expect(normalize(notExtended).domain?.exchangeSchemaVersion).toBeNull();
    const failed = structuredClone(notExtended);
    failed.errors = [...(failed.errors ?? []), { probe: "domain.exchangeSchemaVersion", message: "access denied" }];
    expect(normalize(failed).domain).not.toHaveProperty("exchangeSchemaVersion");
    const extended = structuredClone(base);
    if (extended.domain) extended.domain.exchangeSchemaVersion = 17003;
    expect(normalize(extended).domain?.exchangeSchemaVersion).toBe(17003);
  });
});
