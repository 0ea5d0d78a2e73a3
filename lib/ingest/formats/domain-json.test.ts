import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { domainFactsSchema } from "@/lib/facts";
import domainJson from "./domain-json";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const parse = (text: string) => domainJson.parse({ fileName: "domain.json", text, options: {} });

describe("domain-json", () => {
  it("reads Get-ADDomain / Get-ADDomainController / Get-KdsRootKey shaped input under { domain }", () => {
    const result = parse(fixture("domain.json"));
    expect(result).toMatchObject({ kind: "domain", format: "domain-json", records: 1, rejected: 0, issues: [] });
    expect(result.domains).toEqual([
      {
        dnsName: "corp.contoso.com",
        netbiosName: "CORP",
        distinguishedName: "DC=corp,DC=contoso,DC=com",
        forestName: "contoso.com",
        schemaVersion: 88,
        domainControllers: [
          { name: "dc01.corp.contoso.com", osCaption: "Windows Server 2019 Standard", osBuild: 17763 },
          { name: "dc02.corp.contoso.com", osCaption: "Windows Server 2022 Datacenter", osBuild: 20348, rsatAdPowerShell: true },
        ],
        kdsRootKeys: [
          { id: "8f1b6c2e-3d4a-4b5c-9d6e-7f8091a2b3c4", effectiveTime: "2023-11-14T22:13:20.000Z", createdTime: "2023-11-14T12:13:20.000Z" },
          { id: "2c1a0f3e-5b6d-4e7f-8a9b-0c1d2e3f4a5b", effectiveTime: "2024-03-01T07:00:00.123Z" },
        ],
        functionalLevels: { domain: 7, forest: 6 },
        protectedObjects: { inheritanceDisabledCount: 3, adminCountCount: 12, samples: ["CN=Administrator,CN=Users,DC=corp,DC=contoso,DC=com"] },
        gmsa: {
          samAccountName: "provAgentgMSA$",
          distinguishedName: "CN=provAgentgMSA,CN=Managed Service Accounts,DC=corp,DC=contoso,DC=com",
          sid: "S-1-5-21-1004336348-1177238915-682003330-1112",
          principalsAllowedToRetrievePassword: [
            "CN=SYNC01,OU=Sync Servers,DC=corp,DC=contoso,DC=com",
            "CN=SYNC02,OU=Sync Servers,DC=corp,DC=contoso,DC=com",
          ],
        },
        groupMemberships: { "CORP\\provAgentgMSA$": ["CORP\\Sync Readers"] },
        collectedAt: "2024-05-02T10:00:00.000Z",
      },
    ]);
    expect(domainFactsSchema.safeParse(result.domains[0]).success).toBe(true);
  });

  it("reads an array of DomainFacts-shaped objects and rejects a bad one with each problem's path", () => {
    const result = parse(fixture("domain-array.json"));
    expect(result).toMatchObject({ records: 2, rejected: 1 });
    expect(result.domains).toEqual([
      {
        dnsName: "emea.contoso.com",
        netbiosName: "EMEA",
        schemaVersion: 91,
        functionalLevels: { domain: 10, forest: 7 },
        domainControllers: [{ name: "dc10.emea.contoso.com", osCaption: "Windows Server 2025 Datacenter", osBuild: 26100 }],
        kdsRootKeys: [],
      },
    ]);
    expect(result.issues.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 2, column: "[1].schemaVersion" },
      { row: 2, column: "[1].kdsRootKeys[0].EffectiveTime" },
      { row: 2, column: "[1].DomainMode" },
    ]);
  });

  it("reads ISO dates without a zone as UTC, with a warning", () => {
    const result = parse('{ "dnsName": "corp.com", "kdsRootKeys": { "KeyId": "k", "EffectiveTime": "2024-01-01T00:00:00" } }');
    expect(result.domains[0].kdsRootKeys).toEqual([{ id: "k", effectiveTime: "2024-01-01T00:00:00.000Z" }]);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringMatching(/read as UTC/) })]);
  });

  it("refuses an object with nothing recognisable and truncated JSON", () => {
    expect(parse('{ "foo": 1 }').issues[0]).toMatchObject({ severity: "error", row: 1, message: expect.stringMatching(/No domain property/) });
    expect(parse('{ "dnsName": "corp.com", "kdsRootKeys": [').issues[0].message).toMatch(/ends too early/);
  });

  it("reads Windows PowerShell 5.1's wrapped dates and arrays, and keeps KdsRootKeys: null as unknown (not as no key)", () => {
    const wrapped = parse(
      JSON.stringify({
        domain: {
          DNSRoot: "corp.contoso.com",
          KdsRootKeys: {
            value: [{ KeyId: "8f1b6c2e-3d4a-4b5c-9d6e-7f8091a2b3c4", EffectiveTime: { value: "/Date(1700000000000)/", DisplayHint: 2, DateTime: "Tuesday, November 14, 2023 10:13:20 PM" } }],
            Count: 1,
          },
        },
      }),
    );
    expect(wrapped.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(wrapped.domains[0]?.kdsRootKeys).toEqual([{ id: "8f1b6c2e-3d4a-4b5c-9d6e-7f8091a2b3c4", effectiveTime: "2023-11-14T22:13:20.000Z" }]);

    const unknown = parse(JSON.stringify({ domain: { DNSRoot: "corp.contoso.com", KdsRootKeys: null } }));
    expect(unknown.domains[0]).toMatchObject({ dnsName: "corp.contoso.com" });
    expect(unknown.domains[0]?.kdsRootKeys).toBeUndefined();
    const none = parse(JSON.stringify({ domain: { DNSRoot: "corp.contoso.com", KdsRootKeys: [] } }));
    expect(none.domains[0]?.kdsRootKeys).toEqual([]);
  });
});

describe("domain-json: Exchange schema, gMSA plan and attestations (issue 14)", () => {
  const one = (extra: Record<string, unknown>) => parse(JSON.stringify({ domain: { dnsName: "corp.contoso.com", ...extra } }));

  it("reads them", () => {
    const result = one({
      exchangeSchemaVersion: "17003",
      gmsaPlan: { customGmsa: true },
      attestations: [{ key: "laps", attested: true, by: "secops@contoso.com", at: "2026-07-21T09:00:00Z" }],
    });
    expect(result.domains?.[0]).toMatchObject({
      exchangeSchemaVersion: 17003,
      gmsaPlan: { customGmsa: true },
      attestations: [{ key: "laps", attested: true, by: "secops@contoso.com", at: "2026-07-21T09:00:00Z" }],
    });
    expect(domainFactsSchema.safeParse(result.domains?.[0]).success).toBe(true);
    expect(one({ exchangeSchemaVersion: null }).domains?.[0]).toMatchObject({ exchangeSchemaVersion: null });
  });

  it("refuses an unknown attestation key and a malformed Exchange version", () => {
    expect(one({ attestations: [{ key: "idfix-run", attested: true, by: "x", at: "2026-07-21T09:00:00Z" }] }).rejected).toBe(1);
    expect(one({ exchangeSchemaVersion: "Exchange 2019" }).rejected).toBe(1);
  });
});
