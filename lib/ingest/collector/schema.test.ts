import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toPs51Json, type JsonValue } from "./fixtures/ps51-json";
import { formatJsonPath, parseCollectorOutput, type CollectorOutput } from "./schema";

const FIXTURES = path.join(__dirname, "fixtures");
const readFixture = (name: string): string => readFileSync(path.join(FIXTURES, name), "utf8");

/** A small valid collector output, as a plain JSON value the tests can bend. */
function minimal(): { [key: string]: JsonValue } {
  return {
    schemaVersion: 1,
    collector: { name: "Get-CloudSyncReadiness", version: "1.0.0", psVersion: "5.1.17763.7919", runAt: "2026-10-06T08:00:00Z", readOnly: true, elevated: true },
    host: {
      identity: { computerName: "SRV1", fqdn: "srv1.corp.contoso.com", domain: "corp.contoso.com", computerAccount: null },
      executionPolicy: { effective: "RemoteSigned", scopes: [{ scope: "LocalMachine", policy: "RemoteSigned" }] },
      hotfixes: { source: "Win32_QuickFixEngineering", ids: ["KB1", "KB2"] },
      network: {
        cloud: "Public",
        timeoutMs: 3000,
        skipped: false,
        checks: [{ host: "login.microsoftonline.com", port: 443, category: "service", pattern: "*.microsoftonline.com", optional: false, reachable: true, latencyMs: 12, error: null }],
        proxy: null,
      },
    },
    errors: [],
  };
}

function ok(raw: unknown): CollectorOutput {
  const result = parseCollectorOutput(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.data;
}

function issuesOf(raw: unknown): { path: string; message: string }[] {
  const result = parseCollectorOutput(raw);
  if (result.ok) throw new Error("expected a rejection");
  return result.issues;
}

describe("collector schema: fixtures", () => {
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith(".json"))) {
    it(`accepts ${file}`, () => {
      expect(parseCollectorOutput(JSON.parse(readFixture(file))).ok).toBe(true);
    });
  }
});

describe("collector schema: rejections name the exact JSON path", () => {
  it("rejects an unsupported schemaVersion with one clear message", () => {
    const doc = { ...minimal(), schemaVersion: 3 };
    expect(issuesOf(doc)).toEqual([
      {
        path: "schemaVersion",
        message:
          "unsupported schemaVersion 3: this version of Cloud Sync Readiness reads schemaVersion 1 and 2; " +
          "run the collector shipped with this version (docs/collector.md)",
      },
    ]);
    expect(issuesOf({ ...minimal(), schemaVersion: "1" })[0].message).toMatch(/^unsupported schemaVersion "1"/);
    expect(issuesOf({ ...minimal(), schemaVersion: 0 })[0].path).toBe("schemaVersion");
  });

  it("reads schemaVersion 1 (collector 1.0.x, no domain.acls) and 2 alike", () => {
    expect(ok(minimal()).schemaVersion).toBe(1);
    expect(ok({ ...minimal(), schemaVersion: 2 }).schemaVersion).toBe(2);
    const v1 = ok(JSON.parse(readFixture("server2025-dc-domain.json")));
    expect(v1.domain && "acls" in v1.domain).toBe(false);
  });

  it("rejects a malformed access rule in domain.acls with its path", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.schemaVersion = 2;
    const rule = {
      identityReference: "CORP\\provAgentgMSA$",
      sid: "S-1-5-21-1-2-3-3101",
      activeDirectoryRights: -16,
      accessControlType: "Allow",
      objectType: "00000000-0000-0000-0000-000000000000",
      inheritedObjectType: "00000000-0000-0000-0000-000000000000",
      inheritanceType: "None",
      isInherited: "False",
    };
    doc.domain = {
      acls: [
        { distinguishedName: "DC=corp,DC=contoso,DC=com", role: "domainRoot", protected: false, accessRules: [rule], error: null },
        { distinguishedName: "", role: "elsewhere", protected: null, accessRules: null, error: { probe: "domain.acls" } },
      ],
    };
    expect(issuesOf(doc).map((issue) => issue.path)).toEqual([
      "domain.acls[0].accessRules[0].activeDirectoryRights",
      "domain.acls[0].accessRules[0].isInherited",
      "domain.acls[1].distinguishedName",
      "domain.acls[1].role",
      "domain.acls[1].error.message",
    ]);
  });

  it("rejects a document without schemaVersion, and anything that is not an object", () => {
    const rest = minimal();
    delete rest.schemaVersion;
    expect(issuesOf(rest)).toEqual([{ path: "schemaVersion", message: "missing schemaVersion: not a Get-CloudSyncReadiness output" }]);
    expect(issuesOf("text")[0].path).toBe("");
    expect(issuesOf([minimal()])[0].path).toBe("");
  });

  it("rejects another tool's output by collector.name", () => {
    const doc = minimal();
    doc.collector = { name: "SomeOtherTool", version: "1", runAt: "2026-10-06T08:00:00Z" };
    expect(issuesOf(doc)).toEqual([{ path: "collector.name", message: 'collector.name must be "Get-CloudSyncReadiness"' }]);
  });

  it("rejects wrong types deep in the document with their path", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.host.network.checks[0].port = "443";
    doc.host.network.checks.push({ host: "", port: 80, reachable: "yes" });
    doc.host.os = { productType: 7, ubr: -1, buildNumber: "20348a" };
    expect(issuesOf(doc).map((issue) => issue.path)).toEqual([
      "host.os.buildNumber",
      "host.os.ubr",
      "host.os.productType",
      "host.network.checks[0].port",
      "host.network.checks[1].host",
      "host.network.checks[1].reachable",
    ]);
  });

  it("rejects a registry value that is not a DWORD, and a missing runAt", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.host.tls = { schannelTls12: { client: { enabled: "1", disabledByDefault: 0 } } };
    delete doc.collector.runAt;
    expect(issuesOf(doc).map((issue) => issue.path)).toEqual(["collector.runAt", "host.tls.schannelTls12.client.enabled"]);
  });

  it("rejects an unknown enum name or number", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.host.executionPolicy = { effective: 9, scopes: [{ scope: "Machine", policy: "RemoteSigned" }] };
    expect(issuesOf(doc).map((issue) => issue.path)).toEqual(["host.executionPolicy.effective", "host.executionPolicy.scopes[0].scope"]);
  });

  it("rejects an unparseable date with the reason", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.collector.runAt = "06/10/2026 08:00";
    expect(issuesOf(doc)).toEqual([
      { path: "collector.runAt", message: "expected an ISO 8601 date-time with offset, or /Date(ms)/" },
    ]);
  });

  it("ignores unknown extra properties", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.host.futureProbe = { anything: true };
    doc.collector.extra = 1;
    const data = ok(doc);
    expect("futureProbe" in data.host).toBe(false);
  });

  it("formats paths like a person reads them", () => {
    expect(formatJsonPath(["host", "network", "checks", 2, "port"])).toBe("host.network.checks[2].port");
    expect(formatJsonPath([])).toBe("");
  });
});

describe("collector schema: Windows PowerShell 5.1 ConvertTo-Json quirks", () => {
  it("accepts domain.acls with a single object or rule unrolled, and enums as numbers (mapped later, by lib/ingest/acl)", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.schemaVersion = 2;
    const rule = {
      identityReference: "S-1-5-32-560",
      sid: "S-1-5-32-560",
      activeDirectoryRights: 16,
      accessControlType: 0,
      objectType: "46a9b11d-60ae-405a-b7e8-ff8a58d456d2",
      inheritedObjectType: "bf967aba-0de6-11d0-a285-00aa003049e2",
      inheritanceType: 2,
      isInherited: false,
    };
    doc.domain = { acls: { distinguishedName: "DC=corp,DC=contoso,DC=com", role: "domainroot", protected: false, accessRules: rule, error: null } };
    const acl = ok(doc).domain?.acls?.[0];
    expect(acl?.role).toBe("domainRoot");
    expect(acl?.accessRules).toEqual([rule]);
  });

  it("accepts a one-element array unrolled to the bare element", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.host.hotfixes.ids = "KB5070773";
    doc.host.network.checks = doc.host.network.checks[0];
    doc.host.executionPolicy.scopes = { scope: "LocalMachine", policy: "RemoteSigned" };
    doc.errors = { probe: "os", message: "Provider load failure " };
    const data = ok(doc);
    expect(data.host.hotfixes?.ids).toEqual(["KB5070773"]);
    expect(data.host.network?.checks).toHaveLength(1);
    expect(data.host.executionPolicy?.scopes).toEqual([{ scope: "LocalMachine", policy: "RemoteSigned" }]);
    expect(data.errors).toEqual([{ probe: "os", message: "Provider load failure " }]);
  });

  it('accepts an array wrapped as { "value": [...], "Count": n }', () => {
    const text = toPs51Json({ ...minimal(), errors: { value: [{ probe: "tls", message: "x" }], Count: 1 } });
    expect(ok(JSON.parse(text)).errors).toEqual([{ probe: "tls", message: "x" }]);
  });

  it("accepts enums written as numbers and maps them to their names", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.host.executionPolicy = {
      effective: 4,
      scopes: [
        { scope: 4, policy: 5 },
        { scope: 0, policy: 4 },
        { scope: 2, policy: 1 },
      ],
    };
    doc.host.domainMembership = { partOfDomain: true, domainRole: 5, domain: "corp.contoso.com" };
    doc.host.services = { vaultSvc: { name: "VaultSvc", exists: true, startMode: 4, state: "Stopped" } };
    doc.host.agent = { installed: true, service: { name: "AADConnectProvisioningAgent", exists: true, startMode: "Automatic", state: "Running" } };
    doc.host.network.cloud = "usgov";
    const data = ok(doc);
    expect(data.host.executionPolicy).toEqual({
      effective: "Bypass",
      scopes: [
        { scope: "MachinePolicy", policy: "Undefined" },
        { scope: "Process", policy: "Bypass" },
        { scope: "LocalMachine", policy: "RemoteSigned" },
      ],
    });
    expect(data.host.domainMembership?.domainRole).toBe("PrimaryDomainController");
    expect(data.host.services?.vaultSvc?.startMode).toBe("Disabled");
    expect(data.host.agent?.service?.startMode).toBe("Auto");
    expect(data.host.network?.cloud).toBe("USGov");
  });

  it("accepts WMI numbers written as strings of digits", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.host.os = { buildNumber: "26100", productType: "2" };
    expect(ok(doc).host.os).toEqual({ buildNumber: 26100, productType: 2 });
  });

  it("accepts /Date(ms)/ dates as PowerShell 5.1 writes them, with or without the DateTime wrapper", () => {
    const base = toPs51Json(minimal());
    const withMsDate = base.replace('"runAt":  "2026-10-06T08:00:00Z"', '"runAt":  "\\/Date(1791100800000)\\/"');
    expect(withMsDate).toContain("\\/Date(1791100800000)\\/");
    expect(ok(JSON.parse(withMsDate)).collector.runAt).toBe("2026-10-04T08:00:00.000Z");

    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.collector.runAt = { value: "/Date(1791100800000+0200)/", DisplayHint: 2, DateTime: "Sunday, October 4, 2026 10:00:00 AM" };
    doc.domain = {
      kdsRootKeys: [
        { id: "d7e5b3a1-4c2f-4e8d-9b6a-3f1e0c7d2a59", effectiveTime: "/Date(1740819600000)/", creationTime: "2025-02-28T23:00:00.1234567+01:00" },
      ],
    };
    const data = ok(doc);
    expect(data.collector.runAt).toBe("2026-10-04T08:00:00.000Z");
    expect(data.domain?.kdsRootKeys?.[0]).toEqual({
      id: "d7e5b3a1-4c2f-4e8d-9b6a-3f1e0c7d2a59",
      effectiveTime: "2025-03-01T09:00:00.000Z",
      creationTime: "2025-02-28T22:00:00.123Z",
    });
  });

  it("keeps null (collected, absent) apart from a missing key (not collected)", () => {
    const doc = JSON.parse(JSON.stringify(minimal()));
    doc.host.dotnet = { release: null };
    doc.host.tls = { dotnet64: { schUseStrongCrypto: 1 } };
    const data = ok(doc);
    expect(data.host.dotnet).toEqual({ release: null });
    expect(data.host.tls?.dotnet64).toEqual({ schUseStrongCrypto: 1 });
    expect(data.host.tls?.dotnet64 && "systemDefaultTlsVersions" in data.host.tls.dotnet64).toBe(false);
  });
});
