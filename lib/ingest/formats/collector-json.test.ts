import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toPs51Json, type JsonValue } from "@/lib/ingest/collector/fixtures/ps51-json";
import type { ParseInput, ParseOptions } from "@/lib/ingest/types";
import collectorJson from "./collector-json";

const FIXTURES = path.resolve(__dirname, "../collector/fixtures");
const text = (name: string): string => readFileSync(path.join(FIXTURES, name), "utf8");
const json = (name: string): { [key: string]: JsonValue } => JSON.parse(text(name));
const input = (body: string, fileName = "upload.json", options: ParseOptions = {}): ParseInput => ({ fileName, text: body, options });

describe("collector-json: metadata", () => {
  it("is the host-inventory parser of the collector", () => {
    expect(collectorJson.id).toBe("collector-json");
    expect(collectorJson.kind).toBe("host-inventory");
    expect(collectorJson.label).toBe("Cloud Sync Readiness collector (JSON)");
  });
});

describe("collector-json: detect", () => {
  it("is sure about a collector output, a bundle and a BOM-prefixed file", () => {
    expect(collectorJson.detect(input(text("server2022-ready.json")))).toBeGreaterThan(0.9);
    expect(collectorJson.detect(input(`[${text("server2022-ready.json")}]`))).toBeGreaterThan(0.9);
    expect(collectorJson.detect(input(JSON.stringify({ hosts: [json("server2022-core.json")] })))).toBeGreaterThan(0.9);
    expect(collectorJson.detect(input(`\uFEFF${text("server2022-ready.json")}`))).toBeGreaterThan(0.9);
  });

  it("says no to other JSON, CSV and text", () => {
    expect(collectorJson.detect(input('{"schemaVersion": 1, "collector": {"name": "OtherTool"}}'))).toBe(0);
    expect(collectorJson.detect(input('"Host Name","OS Name"\r\n"SRV1","Microsoft Windows Server 2022"'))).toBe(0);
    expect(collectorJson.detect(input("Get-CloudSyncReadiness was here"))).toBe(0);
    expect(collectorJson.detect(input(""))).toBe(0);
  });
});

describe("collector-json: parse one file", () => {
  it("turns one collector output into one host (row 1) with its producer version", () => {
    const result = collectorJson.parse(input(text("server2022-ready.json"), "SYNC01.cloudsync-readiness.json"));
    expect(result).toMatchObject({ kind: "host-inventory", format: "collector-json", producerVersion: "1.0.0", records: 1, rejected: 0 });
    expect(result.issues).toEqual([]);
    expect(result.hosts).toHaveLength(1);
    expect(result.hosts[0].row).toBe(1);
    expect(result.hosts[0].facts.identity?.fqdn).toBe("sync01.corp.contoso.com");
    expect(result.domains).toEqual([]);
    expect(result.acls).toEqual([]);
  });

  it("returns the domain section as DomainFacts", () => {
    const result = collectorJson.parse(input(text("server2025-dc-domain.json")));
    expect(result.domains).toHaveLength(1);
    expect(result.domains[0]).toMatchObject({ dnsName: "corp.contoso.com", schemaVersion: 91 });
  });

  it("reports the host's failed probes as warnings naming file, row and JSON path", () => {
    const result = collectorJson.parse(input(text("server2019-probe-errors.json"), "FS02.json"));
    expect(result.rejected).toBe(0);
    expect(result.hosts).toHaveLength(1);
    const warnings = result.issues.filter((issue) => issue.severity === "warning");
    expect(warnings).toHaveLength(6);
    expect(warnings[1]).toEqual({
      file: "FS02.json",
      row: 1,
      column: "errors[1]",
      message: 'probe "os" failed on the host, its facts were not collected: Provider load failure ',
      severity: "warning",
    });
  });

  it("rejects a host with an invalid record and says where", () => {
    const doc = json("server2022-ready.json");
    const body = text("server2022-ready.json").replace('"productType":  3', '"productType":  "three"');
    expect(body).not.toBe(toPs51Json(doc));
    const result = collectorJson.parse(input(body, "bad.json"));
    expect(result.hosts).toEqual([]);
    expect(result).toMatchObject({ records: 1, rejected: 1 });
    expect(result.issues).toEqual([
      { file: "bad.json", row: 1, column: "host.os.productType", message: expect.stringMatching(/number/), severity: "error" },
    ]);
  });

  it("rejects an unsupported schemaVersion with a clear message", () => {
    const body = text("server2022-ready.json").replace('"schemaVersion":  1', '"schemaVersion":  3');
    const result = collectorJson.parse(input(body, "future.json"));
    expect(result.rejected).toBe(1);
    expect(result.issues[0]).toMatchObject({ row: 1, column: "schemaVersion", severity: "error" });
    expect(result.issues[0].message).toMatch(/^unsupported schemaVersion 3: this version of Cloud Sync Readiness reads schemaVersion 1 and 2;/);
  });

  it("returns the ACLs a -IncludeDomain report read (schemaVersion 2) as AclFacts, with its warnings", () => {
    const result = collectorJson.parse(input(text("server2025-dc-domain-acl.json"), "DC01.json"));
    expect(result).toMatchObject({ kind: "host-inventory", producerVersion: "1.1.0", records: 1, rejected: 0 });
    expect(result.domains).toHaveLength(1);
    expect(result.acls.map((acl) => [acl.targetDn, acl.account, acl.aces?.length])).toEqual([
      ["DC=corp,DC=contoso,DC=com", "CORP\\provAgentgMSA$", 24],
      ["OU=Staff,DC=corp,DC=contoso,DC=com", "CORP\\provAgentgMSA$", 8],
      ["OU=Legacy,DC=corp,DC=contoso,DC=com", "CORP\\provAgentgMSA$", 6],
    ]);
    expect(result.issues).toEqual([
      { file: "DC01.json", row: 1, column: "domain.acls[2].protected", message: expect.stringMatching(/^inheritance is disabled on OU=Legacy/), severity: "warning" },
    ]);
  });

  it("rejects a report whose access rule cannot be read, with row and JSON path, and stores none of its facts", () => {
    const body = text("server2025-dc-domain-acl.json").replace('"accessControlType":  "Deny"', '"accessControlType":  "Perhaps"');
    const result = collectorJson.parse(input(body, "DC01.json"));
    expect(result).toMatchObject({ records: 1, rejected: 1, hosts: [], domains: [], acls: [] });
    expect(result.issues).toEqual([
      { file: "DC01.json", row: 1, column: "domain.acls[1].accessRules[2].accessControlType", message: expect.stringMatching(/"Perhaps" is not an AccessControlType/), severity: "error" },
    ]);
  });

  it("refuses a file that is not JSON, or JSON of the wrong shape, as a whole", () => {
    const broken = collectorJson.parse(input(text("server2022-ready.json").slice(0, 500), "cut.json"));
    expect(broken.records).toBe(0);
    expect(broken.issues).toHaveLength(1);
    expect(broken.issues[0]).toMatchObject({ file: "cut.json", severity: "error" });
    expect(broken.issues[0].row).toBeUndefined();
    expect(broken.issues[0].message).toMatch(/^The JSON ends too early at line \d+, column \d+: the file looks truncated/);
    const wrong = collectorJson.parse(input('{"hosts": 3}'));
    expect(wrong.issues).toEqual([{ file: "upload.json", column: "hosts", message: "expected hosts to be an array of collector outputs", severity: "error" }]);
    expect(collectorJson.parse(input("42")).issues[0].message).toMatch(/expected a JSON object or array/);
  });

  it("reads a file with a UTF-8 BOM", () => {
    expect(collectorJson.parse(input(`\uFEFF${text("server2022-core.json")}`)).hosts).toHaveLength(1);
  });
});

describe("collector-json: bundles", () => {
  const ready = json("server2022-ready.json");
  const core = json("server2022-core.json");
  const dc = json("server2025-dc-domain.json");

  it("parses an array of collector outputs; row = position in the array", () => {
    const result = collectorJson.parse(input(JSON.stringify([ready, core, dc]), "bundle.json"));
    expect(result).toMatchObject({ records: 3, rejected: 0 });
    expect(result.hosts.map((h) => [h.row, h.facts.identity?.netbiosName])).toEqual([
      [1, "SYNC01"],
      [2, "CORE01"],
      [3, "DC01"],
    ]);
    expect(result.domains).toHaveLength(1);
  });

  it('parses { "hosts": [...] } and PowerShell\'s unrolled one-host form { "hosts": {...} }', () => {
    const many = collectorJson.parse(input(toPs51Json({ generatedBy: "fleet", hosts: [ready, core] })));
    expect(many.hosts.map((h) => h.row)).toEqual([1, 2]);
    const one = collectorJson.parse(input(toPs51Json({ hosts: core })));
    expect(one.hosts.map((h) => h.facts.identity?.netbiosName)).toEqual(["CORE01"]);
  });

  it("rejects only the invalid hosts, naming their row and JSON path", () => {
    const broken = structuredClone(core);
    const host = broken.host;
    if (typeof host !== "object" || host === null || Array.isArray(host)) throw new Error("fixture shape");
    host.memory = { totalPhysicalBytes: -5, installedBytes: null };
    const result = collectorJson.parse(input(JSON.stringify([ready, broken, { schemaVersion: 3 }, dc]), "fleet.json"));
    expect(result).toMatchObject({ records: 4, rejected: 2 });
    expect(result.hosts.map((h) => h.row)).toEqual([1, 4]);
    expect(result.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.column])).toEqual([
      [2, "host.memory.totalPhysicalBytes"],
      [3, "schemaVersion"],
    ]);
  });

  it("lists at most 1,000 row issues for a bundle of broken reports and says how many more there are", () => {
    const broken = Array.from({ length: 1500 }, () => ({ schemaVersion: 3 }));
    const result = collectorJson.parse(input(JSON.stringify(broken), "fleet.json"));
    expect(result).toMatchObject({ records: 1500, rejected: 1500 });
    expect(result.issues.filter((i) => i.severity === "error")).toHaveLength(1000);
    expect(result.issues.at(-1)).toMatchObject({ severity: "warning", message: expect.stringMatching(/^500 more row-level issue/) });
  });

  it("keeps the most recent domain section when several hosts carry the same domain", () => {
    const older = structuredClone(dc);
    const newer = structuredClone(dc);
    older.collector = { name: "Get-CloudSyncReadiness", version: "1.0.0", runAt: "2026-09-01T00:00:00Z" };
    const domain = newer.domain;
    if (typeof domain !== "object" || domain === null || Array.isArray(domain)) throw new Error("fixture shape");
    domain.schemaVersion = 88;
    const result = collectorJson.parse(input(JSON.stringify([newer, older])));
    expect(result.domains).toHaveLength(1);
    expect(result.domains[0].schemaVersion).toBe(88);
  });

  it("keeps the most recent reading of an object when several hosts' reports carry its ACL", () => {
    const older = json("server2025-dc-domain-acl.json");
    const newer = structuredClone(older) as { collector: { runAt: string }; domain: { acls: { accessRules: unknown[] }[] } };
    newer.collector.runAt = "2026-10-08T09:00:00Z";
    newer.domain.acls[0].accessRules = newer.domain.acls[0].accessRules.slice(0, 8);
    const result = collectorJson.parse(input(JSON.stringify([newer, older])));
    expect(result.acls).toHaveLength(3);
    expect(result.acls[0]).toMatchObject({ targetDn: "DC=corp,DC=contoso,DC=com", collectedAt: "2026-10-08T09:00:00.000Z" });
    expect(result.acls[0].aces).toHaveLength(8);
  });

  it("warns once when a bundle mixes collector versions", () => {
    const other = structuredClone(core);
    other.collector = { name: "Get-CloudSyncReadiness", version: "1.1.0", runAt: "2026-10-06T10:44:19Z" };
    const result = collectorJson.parse(input(JSON.stringify([ready, other]), "mixed.json"));
    expect(result.producerVersion).toBe("1.0.0");
    expect(result.issues).toEqual([
      { file: "mixed.json", message: "the bundle mixes collector versions 1.0.0, 1.1.0; producer version reported as 1.0.0", severity: "warning" },
    ]);
  });

  it("refuses a bundle larger than maxRows", () => {
    const result = collectorJson.parse(input(JSON.stringify([ready, core, ready]), "big.json", { maxRows: 2 }));
    expect(result.hosts).toEqual([]);
    expect(result.issues[0].message).toBe("the file holds 3 collector outputs; at most 2 are accepted per upload");
  });

  it("parses a 50,000-host bundle in linear time", () => {
    // Compact JSON of realistic hosts (16 network checks each), the shape the fleet generator writes.
    const hostAt = (i: number): string =>
      JSON.stringify(ready)
        .replace(/SYNC01/g, `SRV${i}`)
        .replace(/"sync01\./gi, `"srv${i}.`);
    const template = JSON.stringify(ready);
    const parts: string[] = [];
    const count = 50_000;
    for (let i = 0; i < count; i++) parts.push(i % 1000 === 0 ? hostAt(i) : template);
    const body = `{"hosts":[${parts.join(",")}]}`;

    const started = performance.now();
    const result = collectorJson.parse(input(body, "fleet.json"));
    const elapsed = performance.now() - started;

    expect(result).toMatchObject({ records: count, rejected: 0 });
    expect(result.hosts).toHaveLength(count);
    expect(result.hosts[count - 1].row).toBe(count);
    expect(result.hosts[1000].facts.identity?.netbiosName).toBe("SRV1000");
    // Generous bound for a shared 2-core machine; measured at a fraction of it.
    expect(elapsed).toBeLessThan(60_000);

    // Linear: per host, the full bundle costs no more than a few times a tenth of it (GC and noise allowed).
    const tenth = `{"hosts":[${parts.slice(0, count / 10).join(",")}]}`;
    const smallStart = performance.now();
    collectorJson.parse(input(tenth));
    const smallElapsed = performance.now() - smallStart;
    expect(elapsed).toBeLessThan(smallElapsed * 10 * 5);
  }, 120_000);
});
