import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hostFactsSchema } from "@/lib/facts";
import type { ParseOptions } from "../types";
import inventoryCsv from "./inventory-csv";
import { INVENTORY_FIELDS, INVENTORY_FIELD_IDS, fieldForHeader, resolveInventoryColumns } from "./inventory-fields";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const parse = (text: string, options: ParseOptions = {}, fileName = "inventory.csv") => inventoryCsv.parse({ fileName, text, options });
const GiB = 1024 ** 3;

describe("inventory-csv: hand-made fixture with every quirk", () => {
  const result = parse(fixture("inventory-basic.csv"), {}, "inventory-basic.csv");

  it("counts records and rejected rows (only rows without a usable host name are rejected)", () => {
    expect(result).toMatchObject({ kind: "host-inventory", format: "inventory-csv", records: 6, rejected: 2 });
    expect(result.hosts.map((h) => [h.row, h.facts.identity?.fqdn])).toEqual([
      [2, "sync01.corp.contoso.com"],
      [3, "sync02.corp.contoso.com"],
      [5, "sync03.corp.contoso.com"],
      [7, "sync05.corp.contoso.com"],
    ]);
  });

  it("keeps a row with an unreadable cell: that fact is unknown, the others are read, and a warning names file, row, column, value and what was expected", () => {
    const sync05 = result.hosts[3].facts;
    expect(sync05.memory).toBeUndefined();
    expect(sync05.os).toMatchObject({ caption: "Microsoft Windows Server 2022 Standard", build: 20348 });
    expect(sync05.dotnet).toEqual({ release: 528449 });
    const warning = result.issues.find((i) => i.row === 7);
    expect(warning).toMatchObject({ file: "inventory-basic.csv", severity: "warning", row: 7, column: "RAM (GB)" });
    expect(warning?.message).toMatch(/^"lots": expected an amount of memory such as "16 GB".*this fact is unknown for the server; the rest of the row was kept\.$/);
  });

  it("maps aliased headers to facts", () => {
    expect(result.hosts[0].facts).toEqual({
      identity: { fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01", domain: "corp.contoso.com" },
      os: { caption: "Microsoft Windows Server 2022 Datacenter", version: "10.0.20348", build: 20348, ubr: 2402, installationType: "Server" },
      memory: { totalPhysicalBytes: 16 * GiB },
      dotnet: { release: 528449 },
      site: "Paris-DC1",
      owner: "Identity Team",
      tags: ["tier0", "sync", "prod"],
      tier0: true,
      tls: { schannelTls12: { client: { enabled: 1, disabledByDefault: 0 } }, dotnet64: { schUseStrongCrypto: 1 } },
    });
  });

  it("reads thousands separators, Not Found registry values and an FQDN without a Domain column value", () => {
    const sync02 = result.hosts[1].facts;
    expect(sync02.memory?.totalPhysicalBytes).toBe(1024 * GiB);
    expect(sync02.identity?.domain).toBe("corp.contoso.com");
    expect(sync02.os?.installationType).toBe("Server Core");
    expect(sync02.tls).toEqual({ schannelTls12: { client: { enabled: null, disabledByDefault: null } }, dotnet64: { schUseStrongCrypto: null } });
  });

  it("keeps hostile strings as inert data", () => {
    expect(result.hosts[1].facts.owner).toBe("=cmd|' /C calc'!A0");
    expect(result.hosts[2].facts.site).toBe("<script>alert(1)</script>");
    expect(result.hosts[2].facts.owner).toBe("Ow\u202ener");
  });

  it("reports each problem with file, row and column", () => {
    const errors = result.issues.filter((i) => i.severity === "error").map(({ file, row, column }) => ({ file, row, column }));
    expect(errors).toEqual([
      { file: "inventory-basic.csv", row: 6, column: "Host Name" },
      { file: "inventory-basic.csv", row: 8, column: "Host Name" },
    ]);
    expect(result.issues.find((i) => i.row === 6)?.message).toMatch(/host name is empty/);
    expect(result.issues.find((i) => i.row === 8)?.message).toMatch(/300 characters long \(at most 255/);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "warning", row: 5, column: "Owner", message: expect.stringContaining("\\u{202E}") }));
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "warning", message: expect.stringContaining('"Notes"') }));
  });

  it("produces facts that validate against the facts schema", () => {
    for (const host of result.hosts) expect(hostFactsSchema.safeParse(host.facts).success).toBe(true);
  });
});

describe("inventory-csv: delimiters, locales and units", () => {
  it("reads a semicolon file with sep= line, dotted thousands and decimal commas", () => {
    const result = parse(fixture("inventory-semicolon.csv"));
    expect(result.issues).toEqual([]);
    expect(result.hosts.map((h) => h.facts)).toEqual([
      {
        identity: { fqdn: "app01.corp.contoso.com", netbiosName: "APP01", domain: "corp.contoso.com" },
        os: { caption: "Microsoft Windows Server 2019 Datacenter", version: "10.0.17763", build: 17763, ubr: 5696 },
        memory: { totalPhysicalBytes: 16 * GiB },
        tier0: true,
      },
      {
        identity: { fqdn: "app02.corp.contoso.com", netbiosName: "APP02", domain: "corp.contoso.com" },
        os: { caption: "Microsoft Windows Server 2022 Datacenter", version: "10.0.20348", build: 20348, ubr: 2402 },
        memory: { totalPhysicalBytes: 7.5 * GiB },
        tier0: false,
      },
    ]);
  });

  it("uses bytes for TotalPhysicalMemory and KB for CsPhysicallyInstalledMemory", () => {
    const result = parse("Name,TotalPhysicalMemory,CsPhysicallyInstalledMemory,Domain\nsrv01,17179332608,16777216,corp.contoso.com\n");
    expect(result.hosts[0].facts.memory).toEqual({ totalPhysicalBytes: 17179332608, installedBytes: 16 * GiB });
  });

  it("guesses a missing memory unit by size and warns once per column", () => {
    const result = parse("Host,Memory\nsrv01.corp.com,16\nsrv02.corp.com,32\n");
    expect(result.hosts.map((h) => h.facts.memory?.totalPhysicalBytes)).toEqual([16 * GiB, 32 * GiB]);
    expect(result.issues.filter((i) => /does not say which unit/.test(i.message))).toHaveLength(1);
  });

  it("warns about short names it cannot qualify and uses the default domain when given", () => {
    const text = "Server,OS\nsrv01,Windows Server 2022\n";
    expect(parse(text).issues).toContainEqual(expect.objectContaining({ severity: "warning", message: expect.stringMatching(/1 host name\(s\) are short names/) }));
    expect(parse(text, { defaultDomain: "corp.contoso.com" }).hosts[0].facts.identity?.fqdn).toBe("srv01.corp.contoso.com");
  });

  it("warns about duplicate hosts and repeated header lines are skipped", () => {
    const result = parse("FQDN,OS\na.corp.com,x\nFQDN,OS\na.corp.com,y\n");
    expect(result.records).toBe(2);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "warning", row: 4, column: "FQDN", message: expect.stringMatching(/also appears on line 2/) }));
  });

  it("prefers the FQDN column over a short Name column", () => {
    const result = parse("Name,DNSHostName\nSYNC01,sync01.corp.contoso.com\n");
    expect(result.hosts[0].facts.identity).toEqual({ fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01", domain: "corp.contoso.com" });
  });
});

describe("inventory-csv: column mapping", () => {
  it("refuses a file with no identity column, listing the headers and how to map them", () => {
    const result = parse(fixture("inventory-no-identity.csv"), {}, "inventory-no-identity.csv");
    expect(result.hosts).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ file: "inventory-no-identity.csv", severity: "error" });
    expect(result.issues[0].row).toBeUndefined();
    expect(result.issues[0].message).toMatch(/Headers found: "Asset Tag", "Operating Sys", "RAM GB"/);
    expect(result.issues[0].message).toMatch(/column-mapping step/);
  });

  it("accepts options.columnMapping for unknown headers", () => {
    const result = parse(fixture("inventory-mapping.csv"), {
      columnMapping: { Asset: "hostName", "box ram mb": "memory", Role: "domainRole" },
      defaultDomain: "corp.contoso.com",
    });
    expect(result.issues).toEqual([]);
    expect(result.hosts.map((h) => h.facts)).toEqual([
      {
        identity: { fqdn: "srv-a.corp.contoso.com", netbiosName: "SRV-A", domain: "corp.contoso.com" },
        memory: { totalPhysicalBytes: 32 * GiB },
        domainMembership: { domainRole: "MemberServer", partOfDomain: true },
        os: { productType: "server" },
      },
      {
        identity: { fqdn: "srv-b.corp.contoso.com", netbiosName: "SRV-B", domain: "corp.contoso.com" },
        memory: { totalPhysicalBytes: 8 * GiB },
        domainMembership: { domainRole: "PrimaryDomainController", partOfDomain: true },
        os: { productType: "domain-controller" },
      },
    ]);
  });

  it("lets a mapping override an alias or ignore a column", () => {
    const result = parse("Name,Owner,Version\nsrv01.corp.com,Bob,1.1.2505.0\n", { columnMapping: { Owner: "ignore", Version: "agentVersion" } });
    expect(result.hosts[0].facts.owner).toBeUndefined();
    expect(result.hosts[0].facts.agent).toEqual({ version: "1.1.2505.0" });
  });

  it("leaves generic headers (Revision, Environment) unmapped: a CMDB's revision or stage is not the UBR or the cloud; Version stays the OS version (Win32_OperatingSystem's column)", () => {
    const result = parse("Name,Caption,Version,Revision,Environment\nsrv01.corp.com,Microsoft Windows Server 2022 Standard,10.0.20348,7,Production\n");
    expect(result.hosts[0].facts.os).toEqual({ caption: "Microsoft Windows Server 2022 Standard", version: "10.0.20348", build: 20348 });
    expect(result.hosts[0].facts).not.toHaveProperty("cloud");
    expect(resolveInventoryColumns(["Name", "Version", "Revision", "Environment"]).columns.map((c) => c.field)).toEqual(["hostName", "osVersion", undefined, undefined]);
  });

  it("reads a .NET version written as text in the Release column (lowest Release of that version, one warning) and a policy with stray spaces", () => {
    const result = parse("Name,.NET Release,Execution Policy\nsrv01.corp.com,.NET 4.8.1,RemoteSigned \nsrv02.corp.com,4.8, Undefined\nsrv03.corp.com,528449,RemoteSigned\n");
    expect(result.rejected).toBe(0);
    expect(result.hosts.map((h) => [h.facts.dotnet?.release, h.facts.executionPolicy?.effective])).toEqual([
      [533320, "RemoteSigned"],
      [528040, "Undefined"],
      [528449, "RemoteSigned"],
    ]);
    const warnings = result.issues.filter((i) => i.severity === "warning" && /version names/.test(i.message));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]!.message).toContain(".NET Framework 4.8.1 was read as Release 533320");
  });

  it("reads the WinHTTP proxy column: host:port (or per scheme) is a configured proxy, none or direct is no proxy", () => {
    const result = parse(
      "Name,WinHTTP Proxy\nsrv01.corp.com,proxy.corp.com:8080\nsrv02.corp.com,http=p1.corp.com:80;https=p2.corp.com:8443\nsrv03.corp.com,Direct\nsrv04.corp.com,not a proxy\n",
    );
    expect(result.hosts.map((h) => h.facts.network?.proxy)).toEqual([
      { configured: true, address: "proxy.corp.com:8080" },
      { configured: true, address: "http=p1.corp.com:80;https=p2.corp.com:8443" },
      { configured: false },
      undefined,
    ]);
    expect(result.issues.find((i) => i.column === "WinHTTP Proxy")?.message).toMatch(/is not a proxy setting/);
  });

  it("refuses a mapping to an unknown field id", () => {
    const result = parse("Asset\nsrv01\n", { columnMapping: { Asset: "hostname-typo" } });
    expect(result.hosts).toEqual([]);
    expect(result.issues[0]).toMatchObject({ severity: "error", column: "Asset", message: expect.stringMatching(/not a known field/) });
  });

  it("exports the canonical fields with aliases for the UI", () => {
    expect(INVENTORY_FIELDS.map((f) => f.id)).toEqual([...INVENTORY_FIELD_IDS]);
    for (const field of INVENTORY_FIELDS) for (const alias of field.aliases) expect(fieldForHeader(alias)).toBe(field.id);
    expect(fieldForHeader("RAM (GB)")).toBe("memory");
    expect(fieldForHeader("Memory in MB")).toBe("memory");
    expect(fieldForHeader("host_name")).toBe("hostName");
    expect(resolveInventoryColumns(["X"], { x: "fqdn" }).columns[0]).toMatchObject({ field: "fqdn", via: "mapping" });
  });
});

describe("inventory-csv: known spellings of enum-like cells", () => {
  it("reads execution policies, install types, booleans and clouds with surrounding spaces and in any case", () => {
    const text = [
      "FQDN,Execution Policy,Installation Type,Tier0,Cloud,VaultSvc",
      'a.corp.com,"RemoteSigned ",server core,YES,AzureCloud,automatic',
      'b.corp.com," remotesigned",SERVER,no ," usgov ",Disabled',
      'c.corp.com,"  UNDEFINED  ", Server Core ,"  True",Public,"Manual "',
    ].join("\n");
    const result = parse(text);
    expect(result.issues).toEqual([]);
    expect(result.hosts.map((h) => [h.facts.executionPolicy?.effective, h.facts.os?.installationType, h.facts.tier0, h.facts.network?.cloud, h.facts.services?.vaultSvc])).toEqual([
      ["RemoteSigned", "Server Core", true, "public", "Auto"],
      ["RemoteSigned", "Server", false, "usgov", "Disabled"],
      ["Undefined", "Server Core", true, "public", "Manual"],
    ]);
  });

  it("an unknown execution policy is a warning naming the value and the expected ones; the host is kept with the policy unknown", () => {
    const result = parse("FQDN,Execution Policy\na.corp.com,Signed\n");
    expect(result.hosts).toHaveLength(1);
    expect(result.hosts[0].facts.executionPolicy).toBeUndefined();
    expect(result.issues).toEqual([
      expect.objectContaining({ severity: "warning", row: 2, column: "Execution Policy", message: expect.stringMatching(/^"Signed" is not an execution policy; expected Undefined, RemoteSigned.*unknown/) }),
    ]);
  });
});

describe("inventory-csv: limits and malformed input", () => {
  it("refuses a file with more rows than maxRows, accepting nothing", () => {
    const result = parse("Name\na.corp.com\nb.corp.com\nc.corp.com\n", { maxRows: 2 });
    expect(result.hosts).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/more than 2 data rows/) })]);
  });

  it("drops a 10,000-character value with a warning (row kept) and rejects such a host name, without copying them into messages", () => {
    const long = "x".repeat(10_000);
    const result = parse(`Name,Owner\nsrv01.corp.com,${long}\n${long},ok\n`);
    expect(result.hosts.map((h) => [h.row, h.facts.identity?.fqdn, h.facts.owner])).toEqual([[2, "srv01.corp.com", undefined]]);
    expect(result.issues.map(({ row, column, severity }) => ({ row, column, severity }))).toEqual([
      { row: 2, column: "Owner", severity: "warning" },
      { row: 3, column: "Name", severity: "error" },
    ]);
    for (const issue of result.issues) expect(issue.message.length).toBeLessThan(400);
  });

  it("reports an unclosed quote as a file-level error with its line", () => {
    const result = parse('Name,OS\nsrv01,"Windows\nsrv02,Windows\n');
    expect(result.hosts).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/starts on line 2 is never closed/) })]);
  });

  it("a problem late in the file is reported alone, as if no row had been read (rows are applied as they are read)", () => {
    // Rows with warnings and errors before an unclosed quote: none of their issues, records or hosts remain.
    const rows = Array.from({ length: 50 }, (_, i) => `srv${i}.corp.com,Full,${i % 2 === 0 ? "maybe" : "no"}`).join("\n");
    const quote = parse(`Name,Installation Type,Tier0\n${rows}\nsrv99,"Core\n`);
    expect(quote).toMatchObject({ hosts: [], records: 0, rejected: 0 });
    expect(quote.issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/starts on line 52 is never closed/) })]);
    // Past the row limit after rows were applied: only the limit.
    const limit = parse(`Name,Installation Type,Tier0\n${rows}\n`, { maxRows: 10 });
    expect(limit).toMatchObject({ hosts: [], records: 0 });
    expect(limit.issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/more than 10 data rows/) })]);
    // A header the file cannot be read with, and an unclosed quote: the quote, as before any header check.
    const both = parse('Foo,Bar\nsrv01,"Windows\n');
    expect(both.issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/never closed/) })]);
    // The header problem alone when the file reads.
    expect(parse("Foo,Bar\nsrv01,Windows\n").issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/No column identifies the host/) })]);
  });

  it("refuses a header without data", () => {
    expect(parse("Name,OS\n").issues[0].message).toMatch(/header line but no data rows/);
  });

  it("rejects bad enum values with the column named", () => {
    const result = parse("Name,Installation Type,Tier0\nsrv01.corp.com,Full,maybe\n");
    expect(result.issues.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 2, column: "Installation Type" },
      { row: 2, column: "Tier0" },
    ]);
  });

  it("parses a generated 20,000-row inventory", () => {
    const lines = ["Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain,Site,Owner,Tags,Tier0"];
    for (let i = 0; i < 20_000; i++) {
      lines.push(`srv${i},Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,Site ${i % 7},Team ${i % 13},"a;b",no`);
    }
    const result = parse(lines.join("\r\n"));
    expect(result.records).toBe(20_000);
    expect(result.hosts).toHaveLength(20_000);
    expect(result.rejected).toBe(0);
    expect(result.hosts[19_999].facts.identity?.fqdn).toBe("srv19999.corp.contoso.com");
  });
});

describe("inventory-csv: firewall user filtering (issue 14)", () => {
  it("reads FirewallFiltersByUser and NetworkServiceAllowed", () => {
    const result = parse("FQDN,FirewallFiltersByUser,NetworkServiceAllowed\nsync01.corp.contoso.com,yes,no\n");
    expect(result.hosts[0].facts.firewall).toEqual({ filtersByUser: true, networkServiceAllowed: false });
    expect(hostFactsSchema.safeParse(result.hosts[0].facts).success).toBe(true);
  });
});
