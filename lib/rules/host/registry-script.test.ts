import { describe, expect, it } from "vitest";
import { psComment, psLiteral, remediationScript, setDwordLines, shouldProcess } from "./registry-script";

describe("registry-script", () => {
  it("quotes PowerShell literals, including typographic quotes", () => {
    expect(psLiteral("O'Brien")).toBe("'O''Brien'");
    expect(psLiteral("a\u2019b")).toBe("'a\u2019\u2019b'");
    expect(psLiteral("$env:x `n")).toBe("'$env:x `n'");
  });

  it("keeps comments on one line", () => {
    expect(psComment("a\nb\r\nc")).toBe("# a b c");
  });

  it("writes a DWORD only when the current value differs, inside ShouldProcess", () => {
    const lines = setDwordLines({ path: "HKLM:\\SOFTWARE\\Test Key", name: "Value", value: 1, reason: "why" }).join("\n");
    expect(lines).toContain("# why");
    expect(lines).toContain("$key = 'HKLM:\\SOFTWARE\\Test Key'");
    expect(lines).toContain("$current = (Get-ItemProperty -LiteralPath $key -Name 'Value' -ErrorAction SilentlyContinue).'Value'");
    const test = lines.indexOf("if ($current -ne 1)");
    const guard = lines.indexOf("$PSCmdlet.ShouldProcess");
    const write = lines.indexOf("New-ItemProperty -LiteralPath $key -Name 'Value' -Value 1 -PropertyType DWord -Force");
    expect(test).toBeGreaterThan(-1);
    expect(guard).toBeGreaterThan(test);
    expect(write).toBeGreaterThan(guard);
    expect(lines).toContain("if (-not (Test-Path -LiteralPath $key)) { New-Item -Path $key -Force | Out-Null }");
  });

  it("wraps bodies in the documented advanced script block with -WhatIf support", () => {
    const script = remediationScript({
      ruleId: "demo-rule",
      title: "Demo",
      host: "sync01",
      body: shouldProcess("'target'", "'action'", ["$changed = $true"]),
      afterChange: "Restart it",
    });
    const lines = script.split("\n");
    expect(lines[0]).toBe("# Remediation for rule demo-rule: Demo");
    expect(script).toContain("& {\n    [CmdletBinding(SupportsShouldProcess)]\n    param()");
    expect(script).toContain("-WhatIf");
    expect(script).toContain("if (-not $WhatIfPreference -and -not $identity.IsInRole(");
    expect(script).toContain("    if ($PSCmdlet.ShouldProcess('target', 'action')) {\n        $changed = $true\n    }");
    expect(script).toContain("if ($changed) { Write-Warning 'Restart it' }");
    expect(script.trimEnd().endsWith("} @args")).toBe(true);
  });

  it("balances braces in generated scripts", () => {
    const script = remediationScript({
      ruleId: "demo-rule",
      title: "Demo",
      host: "sync01",
      body: setDwordLines({ path: "HKLM:\\SOFTWARE\\A", name: "B", value: 0 }),
    });
    const opens = (script.match(/{/g) ?? []).length;
    const closes = (script.match(/}/g) ?? []).length;
    expect(opens).toBe(closes);
  });
});
