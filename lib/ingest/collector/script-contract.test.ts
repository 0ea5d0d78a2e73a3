import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "@/lib/rules";
import { COLLECTOR_NAME, COLLECTOR_SCHEMA_VERSION, collectorOutputSchema } from "./schema";
import {
  extractEndpointTable,
  extractOrderedLiterals,
  schemaKeysAt,
  schemaObjectPaths,
  skipDoubleQuoted,
  skipSingleQuoted,
} from "./script-source";

const ROOT = path.resolve(__dirname, "../../..");
const SCRIPT = readFileSync(path.join(ROOT, "collector/Get-CloudSyncReadiness.ps1"), "utf8");
const FIXTURES = path.join(__dirname, "fixtures");
const literals = extractOrderedLiterals(SCRIPT);

/** The script without comments and string contents: what PowerShell executes, for syntax checks. */
function codeOnly(script: string): string {
  let out = "";
  let i = 0;
  while (i < script.length) {
    if (script.startsWith("<#", i)) {
      const end = script.indexOf("#>", i + 2);
      i = end < 0 ? script.length : end + 2;
      continue;
    }
    const ch = script[i];
    if (ch === "#") {
      while (i < script.length && script[i] !== "\n") i++;
      continue;
    }
    if (ch === "'") {
      i = skipSingleQuoted(script, i);
      out += "''";
      continue;
    }
    if (ch === '"') {
      i = skipDoubleQuoted(script, i);
      out += '""';
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

const CODE = codeOnly(SCRIPT);

describe("collector script <-> JSON schema", () => {
  it("finds the ordered literals of every probe", () => {
    expect(literals.length).toBeGreaterThanOrEqual(30);
  });

  it("marks every [ordered]@{} literal with the JSON path it writes", () => {
    const unmarked = literals.filter((literal) => literal.paths.length === 0).map((literal) => `line ${literal.line}`);
    expect(unmarked).toEqual([]);
  });

  it("writes exactly the keys the schema declares, at every marked path", () => {
    const mismatches: string[] = [];
    for (const literal of literals) {
      for (const jsonPath of literal.paths) {
        const schemaKeys = schemaKeysAt(collectorOutputSchema, jsonPath);
        if (!schemaKeys) {
          mismatches.push(`line ${literal.line}: ${jsonPath} is not an object in the schema`);
          continue;
        }
        const extra = literal.keys.filter((key) => !schemaKeys.includes(key));
        const missing = schemaKeys.filter((key) => !literal.keys.includes(key));
        if (extra.length || missing.length) {
          mismatches.push(`line ${literal.line} ${jsonPath}: not in schema [${extra}], not written [${missing}]`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("writes every object the schema declares", () => {
    const written = new Set(literals.flatMap((literal) => literal.paths));
    expect(schemaObjectPaths(collectorOutputSchema).filter((p) => !written.has(p))).toEqual([]);
  });

  it("uses the collector name the parser detects", () => {
    expect(SCRIPT).toContain(`$CollectorName = '${COLLECTOR_NAME}'`);
    expect(SCRIPT).toMatch(/\$CollectorVersion = '\d+\.\d+\.\d+'/);
  });

  it("writes the schema version the app reads as the newest", () => {
    expect(SCRIPT).toContain(`$report = [ordered]@{ schemaVersion = ${COLLECTOR_SCHEMA_VERSION}; collector`);
    expect(SCRIPT).toContain(`Output format (schemaVersion ${COLLECTOR_SCHEMA_VERSION})`);
  });
});

describe("collector script: the ACLs it reads with -IncludeDomain", () => {
  const accessRule = literals.find((literal) => literal.paths.includes("domain.acls[].accessRules[]"));
  const aclObject = literals.find((literal) => literal.paths.includes("domain.acls[]"));

  it("writes every access rule with the fields the Get-Acl mapping reads", () => {
    expect(accessRule?.keys).toEqual([
      "identityReference",
      "sid",
      "activeDirectoryRights",
      "accessControlType",
      "objectType",
      "inheritedObjectType",
      "inheritanceType",
      "isInherited",
    ]);
    expect(aclObject?.keys).toEqual(["distinguishedName", "role", "protected", "accessRules", "error"]);
  });

  it("reads the DACL through nTSecurityDescriptor, every ACE (explicit and inherited) by SID, translated once per SID", () => {
    expect(SCRIPT).toContain("Get-ADObject @Ad -Identity $DistinguishedName -Properties nTSecurityDescriptor");
    expect(SCRIPT).toContain("$Security.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])");
    expect(SCRIPT).toContain("$protected = [bool]$security.AreAccessRulesProtected");
    expect(SCRIPT).toContain("$identity = Get-CachedAccountName $sid");
  });

  it("writes rights as the unsigned mask, enums by name and GUIDs lower-case", () => {
    expect(SCRIPT).toContain("activeDirectoryRights = (ConvertTo-RightsMask $rule.ActiveDirectoryRights)");
    expect(SCRIPT).toMatch(/if \(\$mask -lt 0\) \{ \$mask \+= 4294967296 \}/);
    expect(SCRIPT).toContain("accessControlType     = $rule.AccessControlType.ToString()");
    expect(SCRIPT).toContain("inheritanceType       = $rule.InheritanceType.ToString()");
    expect(SCRIPT).toContain("objectType            = $rule.ObjectType.ToString('D').ToLowerInvariant()");
    expect(SCRIPT).toContain("inheritedObjectType   = $rule.InheritedObjectType.ToString('D').ToLowerInvariant()");
  });

  it("reads the domain root first, then each -ScopeOU, and reports a failure on the object without stopping", () => {
    expect(SCRIPT).toContain("$targets.Add(@{ Dn = $DomainDn; Role = 'domainRoot' })");
    expect(SCRIPT).toContain("acls                  = (Invoke-Probe -ProbeName 'domain.acls' -ProbeBody { Get-AclObjectList");
    const body = SCRIPT.slice(SCRIPT.indexOf("function Get-AclObject {"), SCRIPT.indexOf("function Get-AclObjectList {"));
    expect(body).toMatch(/try \{[\s\S]*Get-ADObject[\s\S]*\} catch \{[\s\S]*Add-CollectorError -Probe 'domain\.acls'[\s\S]*\$failure = \[ordered\]@\{ probe = 'domain\.acls'; message = \$message \}/);
  });

  it("takes -ScopeOU only with -IncludeDomain, and only DNs inside the domain", () => {
    expect(SCRIPT).toContain("if ($ScopeOU -and -not $IncludeDomain) { throw");
    // The same patterns, in .NET and JavaScript regex syntax alike: taken from the script and tried here.
    const rdn = /\$rdn = '([^']+)'/.exec(SCRIPT)?.[1];
    const format = /\$Dn -match \('([^']+)' -f \$rdn, \$root\)/.exec(SCRIPT)?.[1];
    const parameter = /\[ValidatePattern\('([^']+)'\)\]\s*\[string\[\]\]\$ScopeOU/.exec(SCRIPT)?.[1];
    if (!rdn || !format || !parameter) throw new Error("Test-DnInDomain or the -ScopeOU validation changed shape");
    const root = "DC=corp,DC=contoso,DC=com"
      .split(",")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\=]/g, "\\$&"))
      .join("\\s*,\\s*");
    const inDomain = new RegExp(format.replace("{0}", rdn).replace("{1}", root), "i");
    const accepted = ["OU=Staff,DC=corp,DC=contoso,DC=com", "ou=Legacy, OU=Old Stuff,dc=CORP,dc=contoso,dc=com", "CN=Users,DC=corp,DC=contoso,DC=com", "OU=A\\,B,DC=corp,DC=contoso,DC=com"];
    const refused = ["OU=Staff,DC=fabrikam,DC=com", "OU=Staff,DC=corp,DC=contoso,DC=com,DC=evil", "Staff", "OU=Staff;DC=corp,DC=contoso,DC=com"];
    expect(accepted.filter((dn) => !inDomain.test(dn))).toEqual([]);
    expect(refused.filter((dn) => inDomain.test(dn))).toEqual([]);
    const syntax = new RegExp(parameter, "i");
    expect(accepted.filter((dn) => !syntax.test(dn))).toEqual([]);
    expect(["Staff", "OU=Staff", "corp.contoso.com"].filter((dn) => syntax.test(dn))).toEqual([]);
    // The domain root itself passes (the list is de-duplicated, so it is read once).
    expect(syntax.test("DC=corp,DC=contoso,DC=com") && inDomain.test("DC=corp,DC=contoso,DC=com")).toBe(true);
  });
});

describe("collector script endpoints", () => {
  const table = extractEndpointTable(SCRIPT);

  it("probes exactly the endpoints of lib/rules/endpoints.ts, per cloud and in order", () => {
    expect(Object.keys(table).sort()).toEqual(["Public", "USGov"]);
    const plain = (list: readonly { pattern: string; port: number; category: string; probeHost: string }[]) =>
      list.map(({ pattern, port, category, probeHost }) => ({ pattern, port, category, probeHost }));
    expect(table.Public).toEqual(plain(ENDPOINTS.public));
    expect(table.USGov).toEqual(plain(ENDPOINTS.usgov));
  });

  it("adds the optional port 8080 check to a service host", () => {
    expect(SCRIPT).toMatch(/-Port 8080 -Category 'service'[^\n]*-Optional \$true/);
  });

  it("probes the second ports of lib/rules/endpoints.ts (alsoPort) too", () => {
    const line = SCRIPT.split("\n").find((l) => l.startsWith("$SecondPortTable = @{"));
    const entries = [...(line ?? "").matchAll(/'([^']+)' = (\d+)/g)].map((m) => `${m[1]}:${m[2]}`);
    const expected = [...ENDPOINTS.public, ...ENDPOINTS.usgov].filter((e) => e.alsoPort !== undefined).map((e) => `${e.probeHost}:${e.alsoPort}`);
    expect(entries.sort()).toEqual([...new Set(expected)].sort());
    expect(entries).toContain("www.msftconnecttest.com:80");
  });

  it("probes on the agent's path: through the WinHTTP proxy (CONNECT for 443/8080, HEAD for 80) unless bypassed", () => {
    expect(SCRIPT).toContain('$request = "HEAD http://$HostName/ HTTP/1.1`r`nHost: $HostName`r`nConnection: close`r`n`r`n"');
    expect(SCRIPT).toContain('$request = "CONNECT $($HostName):$Port HTTP/1.1`r`nHost: $($HostName):$Port`r`n`r`n"');
    expect(SCRIPT).toMatch(/Test-ProxyBypass -Bypass \$Proxy\.bypass -HostName \$HostName/);
    // The proxy is read before the checks, which take it.
    expect(SCRIPT.indexOf("$proxy = Invoke-Probe -ProbeName 'network.proxy'")).toBeLessThan(SCRIPT.indexOf("Get-NetworkChecks -Proxy $proxy"));
    // The only bytes it sends are that one request line and its headers, to the proxy.
    expect(CODE.match(/\.Send\(/g)).toEqual([".Send("]);
  });
});

describe("fixtures have the script's exact shape", () => {
  const byPath = new Map<string, string[]>();
  for (const literal of literals) for (const p of literal.paths) byPath.set(p, literal.keys);

  // collectedOn came with collector 1.1.x (after schemaVersion 2); a schemaVersion 1 report never has it.
  const ADDED_IN_VERSION_2: Record<string, string[]> = { domain: ["acls", "collectedOn"] };
  /** Keys a collector of the same schema version wrote later; reports of the earlier collector lack them (collector 1.1: no probe path). */
  const ADDED_LATER: Record<string, string[]> = {
    "host.network.checks[]": ["via", "proxy", "proxyStatus"],
    // Issue 14: the DC port probes, the firewall's user filtering and the Exchange schema version.
    host: ["firewall"],
    "host.network": ["domainControllerChecks"],
    domain: ["exchangeSchemaVersion"],
  };

  /** Compares the key order of every object in `value` with the literal written at its path. */
  function orderMismatches(value: unknown, jsonPath: string, out: string[], version: number): void {
    if (Array.isArray(value)) {
      for (const item of value) orderMismatches(item, `${jsonPath}[]`, out, version);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    let expected = byPath.get(jsonPath);
    // The script removes "domain" from the root literal when -IncludeDomain is not given.
    if (jsonPath === "root" && expected && !("domain" in value)) expected = expected.filter((k) => k !== "domain");
    // A schemaVersion 1 report (collector 1.0.x) is a version 2 report without the keys added in version 2.
    if (version === 1 && expected) expected = expected.filter((k) => !ADDED_IN_VERSION_2[jsonPath]?.includes(k));
    const actual = Object.keys(value);
    if (expected && ADDED_LATER[jsonPath]?.every((k) => !actual.includes(k))) expected = expected.filter((k) => !ADDED_LATER[jsonPath].includes(k));
    if (expected && actual.join() !== expected.join()) out.push(`${jsonPath}: [${actual}] != [${expected}]`);
    for (const [key, child] of Object.entries(value)) orderMismatches(child, jsonPath === "root" ? key : `${jsonPath}.${key}`, out, version);
  }

  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith(".json"))) {
    it(`${file}: every object has the keys, in the order, the script writes`, () => {
      const out: string[] = [];
      const fixture = JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as { schemaVersion: number };
      orderMismatches(fixture, "root", out, fixture.schemaVersion);
      expect(out).toEqual([]);
    });
  }
});

describe("collector script is read-only", () => {
  it("says so in its help and at run time", () => {
    expect(SCRIPT).toMatch(/\.DESCRIPTION\s+READ-ONLY/);
    expect(SCRIPT).toMatch(/Write-Host "[^"\n]*READ-ONLY: it changes nothing on this machine/);
  });

  /** Lines of `code` that call a cmdlet or method able to change the machine, the directory or the registry. */
  function writeOperations(code: string): { line: string; n: number }[] {
    const forbidden = [
      /\b(Set|New|Remove|Clear|Rename|Move|Copy|Add|Install|Uninstall|Enable|Disable|Start|Stop|Restart|Suspend|Resume|Register|Unregister|Grant|Revoke|Reset|Update|Invoke)-(?!CollectorError\b|Probe\b|Object\b)\w+/,
      /\b(CreateSubKey|SetValue|DeleteValue|DeleteSubKey|DeleteSubKeyTree|SetAccessControl|CommitChanges|Put|InvokeMember|InvokeSet)\s*\(/,
      /\b(AddAccessRule|SetAccessRule|RemoveAccessRule\w*|ResetAccessRule|ModifyAccessRule|PurgeAccessRules|SetAccessRuleProtection|SetOwner|SetSecurityDescriptor\w*)\s*\(/,
      /\bOpenSubKey\([^)]*\$true/,
      /\b(reg(\.exe)?\s+(add|delete|import)|netsh(\.exe)?\s+\w+\s+(set|add|delete|reset|import))\b/i,
      /\bOut-File\b|\bSet-Content\b|\bAdd-Content\b|>\s*\$|\bExport-\w+/,
    ];
    return (
      code
        .split("\n")
        .map((line, index) => ({ line: line.trim(), n: index + 1 }))
        .filter(({ line }) => forbidden.some((pattern) => pattern.test(line)))
        // The session-local strict mode is the one Set- cmdlet allowed: it changes nothing outside this run.
        .filter(({ line }) => !/^Set-StrictMode -Version 1$/.test(line))
    );
  }

  it("calls no cmdlet or method that changes the machine, the directory or the registry", () => {
    expect(writeOperations(CODE)).toEqual([]);
  });

  it("would notice a write (the check itself works)", () => {
    const tampered = codeOnly(
      `${SCRIPT}\nSet-ItemProperty -Path 'HKLM:\\X' -Name Y -Value 1\n$key = $base.OpenSubKey($Path, $true)\n$key.SetValue('Enabled', 1)\nnetsh winhttp set proxy p:8080\n$security.AddAccessRule($rule)\n`,
    );
    expect(writeOperations(tampered).map(({ line }) => line.split(" ")[0])).toEqual([
      "Set-ItemProperty",
      "$key",
      "$key.SetValue('',",
      "netsh",
      "$security.AddAccessRule($rule)",
    ]);
  });

  it("writes only the report, as UTF-8 without BOM, with ConvertTo-Json -Depth 8", () => {
    expect(CODE.match(/WriteAll\w+|\.Write\(/g)).toEqual(["WriteAllText"]);
    expect(SCRIPT).toContain(
      "[System.IO.File]::WriteAllText($fullPath, $json, (New-Object System.Text.UTF8Encoding $false))",
    );
    expect(SCRIPT).toContain("ConvertTo-Json -InputObject $report -Depth 8");
  });
});

describe("collector script is Windows PowerShell 5.1 compatible", () => {
  it("uses no PowerShell 6/7-only syntax or parameters", () => {
    const ps7 = [
      { name: "null-coalescing ??", pattern: /\?\?/ },
      { name: "null-conditional ?. / ?[", pattern: /\?\.|\?\[/ },
      { name: "ternary", pattern: /\s\?\s[^\n]*\s:\s/ },
      { name: "pipeline chain && / ||", pattern: /&&|\|\|/ },
      { name: "-Parallel", pattern: /-Parallel\b/i },
      { name: "-EnumsAsStrings", pattern: /-EnumsAsStrings\b/i },
      { name: "-AsHashtable", pattern: /-AsHashtable\b/i },
      { name: "-EscapeHandling", pattern: /-EscapeHandling\b/i },
      { name: "$IsWindows/$IsLinux", pattern: /\$Is(Windows|Linux|MacOS|CoreCLR)\b/i },
      { name: "Join-String / Get-Error", pattern: /\b(Join-String|Get-Error|Test-Json)\b/i },
      { name: "clean block", pattern: /^\s*clean\s*\{/im },
    ];
    expect(ps7.filter(({ pattern }) => pattern.test(CODE)).map(({ name }) => name)).toEqual([]);
  });

  it("has balanced braces, brackets and parentheses outside strings and comments", () => {
    const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
    const stack: string[] = [];
    for (const ch of CODE) {
      if (ch === "(" || ch === "[" || ch === "{") stack.push(ch);
      else if (pairs[ch]) expect(stack.pop()).toBe(pairs[ch]);
    }
    expect(stack).toEqual([]);
  });

  it("never follows a variable with ':' inside a double-quoted string (a parse error in PowerShell)", () => {
    const strings = [...SCRIPT.matchAll(/"(?:[^"`\n]|`.)*"/g)].map((m) => m[0]);
    expect(strings.filter((s) => /\$[A-Za-z_]\w*:(?![\\/])/.test(s) && !/\$(script|env|global):/.test(s))).toEqual([]);
  });

  it("documents every parameter with comment-based help", () => {
    const params = [...SCRIPT.matchAll(/^\s*(?:\[[^\]]+\]\s*)*\[(?:string|int|switch|string\[\])\]\$(\w+)/gm)].map((m) => m[1]);
    expect(params).toEqual([
      "OutputPath",
      "Cloud",
      "TimeoutMs",
      "IncludeDomain",
      "SkipNetwork",
      "Tier0",
      "Site",
      "Owner",
      "Tag",
      "GmsaName",
      "MaxObjects",
      "ScopeOU",
    ]);
    for (const name of params) expect(SCRIPT).toContain(`.PARAMETER ${name}`);
    for (const section of [".SYNOPSIS", ".DESCRIPTION", ".EXAMPLE"]) expect(SCRIPT).toContain(section);
    expect(SCRIPT).toContain("powershell.exe -ExecutionPolicy Bypass -File .\\Get-CloudSyncReadiness.ps1 -Cloud Public");
  });

  it("declares the documented parameter defaults", () => {
    expect(SCRIPT).toContain('[string]$OutputPath = ".\\$($env:COMPUTERNAME).cloudsync-readiness.json"');
    expect(SCRIPT).toMatch(/\[ValidateSet\('Public', 'USGov'\)\]\s*\[string\]\$Cloud = 'Public'/);
    expect(SCRIPT).toMatch(/\[int\]\$TimeoutMs = 3000/);
    expect(SCRIPT).toContain("[string]$GmsaName = 'provAgentgMSA$'");
  });
});
