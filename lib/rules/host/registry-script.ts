/**
 * Building blocks for the PowerShell remediation snippets the host rules generate.
 *
 * Convention (every generated snippet follows it, so snippets can be read, previewed and combined alike):
 * - The snippet is one advanced script block invoked in place:
 *       & {
 *           [CmdletBinding(SupportsShouldProcess)]
 *           param()
 *           ...
 *       } @args
 *   so `-WhatIf` / `-Confirm` / `-Verbose` work whether the admin pastes it (append `-WhatIf` after the
 *   closing brace), saves it as a .ps1 and runs `.\fix.ps1 -WhatIf` (`@args` forwards the switches), or
 *   concatenates several snippets into one script (each block inherits `$WhatIfPreference`).
 * - Every state change sits inside `if ($PSCmdlet.ShouldProcess(<target>, <action>)) { ... }`.
 * - Every change is test-then-set: the current value is read first and only a differing value is written,
 *   so running a snippet twice changes nothing the second time (idempotent).
 * - Registry values are written with `New-ItemProperty -PropertyType DWord -Force` after creating the key
 *   when missing; `$changed` records whether anything was written (for restart reminders).
 * - Snippets stop on the first error (`$ErrorActionPreference = 'Stop'`) and refuse to change anything
 *   from a non-elevated session (a -WhatIf preview is allowed).
 * - A rule returns null instead of a snippet when nothing is wrong or nothing can be fixed by script.
 */

const INDENT = "    ";

/** A PowerShell single-quoted string literal (quotes doubled, including typographic single quotes). */
export function psLiteral(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201A\u201B]/g, (quote) => quote + quote)}'`;
}

/** A comment line; newlines in the text are flattened so they cannot end the comment. */
export function psComment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, " ")}`;
}

/** "not collected" or "collected as <value>" ("absent" for null), for the comment above a step. */
export function collectedAs(value: number | null | undefined, meaning?: string): string {
  if (value === undefined) return "not collected";
  if (value === null) return "collected as absent";
  return `collected as ${value}${meaning ? ` (${meaning})` : ""}`;
}

export function indent(lines: readonly string[], depth = 1): string[] {
  const pad = INDENT.repeat(depth);
  return lines.map((line) => (line === "" ? line : pad + line));
}

/** `if ($PSCmdlet.ShouldProcess(target, action)) { body }` where target/action are PowerShell expressions. */
export function shouldProcess(targetExpression: string, actionExpression: string, body: readonly string[]): string[] {
  return [`if ($PSCmdlet.ShouldProcess(${targetExpression}, ${actionExpression})) {`, ...indent(body), "}"];
}

export interface DwordChange {
  /** PowerShell provider path, e.g. "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\...". */
  path: string;
  name: string;
  value: number;
  /** Why this value is set (shown as a comment above the step). */
  reason?: string;
}

/** Test-then-set lines for one DWORD: reads the current value and writes only when it differs. */
export function setDwordLines(change: DwordChange): string[] {
  const key = psLiteral(change.path);
  const name = psLiteral(change.name);
  const value = String(Math.trunc(change.value));
  return [
    ...(change.reason ? [psComment(change.reason)] : []),
    `$key = ${key}`,
    `$current = (Get-ItemProperty -LiteralPath $key -Name ${name} -ErrorAction SilentlyContinue).${name}`,
    `if ($current -ne ${value}) {`,
    ...indent(
      shouldProcess(
        `"$key\\${change.name.replace(/[`"$]/g, "")}"`,
        `"Set DWORD to ${value} (currently: $(if ($null -eq $current) { 'absent' } else { $current }))"`,
        [
          "if (-not (Test-Path -LiteralPath $key)) { New-Item -Path $key -Force | Out-Null }",
          `New-ItemProperty -LiteralPath $key -Name ${name} -Value ${value} -PropertyType DWord -Force | Out-Null`,
          "$changed = $true",
        ],
      ),
    ),
    "} else {",
    `${INDENT}Write-Verbose "$key\\${change.name.replace(/[`"$]/g, "")} is already ${value}"`,
    "}",
  ];
}

export interface RemediationScriptOptions {
  ruleId: string;
  title: string;
  /** Host name shown in the header ("sync01.corp.contoso.com"). */
  host: string;
  /** Body lines (unindented); may use $changed and $PSCmdlet. */
  body: readonly string[];
  /** Printed as a warning at the end when something changed, e.g. a restart reminder. */
  afterChange?: string;
  /** Extra header comment lines (context, caveats). */
  notes?: readonly string[];
}

/** Wraps body lines in the documented convention: header, elevation check, advanced script block, @args. */
export function remediationScript(options: RemediationScriptOptions): string {
  const lines = [
    psComment(`Remediation for rule ${options.ruleId}: ${options.title}`),
    psComment(`Generated for ${options.host} from its collected facts by Cloud Sync Readiness.`),
    psComment("Safe to run twice: each change is tested first and made only when the current value differs."),
    psComment("Preview first: append -WhatIf after the closing brace (or run the saved .ps1 with -WhatIf)."),
    ...(options.notes ?? []).map(psComment),
    "& {",
    ...indent([
      "[CmdletBinding(SupportsShouldProcess)]",
      "param()",
      "$ErrorActionPreference = 'Stop'",
      "$changed = $false",
      "$identity = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()",
      "if (-not $WhatIfPreference -and -not $identity.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {",
      `${INDENT}throw 'Run this in an elevated PowerShell session (Run as administrator).'`,
      "}",
      ...options.body,
      ...(options.afterChange ? [`if ($changed) { Write-Warning ${psLiteral(options.afterChange)} }`] : []),
    ]),
    "} @args",
  ];
  return `${lines.join("\n")}\n`;
}
