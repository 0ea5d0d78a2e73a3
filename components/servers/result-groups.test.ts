import { describe, expect, it } from "vitest";
import type { RuleResult } from "@/lib/rules";
import { describePowerShellProblems } from "@/lib/powershell/lint";
import { collectorCommand, compactJson, decidedBy, groupCommands, groupInherited, groupMissingData, missingDataCause, missingDataHost, sortResults, statusCounts } from "./result-groups";

const result = (ruleId: string, status: RuleResult["status"], severity: RuleResult["severity"], scope: RuleResult["scope"] = "host"): RuleResult => ({
  ruleId,
  status,
  severity,
  scope,
  message: "",
  evidence: [],
});

describe("result ordering and grouping", () => {
  it("puts failing results first, blockers before warnings, then by id", () => {
    const sorted = sortResults([
      result("a", "pass", "blocker"),
      result("b", "fail", "warning"),
      result("c", "unknown", "blocker"),
      result("d", "fail", "blocker"),
      result("e", "waived", "blocker"),
      result("f", "fail", "blocker"),
    ]);
    expect(sorted.map((r) => r.ruleId)).toEqual(["d", "f", "b", "c", "e", "a"]);
  });

  it("groups inherited results by scope in page order, skipping empty scopes", () => {
    const groups = groupInherited([
      result("t1", "pass", "blocker", "tenant"),
      result("d1", "pass", "blocker", "domain"),
      result("d2", "fail", "warning", "domain"),
      result("g1", "unknown", "blocker", "gmsa-acl"),
    ]);
    expect(groups.map((g) => [g.scope, g.results.map((r) => r.ruleId)])).toEqual([
      ["domain", ["d2", "d1"]],
      ["gmsa-acl", ["g1"]],
      ["tenant", ["t1"]],
    ]);
  });

  it("names the results that decide the verdict by effective severity", () => {
    const decided = decidedBy([
      result("block", "fail", "blocker"),
      result("demoted", "fail", "warning"),
      result("missing", "unknown", "blocker"),
      result("missing-info", "unknown", "info"),
      result("waived", "waived", "blocker"),
      result("info", "fail", "info"),
    ]);
    expect(decided.blocking.map((r) => r.ruleId)).toEqual(["block"]);
    expect(decided.conditions.map((r) => r.ruleId)).toEqual(["demoted"]);
    expect(decided.unknownBlockers.map((r) => r.ruleId)).toEqual(["missing"]);
  });

  it("counts statuses", () => {
    expect(statusCounts([result("a", "fail", "blocker"), result("b", "pass", "info"), result("c", "pass", "info")])).toEqual({ fail: 1, unknown: 0, waived: 0, pass: 2 });
  });
});

describe("compactJson", () => {
  it("renders values compactly and bounds their length", () => {
    expect(compactJson({ a: [1, 2], b: null })).toBe('{"a":[1,2],"b":null}');
    expect(compactJson("absent")).toBe('"absent"');
    expect(compactJson(undefined)).toBe("null");
    expect(compactJson("x".repeat(50), 10)).toBe(`"${"x".repeat(8)}…`);
  });
});

const unknownResult = (ruleId: string, severity: RuleResult["severity"], scope: RuleResult["scope"], missingFact: string, collect = "Get-Date"): RuleResult => ({
  ...result(ruleId, "unknown", severity, scope),
  reason: { code: "missing-fact", missingFact, collect, message: "" },
});

describe("missing data grouped by cause", () => {
  const noData = [
    unknownResult("host-memory", "blocker", "host", "host.memory.totalPhysicalBytes"),
    unknownResult("host-os-supported", "blocker", "host", "host.os.build"),
    unknownResult("host-tier0", "warning", "host", "host.tier0", ""),
    unknownResult("host-gmsa-retrieval", "warning", "host", "domain.gmsa.principalsAllowedToRetrievePassword"),
    unknownResult("domain-kds-root-key", "blocker", "domain", "domain.kdsRootKeys"),
    unknownResult("gmsa-acl-phs", "blocker", "gmsa-acl", "acl"),
    unknownResult("fleet-agent-count", "warning", "fleet", "domain.dnsName"),
    unknownResult("tenant-idfix", "warning", "tenant", "tenant.attestations", ""),
    unknownResult("tenant-custom-domain", "blocker", "tenant", "tenant.domains", "Connect-MgGraph -Scopes Domain.Read.All"),
    unknownResult("scope-ou-count", "blocker", "sync-scope", "scope.configurations"),
    result("host-port-443", "pass", "blocker"),
    result("host-domain-joined", "fail", "blocker"),
  ];

  it("collapses a server without data into one action per cause, blockers counted, passing and failing left out", () => {
    const groups = groupMissingData(noData, {});
    expect(groups.map((g) => [g.cause, g.results.map((r) => r.ruleId), g.blockers])).toEqual([
      ["collector", ["host-memory", "host-os-supported"], 2],
      ["domain", ["domain-kds-root-key", "gmsa-acl-phs", "fleet-agent-count", "host-gmsa-retrieval"], 2],
      ["tenant", ["tenant-custom-domain", "tenant-idfix"], 1],
      ["sync-scope", ["scope-ou-count"], 1],
      ["other", ["host-tier0"], 0],
    ]);
  });

  it("puts every domain, gMSA, scope and fleet unknown of a workgroup server under 'join a domain first'", () => {
    const groups = groupMissingData(noData, { partOfDomain: false });
    expect(groups.map((g) => g.cause)).toEqual(["workgroup", "collector", "tenant", "other"]);
    expect(groups[0].results.map((r) => r.ruleId)).toEqual(["domain-kds-root-key", "gmsa-acl-phs", "scope-ou-count", "fleet-agent-count", "host-gmsa-retrieval"]);
    expect(groups.find((g) => g.cause === "other")!.results.map((r) => r.ruleId)).toEqual(["host-tier0"]);
  });

  it("treats a domain member like an unknown membership, and a rule error as its own cause", () => {
    expect(missingDataCause(noData[4], { partOfDomain: true })).toBe("domain");
    const broken: RuleResult = { ...result("host-memory", "unknown", "blocker"), reason: { code: "rule-error", missingFact: "rule host-memory", collect: "", message: "" } };
    expect(missingDataCause(broken, {})).toBe("other");
    expect(groupMissingData([result("a", "pass", "blocker"), result("b", "fail", "blocker")], {})).toEqual([]);
  });

  it("writes the collector command for the host's cloud, with -IncludeDomain for the domain facts, as runnable PowerShell", () => {
    expect(collectorCommand(undefined)).toBe("powershell.exe -ExecutionPolicy Bypass -File .\\Get-CloudSyncReadiness.ps1 -Cloud Public");
    expect(collectorCommand("usgov", true)).toBe("powershell.exe -ExecutionPolicy Bypass -File .\\Get-CloudSyncReadiness.ps1 -Cloud USGov -IncludeDomain");
    expect(describePowerShellProblems(collectorCommand("public", true))).toBe("");
  });

  it("joins a group's distinct collect commands and reads the host facts defensively", () => {
    expect(groupCommands(noData.slice(7, 9))).toBe("Connect-MgGraph -Scopes Domain.Read.All");
    expect(groupCommands([noData[0], noData[1], noData[2]])).toBe("Get-Date");
    expect(missingDataHost({ domainMembership: { partOfDomain: false }, network: { cloud: "usgov" } })).toEqual({ partOfDomain: false, cloud: "usgov" });
    expect(missingDataHost({ domainMembership: { partOfDomain: "no" }, network: { cloud: "mars" } })).toEqual({});
    expect(missingDataHost(undefined)).toEqual({});
  });
});
