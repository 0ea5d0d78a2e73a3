import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hostFactsSchema } from "@/lib/facts";
import systeminfoCsv from "./systeminfo-csv";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const parse = (text: string, fileName = "systeminfo.csv", defaultDomain?: string) =>
  systeminfoCsv.parse({ fileName, text, options: defaultDomain === undefined ? {} : { defaultDomain } });
const MiB = 1024 ** 2;

describe("systeminfo-csv", () => {
  it("reads one member server", () => {
    const result = parse(fixture("systeminfo-single.csv"));
    expect(result).toMatchObject({ kind: "host-inventory", format: "systeminfo-csv", records: 1, rejected: 0, issues: [] });
    expect(result.hosts).toEqual([
      {
        row: 2,
        facts: {
          identity: { fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01", domain: "corp.contoso.com" },
          os: { caption: "Microsoft Windows Server 2022 Datacenter", version: "10.0.20348", build: 20348, productType: "server" },
          domainMembership: { domainRole: "MemberServer", partOfDomain: true },
          memory: { totalPhysicalBytes: 16383 * MiB },
          hotfixes: ["KB5034439", "KB5035857", "KB5036909"],
        },
      },
    ]);
    expect(hostFactsSchema.safeParse(result.hosts[0].facts).success).toBe(true);
  });

  it("reads several hosts each preceded by its own header, with locale thousands separators", () => {
    const result = parse(fixture("systeminfo-multi.csv"));
    expect(result.records).toBe(3);
    expect(result.issues).toEqual([]);
    const [dc01, dc02, jump] = result.hosts;
    expect(dc01).toMatchObject({
      row: 2,
      facts: {
        identity: { fqdn: "dc01.corp.contoso.com" },
        os: { build: 17763, productType: "domain-controller" },
        domainMembership: { domainRole: "PrimaryDomainController", partOfDomain: true },
        memory: { totalPhysicalBytes: 8191 * MiB },
        hotfixes: ["KB5012170", "KB5036896"],
      },
    });
    expect(dc02).toMatchObject({
      row: 4,
      facts: { os: { productType: "domain-controller" }, domainMembership: { domainRole: "BackupDomainController" }, memory: { totalPhysicalBytes: 32767 * MiB } },
    });
    // Standalone: WORKGROUP is not a domain and is never used to qualify the name.
    expect(jump).toMatchObject({
      row: 6,
      facts: {
        identity: { fqdn: "jump01", netbiosName: "JUMP01" },
        os: { build: 14393, productType: "server" },
        domainMembership: { domainRole: "StandaloneServer", partOfDomain: false },
        memory: { totalPhysicalBytes: 4095 * MiB },
      },
    });
    expect(jump.facts.identity?.domain).toBeUndefined();
    expect(jump.facts.hotfixes).toBeUndefined();
  });

  it("reads one header followed by several host lines", () => {
    const [header, dc01] = fixture("systeminfo-multi.csv").split("\r\n");
    const single = fixture("systeminfo-single.csv").split("\r\n")[1];
    const result = parse(`${header}\r\n${single}\r\n${dc01}\r\n`);
    expect(result.hosts.map((h) => [h.row, h.facts.identity?.fqdn])).toEqual([
      [2, "sync01.corp.contoso.com"],
      [3, "dc01.corp.contoso.com"],
    ]);
  });

  it("refuses localized headers with a clear message", () => {
    const result = parse(fixture("systeminfo-localized.csv"), "de.csv");
    expect(result.hosts).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ file: "de.csv", severity: "error" });
    expect(result.issues[0].message).toMatch(/only English headers are supported/);
    expect(result.issues[0].message).toMatch(/"Betriebssystemname"/);
  });

  it("reads /nh output (no header) in the standard column order, with a warning", () => {
    const lines = fixture("systeminfo-single.csv").split("\r\n");
    const result = parse(`${lines[1]}\r\n`);
    expect(result.hosts[0].facts.identity?.fqdn).toBe("sync01.corp.contoso.com");
    expect(result.issues).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringMatching(/no header line/) })]);
  });

  it("keeps a host with unreadable values: each is a warning with the row and column, and that fact is unknown", () => {
    const header = fixture("systeminfo-single.csv").split("\r\n")[0];
    const row = fixture("systeminfo-single.csv").split("\r\n")[1].replace('"Member Server"', '"Mitgliedsserver"').replace('"16,383 MB"', '"lots"');
    const result = parse(`${header}\r\n${row}\r\n`);
    expect(result.rejected).toBe(0);
    expect(result.hosts).toHaveLength(1);
    expect(result.hosts[0].facts.memory).toBeUndefined();
    expect(result.hosts[0].facts.domainMembership).toBeUndefined();
    expect(result.hosts[0].facts.os?.build).toBeDefined();
    expect(result.issues.map(({ row: r, column, severity }) => ({ row: r, column, severity }))).toEqual([
      { row: 2, column: "OS Configuration", severity: "warning" },
      { row: 2, column: "Total Physical Memory", severity: "warning" },
    ]);
    expect(result.issues[1].message).toMatch(/^"lots" is not an amount such as "15,998 MB"\. .*unknown/);
  });

  it("rejects a row whose Host Name is empty", () => {
    const header = fixture("systeminfo-single.csv").split("\r\n")[0];
    const fields = fixture("systeminfo-single.csv").split("\r\n")[1].split('","');
    fields[0] = '"';
    const result = parse(`${header}\r\n${fields.join('","')}\r\n`);
    expect(result.rejected).toBe(1);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "error", row: 2, column: "Host Name", message: expect.stringMatching(/host name is empty/) }));
  });

  it("warns when the hotfix count disagrees with the list", () => {
    const header = fixture("systeminfo-single.csv").split("\r\n")[0];
    const row = fixture("systeminfo-single.csv").split("\r\n")[1].replace("3 Hotfix(s) Installed.", "5 Hotfix(s) Installed.");
    const result = parse(`${header}\r\n${row}\r\n`);
    expect(result.hosts).toHaveLength(1);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "warning", row: 2, column: "Hotfix(s)" })]);
  });
});
