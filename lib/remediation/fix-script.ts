import type { Rule, RuleContext, RuleResult, Severity } from "@/lib/rules";

/**
 * The per-server PowerShell fix script: one download with every fixable finding of the server's own (host-scoped)
 * rules. Pure: the caller gives the results, the rule context the evaluation used and the clock reading.
 *
 * Shape of the generated script:
 * - a header of line comments (server, generation time, ruleset version, what it changes, elevation, -WhatIf);
 * - `[CmdletBinding(SupportsShouldProcess)] param()` so `.\script.ps1 -WhatIf` previews the whole script;
 * - one `#region` per failing host rule with a script, each snippet run as its own advanced script block with
 *   `-WhatIf:$WhatIfPreference` (so the preview reaches it) inside try/catch (one failing fix does not stop the
 *   others; the script throws at the end naming the fixes that failed);
 * - a trailing comment listing the failing rules that need manual action (no script).
 *
 * Rule snippets come in two documented shapes (lib/rules/host/registry-script.ts and the AD-side rules):
 * `& { [CmdletBinding(SupportsShouldProcess)] param() ... } @args`, or a top-level advanced script starting with
 * `[CmdletBinding(...)] param()`. Both are normalised into an invoked script block, so a snippet's `return` or
 * `param()` cannot end or break the combined script. Snippet lines are kept verbatim (never re-indented, so a
 * here-string terminator stays in column 0). Every snippet is test-then-set, so the combined script is safe to
 * run twice.
 */

export interface FixScriptInput {
  server: { name: string; fqdn: string };
  /** ISO timestamp (the caller's clock). */
  generatedAt: string;
  rulesetVersion: string;
  /** The server's own (host-scoped) results; results of other scopes are ignored. */
  results: readonly RuleResult[];
  /** The context the evaluation used (host facts plus the domain's facts). */
  ctx: RuleContext;
  /** Rule lookup (the registry's getRule). */
  getRule: (id: string) => Rule | undefined;
}

export interface FixPlanEntry {
  ruleId: string;
  title: string;
  severity: Severity;
  /** The rule's snippet, or null when the finding needs manual action. */
  script: string | null;
  /** Why there is no script (for the manual-action list). */
  manual?: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

/** Control characters, line/paragraph separators and bidi overrides are replaced so text cannot leave a comment line. */
const UNSAFE_IN_COMMENT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g;

/** Text safe to put after `#` on one comment line (no newline, no control or bidi characters, bounded length). */
export function commentText(text: string, max = 300): string {
  const flat = text.replace(UNSAFE_IN_COMMENT, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A PowerShell single-quoted literal of sanitised text (quotes doubled, typographic single quotes included). */
function psLiteral(text: string): string {
  return `'${commentText(text).replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
}

/** "<NAME>-cloudsync-fix.ps1" with the name reduced to letters, digits, "-" and "_". */
export function fixScriptFileName(name: string): string {
  const safe = name.replace(/[^\p{L}\p{N}_-]+/gu, "_").replace(/^_+|_+$/g, "").slice(0, 63);
  return `${safe || "server"}-cloudsync-fix.ps1`;
}

/** The failing host results in script order (blockers, then warnings, then info; by rule id within a severity). */
export function planFixes(input: Pick<FixScriptInput, "results" | "ctx" | "getRule">): FixPlanEntry[] {
  const failing = input.results
    .filter((result) => result.status === "fail" && result.scope === "host")
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId));
  return failing.map((result) => {
    const rule = input.getRule(result.ruleId);
    const title = rule?.meta.title ?? result.ruleId;
    const base = { ruleId: result.ruleId, title, severity: result.severity };
    if (!rule) return { ...base, script: null, manual: "the rule is not in the current ruleset" };
    if (!rule.remediationScript) return { ...base, script: null, manual: rule.meta.remediation.summary };
    let script: string | null;
    try {
      script = rule.remediationScript(input.ctx);
    } catch {
      return { ...base, script: null, manual: `the script could not be generated; ${rule.meta.remediation.summary}` };
    }
    if (script === null || script.trim() === "") return { ...base, script: null, manual: rule.meta.remediation.summary };
    return { ...base, script };
  });
}

function firstStatementIndex(lines: readonly string[]): number {
  return lines.findIndex((line) => {
    const trimmed = line.trim();
    return trimmed !== "" && !trimmed.startsWith("#");
  });
}

/**
 * A snippet as lines of one invoked advanced script block that receives `-WhatIf:$WhatIfPreference`.
 * Exported for tests.
 */
export function invocationLines(snippet: string): string[] {
  const lines = snippet.replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n");
  const first = firstStatementIndex(lines);
  const firstLine = first >= 0 ? lines[first].trim() : "";
  const last = lines.length - 1;
  // Shape 1: `& { [CmdletBinding(SupportsShouldProcess)] param() ... } @args`.
  if (/^&\s*\{$/.test(firstLine) && /^\}\s*@args$/.test(lines[last].trim())) {
    return [...lines.slice(0, last), "} -WhatIf:$WhatIfPreference"];
  }
  // Shape 2: a top-level advanced script.
  if (/^\[CmdletBinding\(/i.test(firstLine)) return ["& {", ...lines, "} -WhatIf:$WhatIfPreference"];
  // A plain param() block cannot take -WhatIf; it still inherits $WhatIfPreference from this script's scope.
  if (/^param\s*\(/i.test(firstLine)) return ["& {", ...lines, "}"];
  // Plain statements: give them ShouldProcess support.
  return ["& {", "[CmdletBinding(SupportsShouldProcess)]", "param()", ...lines, "} -WhatIf:$WhatIfPreference"];
}

const SEVERITY_LABEL: Record<Severity, string> = { blocker: "blocker", warning: "warning", info: "info" };

/** The whole .ps1 text (LF line endings; the download converts to CRLF and adds a BOM). */
export function buildFixScript(input: FixScriptInput): string {
  const plan = planFixes(input);
  const fixes = plan.filter((entry): entry is FixPlanEntry & { script: string } => entry.script !== null);
  const manual = plan.filter((entry) => entry.script === null);
  const server = commentText(input.server.name, 63);
  const fqdn = commentText(input.server.fqdn, 255);
  const fileName = fixScriptFileName(input.server.name);
  const comment = (text: string, indent = "") => `# ${indent}${commentText(text, 1000)}`;

  const header = [
    comment(`Cloud Sync Readiness fix script for ${server} (${fqdn}).`),
    comment(`Generated at ${input.generatedAt} with ruleset ${input.rulesetVersion}, from the facts last collected for this server.`),
    "#",
    comment("It only changes what is listed below: one region per failing rule of this server that has a scripted fix. Nothing else is touched."),
    comment("It must run in an elevated PowerShell session (Run as administrator) on the server. Fixes that change Active Directory say so in their region and need those rights too."),
    comment(`Preview first: .\\${fileName} -WhatIf   (every change goes through ShouldProcess, so -WhatIf and -Confirm reach each fix).`),
    comment("Safe to run twice: every fix checks the current state first and changes only what differs."),
    comment(`If the execution policy blocks the downloaded file: Unblock-File .\\${fileName}`),
    "#",
    ...(fixes.length > 0
      ? [comment("Fixes, in order (blockers first):"), ...fixes.map((entry, i) => comment(`${i + 1}. ${entry.ruleId} (${SEVERITY_LABEL[entry.severity]}): ${entry.title}`, "  "))]
      : [comment("Nothing to fix by script: no failing rule of this server has a scripted fix.")]),
    ...(manual.length > 0 ? [comment(`${manual.length} more failing ${manual.length === 1 ? "rule needs" : "rules need"} manual action (listed at the end).`)] : []),
    "#Requires -Version 5.1",
    "[CmdletBinding(SupportsShouldProcess)]",
    "param()",
    "$ErrorActionPreference = 'Stop'",
    "$principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()",
    "if (-not $WhatIfPreference -and -not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {",
    "    throw 'Run this script in an elevated PowerShell session (Run as administrator), or preview it with -WhatIf.'",
    "}",
    "$failed = @()",
    "",
  ];

  const regions = fixes.flatMap((entry, i) => [
    `#region ${i + 1}. ${commentText(entry.ruleId, 80)}: ${commentText(entry.title, 200)}`,
    `Write-Verbose ${psLiteral(`Fix ${i + 1} of ${fixes.length}: ${entry.ruleId}`)}`,
    "try {",
    ...invocationLines(entry.script),
    "} catch {",
    `    $failed += ${psLiteral(entry.ruleId)}`,
    `    Write-Warning (${psLiteral(entry.ruleId)} + ' failed: ' + $_.Exception.Message)`,
    "}",
    "#endregion",
    "",
  ]);

  const footer = [
    "if ($failed.Count -gt 0) {",
    "    throw ('These fixes failed: ' + ($failed -join ', ') + '. Correct the cause and run the script again; it is safe to run twice.')",
    "}",
    fixes.length > 0
      ? `Write-Output ${psLiteral(`Done: ${fixes.length} ${fixes.length === 1 ? "fix" : "fixes"} checked for ${server}. Upload fresh facts to re-evaluate the server.`)}`
      : `Write-Output ${psLiteral(`Nothing to fix by script for ${server}.`)}`,
    ...(manual.length > 0
      ? [
          "",
          comment("Needs manual action (no script can fix these):"),
          ...manual.map((entry) => comment(`${entry.ruleId} (${SEVERITY_LABEL[entry.severity]}): ${entry.title}. ${entry.manual ?? ""}`, "  ")),
        ]
      : []),
  ];

  return `${[...header, ...regions, ...footer].join("\n")}\n`;
}
