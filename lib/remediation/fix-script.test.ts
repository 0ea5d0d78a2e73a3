import { describe, expect, it } from "vitest";
import type { HostFacts } from "@/lib/facts";
import { evaluateHost } from "@/lib/readiness";
import { getRule, hostContext, pass, type Rule, type RuleContext, type RuleResult, type Severity } from "@/lib/rules";
import { buildFixScript, commentText, fixScriptFileName, invocationLines, planFixes } from "./fix-script";

const GENERATED_AT = "2026-08-02T10:00:00.000Z";

/** A host with TLS 1.2 disabled for the client, strong crypto absent, 2 GB of RAM and a current .NET. */
const FACTS: HostFacts = {
  tls: { schannelTls12: { client: { enabled: 0, disabledByDefault: 1 }, server: { enabled: 1, disabledByDefault: 0 } } },
  memory: { installedBytes: 2 * 1024 ** 3, totalPhysicalBytes: 2_146_938_880 },
  dotnet: { release: 528449 },
};

function realScript(facts: HostFacts = FACTS) {
  const ctx = hostContext(facts);
  const results = evaluateHost(ctx);
  const script = buildFixScript({
    server: { name: "SYNC01", fqdn: "sync01.corp.contoso.com" },
    generatedAt: GENERATED_AT,
    rulesetVersion: "rs-test",
    results,
    ctx,
    getRule,
  });
  return { results, script, lines: script.split("\n") };
}

function fakeRule(id: string, severity: Severity, script: ((ctx: RuleContext) => string | null) | undefined): Rule {
  return {
    meta: {
      id,
      title: `Title of ${id}`,
      severity,
      scope: "host",
      rationale: "A rationale for the test rule.",
      source: { document: "Test document", section: "Test section", url: "https://example.com/", revised: "2026-01-01" },
      remediation: { summary: `Do the manual thing for ${id}.`, steps: [] },
    },
    evaluate: () => pass("ok"),
    remediationScript: script,
    examples: [],
  };
}

const failing = (ruleId: string, severity: Severity, scope: RuleResult["scope"] = "host"): RuleResult => ({
  ruleId,
  status: "fail",
  severity,
  scope,
  message: "fails",
  evidence: [],
});

function fakeScript(rules: Rule[], results: RuleResult[], server = { name: "SRV", fqdn: "srv.example.com" }) {
  const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));
  return buildFixScript({ server, generatedAt: GENERATED_AT, rulesetVersion: "rs-x", results, ctx: { asOf: GENERATED_AT }, getRule: (id) => byId.get(id) });
}

describe("buildFixScript with the real host rules", () => {
  it("starts with the header, then the advanced-script param block", () => {
    const { lines } = realScript();
    expect(lines[0]).toBe("# Cloud Sync Readiness fix script for SYNC01 (sync01.corp.contoso.com).");
    const header = lines.slice(0, lines.indexOf("#Requires -Version 5.1"));
    expect(header.every((line) => line.startsWith("#"))).toBe(true);
    const text = header.join("\n");
    expect(text).toContain(`Generated at ${GENERATED_AT} with ruleset rs-test`);
    expect(text).toContain("only changes what is listed below");
    expect(text).toContain("elevated PowerShell session");
    expect(text).toContain(".\\SYNC01-cloudsync-fix.ps1 -WhatIf");
    expect(text).toContain("Safe to run twice");
    const firstStatement = lines.findIndex((line) => line.trim() !== "" && !line.startsWith("#"));
    expect(lines.slice(firstStatement, firstStatement + 2)).toEqual(["[CmdletBinding(SupportsShouldProcess)]", "param()"]);
  });

  it("has one region per failing host rule with a script, forwarding -WhatIf, and lists the rest as manual", () => {
    const { results, script, lines } = realScript();
    const failingIds = results.filter((r) => r.status === "fail").map((r) => r.ruleId);
    expect(failingIds).toEqual(expect.arrayContaining(["host-tls12-schannel", "host-memory"]));
    const regions = lines.filter((line) => line.startsWith("#region "));
    const withScript = failingIds.filter((id) => getRule(id)?.remediationScript?.(hostContext(FACTS)));
    expect(regions).toHaveLength(withScript.length);
    expect(regions.some((line) => line.includes("host-tls12-schannel: TLS 1.2 is enabled for the SCHANNEL client and server"))).toBe(true);
    expect(lines.filter((line) => line === "#endregion")).toHaveLength(withScript.length);
    // The snippets' own `@args` forwarding is replaced by an explicit -WhatIf pass-through.
    expect(script).not.toContain("} @args");
    expect(lines.filter((line) => line === "} -WhatIf:$WhatIfPreference")).toHaveLength(withScript.length);
    // host-memory has no script: it is named in the trailing manual-action list, not in a region.
    expect(regions.some((line) => line.includes("host-memory"))).toBe(false);
    const manualStart = lines.indexOf("# Needs manual action (no script can fix these):");
    expect(manualStart).toBeGreaterThan(lines.indexOf("#endregion"));
    expect(lines.slice(manualStart).some((line) => line.startsWith("#   host-memory (blocker):"))).toBe(true);
  });

  it("never scripts a passing, unknown or inherited result", () => {
    const { results, script } = realScript();
    expect(results.find((r) => r.ruleId === "host-dotnet-version")?.status).toBe("pass");
    expect(script).not.toMatch(/#region .*host-dotnet-version/);
    const unknownIds = results.filter((r) => r.status === "unknown").map((r) => r.ruleId);
    expect(unknownIds.length).toBeGreaterThan(0);
    for (const id of unknownIds) expect(script).not.toContain(`#region`.concat(" ") + id);
    const plan = planFixes({ results: [failing("gmsa-acl-phs", "blocker", "gmsa-acl")], ctx: { asOf: GENERATED_AT }, getRule });
    expect(plan).toEqual([]);
  });

  it("keeps the test-then-set steps, so running it twice changes nothing the second time", () => {
    const { script } = realScript();
    const region = script.slice(script.indexOf("#region 1."), script.indexOf("#endregion"));
    // Each DWORD is read first and written only when it differs, inside ShouldProcess.
    expect(region.indexOf("Get-ItemProperty")).toBeGreaterThan(-1);
    expect(region.indexOf("Get-ItemProperty")).toBeLessThan(region.indexOf("New-ItemProperty"));
    expect(region).toContain("if ($current -ne 1)");
    expect(region).toContain("$PSCmdlet.ShouldProcess(");
    // Braces stay balanced after the snippets are wrapped.
    expect((script.match(/\{/g) ?? []).length).toBe((script.match(/\}/g) ?? []).length);
  });

  it("says there is nothing to fix when every host rule passes or needs manual action", () => {
    const script = fakeScript([fakeRule("host-a", "blocker", () => null)], [failing("host-a", "blocker")]);
    expect(script).toContain("# Nothing to fix by script");
    expect(script).not.toContain("#region");
    expect(script).toContain("#   host-a (blocker): Title of host-a. Do the manual thing for host-a.");
  });
});

describe("buildFixScript ordering and snippet shapes", () => {
  const rules = [
    fakeRule("a-warning", "warning", () => "Write-Output 'a'"),
    fakeRule("z-blocker", "blocker", () => "# comment\n[CmdletBinding(SupportsShouldProcess = $true)]\nparam()\nif ($x) { return }\nWrite-Output 'z'"),
    fakeRule("b-blocker", "blocker", () => "& {\n    [CmdletBinding(SupportsShouldProcess)]\n    param()\n    Write-Output 'b'\n} @args\n"),
    fakeRule("c-info", "info", () => "param($Name = 'c')\nWrite-Output $Name"),
  ];
  const results = [failing("a-warning", "warning"), failing("c-info", "info"), failing("z-blocker", "blocker"), failing("b-blocker", "blocker")];

  it("orders blockers first, then warnings, then info, by rule id", () => {
    const regions = fakeScript(rules, results)
      .split("\n")
      .filter((line) => line.startsWith("#region"));
    expect(regions).toEqual([
      "#region 1. b-blocker: Title of b-blocker",
      "#region 2. z-blocker: Title of z-blocker",
      "#region 3. a-warning: Title of a-warning",
      "#region 4. c-info: Title of c-info",
    ]);
  });

  it("runs each snippet as its own script block that receives -WhatIf", () => {
    expect(invocationLines("& {\n    [CmdletBinding(SupportsShouldProcess)]\n    param()\n    Write-Output 'b'\n} @args\n")).toEqual([
      "& {",
      "    [CmdletBinding(SupportsShouldProcess)]",
      "    param()",
      "    Write-Output 'b'",
      "} -WhatIf:$WhatIfPreference",
    ]);
    // A top-level advanced script is wrapped, so its `return` ends only its own block.
    expect(invocationLines("# c\r\n[CmdletBinding(SupportsShouldProcess = $true)]\r\nparam()\r\nreturn")).toEqual([
      "& {",
      "# c",
      "[CmdletBinding(SupportsShouldProcess = $true)]",
      "param()",
      "return",
      "} -WhatIf:$WhatIfPreference",
    ]);
    expect(invocationLines("Write-Output 'a'")).toEqual(["& {", "[CmdletBinding(SupportsShouldProcess)]", "param()", "Write-Output 'a'", "} -WhatIf:$WhatIfPreference"]);
    // A plain param() block cannot take -WhatIf; it inherits $WhatIfPreference instead.
    expect(invocationLines("param($Name = 'c')\nWrite-Output $Name")).toEqual(["& {", "param($Name = 'c')", "Write-Output $Name", "}"]);
  });

  it("catches a failing fix, carries on and throws at the end", () => {
    const script = fakeScript(rules, results);
    expect(script.match(/^try \{$/gm)).toHaveLength(4);
    expect(script).toContain("    $failed += 'b-blocker'");
    expect(script).toContain("    Write-Warning ('b-blocker' + ' failed: ' + $_.Exception.Message)");
    expect(script.indexOf("throw ('These fixes failed: '")).toBeGreaterThan(script.lastIndexOf("#endregion"));
  });

  it("treats a rule whose script generator throws as manual action", () => {
    const throwing = fakeRule("host-boom", "blocker", () => {
      throw new Error("bad facts");
    });
    const plan = planFixes({ results: [failing("host-boom", "blocker")], ctx: { asOf: GENERATED_AT }, getRule: () => throwing });
    expect(plan).toEqual([
      expect.objectContaining({ ruleId: "host-boom", script: null, manual: expect.stringContaining("could not be generated") }),
    ]);
  });
});

describe("hostile names", () => {
  const hostile = { name: "EVIL\r\nRemove-Item C:\\ -Recurse\u2028#>", fqdn: "evil.example.com\nInvoke-Expression 'x'\u202e\u0000" };

  it("cannot break out of a comment line", () => {
    const script = fakeScript([fakeRule("host-a", "blocker", () => "Write-Output 'a'")], [failing("host-a", "blocker")], hostile);
    const lines = script.split("\n");
    expect(lines.some((line) => /^\s*(Remove-Item|Invoke-Expression)/.test(line))).toBe(false);
    expect(lines[0]).toBe("# Cloud Sync Readiness fix script for EVIL Remove-Item C:\\ -Recurse #> (evil.example.com Invoke-Expression 'x').");
    expect(script).not.toMatch(/[\u0000\r\u2028\u202e]/);
    // In the closing message the name is a single-quoted literal with its quotes doubled.
    expect(script).toContain("Write-Output 'Done: 1 fix checked for EVIL Remove-Item C:\\ -Recurse #>. Upload fresh facts to re-evaluate the server.'");
  });

  it("sanitises the file name and comment text", () => {
    expect(fixScriptFileName("SYNC01")).toBe("SYNC01-cloudsync-fix.ps1");
    expect(fixScriptFileName("../..\\evil\r\n")).toBe("evil-cloudsync-fix.ps1");
    expect(fixScriptFileName("ÅRHUS-01")).toBe("ÅRHUS-01-cloudsync-fix.ps1");
    expect(fixScriptFileName("")).toBe("server-cloudsync-fix.ps1");
    expect(commentText("a\u202eb\nc", 10)).toBe("a b c");
    expect(commentText("x".repeat(20), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("doubles single quotes in literals", () => {
    const script = fakeScript([fakeRule("host-a", "blocker", () => "Write-Output 'a'")], [failing("host-a", "blocker")], { name: "O'NEIL", fqdn: "o.example.com" });
    expect(script).toContain("Write-Output 'Done: 1 fix checked for O''NEIL.");
  });
});
