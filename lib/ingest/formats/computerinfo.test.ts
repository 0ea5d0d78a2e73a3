import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hostFactsSchema } from "@/lib/facts";
import computerInfoJson from "./computerinfo-json";
import computerInfoList from "./computerinfo-list";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const sample = () => readFileSync("/work/shared/samples/get-computerinfo-formatlist-osd-subset.txt", "utf8");

describe("computerinfo-list: the real OSD sample", () => {
  const result = computerInfoList.parse({ fileName: "get-computerinfo.txt", text: sample(), options: { defaultDomain: "corp.contoso.com" } });

  it("parses to one Windows 11 workgroup client", () => {
    expect(result).toMatchObject({ kind: "host-inventory", format: "computerinfo-list", records: 1, rejected: 0 });
    expect(result.hosts).toEqual([
      {
        row: 1,
        facts: {
          identity: { fqdn: "hpfirefly16p", netbiosName: "HPFIREFLY16P" },
          os: {
            caption: "Microsoft Windows 11 Pro",
            version: "10.0.22621",
            build: 22621,
            ubr: 2134,
            installationType: "Client",
            productType: "workstation",
            architecture: "64-bit",
          },
          domainMembership: { partOfDomain: false, domainRole: "StandaloneWorkstation" },
          memory: { totalPhysicalBytes: 67864158208, installedBytes: 67108864 * 1024 },
          hotfixes: ["KB5028948", "KB5012170", "KB5029517", "KB5029263"],
        },
      },
    ]);
    expect(hostFactsSchema.safeParse(result.hosts[0].facts).success).toBe(true);
  });

  it("never derives the OS from WindowsCurrentVersion or WindowsVersion", () => {
    const os = result.hosts[0].facts.os;
    expect(os?.version).not.toBe("6.3");
    expect(os?.build).not.toBe(2009);
  });

  it("warns that the hotfix list was truncated and that WindowsProductName disagrees", () => {
    expect(result.issues).toContainEqual(
      expect.objectContaining({ file: "get-computerinfo.txt", severity: "warning", row: 26, column: "OsHotFixes", message: expect.stringMatching(/truncated/) }),
    );
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "warning", column: "WindowsProductName" }));
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  });
});

describe("computerinfo-list: several hosts, wrapped values, prompt line", () => {
  const result = computerInfoList.parse({ fileName: "list.txt", text: fixture("computerinfo-list-multi.txt"), options: {} });

  it("splits hosts on blank lines and on repeated keys", () => {
    expect(result.records).toBe(3);
    expect(result.hosts.map((h) => [h.row, h.facts.identity?.fqdn])).toEqual([
      [3, "sync01.corp.contoso.com"],
      [29, "core02.corp.contoso.com"],
      [44, "edge03.corp.contoso.com"],
    ]);
  });

  it("joins wrapped collection values and reads a member server", () => {
    expect(result.hosts[0].facts).toMatchObject({
      os: { build: 20348, ubr: 2402, installationType: "Server", serverLevel: "FullServer", productType: "server" },
      domainMembership: { partOfDomain: true, domainRole: "MemberServer" },
      memory: { totalPhysicalBytes: 17178804224, installedBytes: 16 * 1024 ** 3 },
      hotfixes: ["KB5034439", "KB5035857", "KB5036909"],
    });
    expect(result.hosts[1].facts.os).toMatchObject({ installationType: "Server Core", serverLevel: "ServerCore" });
  });

  it("flags '...' truncation too; a bad boolean is a warning with its row and key, and the host is kept with membership unknown", () => {
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "warning", row: 41, column: "OsHotFixes" }));
    expect(result.issues).toContainEqual(
      expect.objectContaining({ file: "list.txt", severity: "warning", row: 44, column: "CsPartOfDomain", message: expect.stringMatching(/^"Maybe" is not True or False\. .*unknown.*row was kept/) }),
    );
    expect(result.rejected).toBe(0);
    expect(result.hosts[2].facts.domainMembership).toBeUndefined();
  });

  it("rejects a host without any name (CsDNSHostName, CsName, PSComputerName)", () => {
    const text = fixture("computerinfo-list-multi.txt").replace(/^(CsDNSHostName|CsName|PSComputerName)\s*:\s*edge03.*$/gim, "$1 :");
    const parsed = computerInfoList.parse({ fileName: "list.txt", text, options: {} });
    expect(parsed.rejected).toBe(1);
    expect(parsed.hosts.map((h) => h.facts.identity?.fqdn)).not.toContain("edge03.corp.contoso.com");
    expect(parsed.issues).toContainEqual(expect.objectContaining({ severity: "error", message: expect.stringMatching(/host name is empty/) }));
  });
});

describe("computerinfo-json", () => {
  it("reads Windows PowerShell 5.1 output with numeric enums and hotfix objects", () => {
    const result = computerInfoJson.parse({ fileName: "ci.json", text: fixture("computerinfo-single.json"), options: {} });
    expect(result.issues).toEqual([]);
    expect(result.hosts).toEqual([
      {
        row: 1,
        facts: {
          identity: { fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01", domain: "corp.contoso.com" },
          os: {
            caption: "Microsoft Windows Server 2022 Datacenter",
            version: "10.0.20348",
            build: 20348,
            ubr: 2402,
            installationType: "Server",
            serverLevel: "FullServer",
            productType: "server",
            architecture: "64-bit",
          },
          domainMembership: { partOfDomain: true, domainRole: "MemberServer" },
          memory: { totalPhysicalBytes: 17178804224, installedBytes: 16 * 1024 ** 3 },
          hotfixes: ["KB5034439", "KB5036909"],
        },
      },
    ]);
  });

  it("reads an array with string enums, shallow hotfix strings; a bad enum leaves the role unknown with a warning", () => {
    const result = computerInfoJson.parse({ fileName: "ci.json", text: fixture("computerinfo-array.json"), options: {} });
    expect(result).toMatchObject({ records: 3, rejected: 0 });
    expect(result.hosts[2].facts.identity?.fqdn).toBe("bad01.corp.contoso.com");
    expect(result.hosts[2].facts.domainMembership).toBeUndefined();
    expect(result.hosts[0].facts).toMatchObject({
      identity: { fqdn: "dc01.corp.contoso.com" },
      os: { productType: "domain-controller", serverLevel: "FullServer", ubr: 5696 },
      domainMembership: { domainRole: "PrimaryDomainController" },
      hotfixes: ["KB5036896"],
    });
    expect(result.hosts[1].facts.os).toMatchObject({ installationType: "Server Core", serverLevel: "ServerCore", ubr: 2402 });
    expect(result.issues).toEqual([
      expect.objectContaining({ severity: "warning", row: 1, column: "[0].OsHotFixes", message: expect.stringMatching(/-Depth/) }),
      expect.objectContaining({ severity: "warning", row: 3, column: "[2].CsDomainRole", message: expect.stringMatching(/^"9" is not a CsDomainRole \(0-5 .*row was kept/) }),
    ]);
  });

  it("rejects an element without any host name", () => {
    const hosts = JSON.parse(fixture("computerinfo-array.json")) as Array<Record<string, unknown>>;
    for (const key of ["CsDNSHostName", "CsName", "PSComputerName"]) delete hosts[2][key];
    const result = computerInfoJson.parse({ fileName: "ci.json", text: JSON.stringify(hosts), options: {} });
    expect(result).toMatchObject({ records: 3, rejected: 1 });
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "error", row: 3, message: expect.stringMatching(/host name is empty/) }));
  });

  it("reports truncated JSON with line and column", () => {
    const text = fixture("computerinfo-single.json").slice(0, 300);
    const result = computerInfoJson.parse({ fileName: "cut.json", text, options: {} });
    expect(result.hosts).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ file: "cut.json", severity: "error" });
    expect(result.issues[0].row).toBeUndefined();
    expect(result.issues[0].message).toMatch(/ends too early at line \d+, column \d+/);
  });

  it("refuses more hosts than maxRows", () => {
    const result = computerInfoJson.parse({ fileName: "ci.json", text: fixture("computerinfo-array.json"), options: { maxRows: 2 } });
    expect(result.hosts).toEqual([]);
    expect(result.issues[0].message).toMatch(/limit for one upload is 2/);
  });
});
