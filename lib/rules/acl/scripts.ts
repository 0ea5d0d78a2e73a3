import { EMPTY_GUID } from "@/lib/facts";
import type { AceView } from "./analyze";
import type { RequiredPermission } from "./required";

/**
 * PowerShell generated for one domain and one gMSA. Every script is idempotent (checks with Get-Acl before it
 * changes anything) and honours -WhatIf/-Confirm through ShouldProcess. Grants use dsacls exactly like
 * Entra Connect's ADSyncConfig module (`/I:S` = descendants only, `/I:T` = this object and descendants,
 * no /I = this object only).
 */

/** Control characters and line/paragraph separators: uploaded text must not start a new line of code. */
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * A PowerShell single-quoted literal of one line. Uploaded values (DN, account, ACE summaries) are data: every
 * kind of single quote PowerShell accepts (' and the typographic U+2018-U+201B) is doubled, line breaks become spaces.
 */
export function psQuote(value: string): string {
  return `'${value.replace(LINE_BREAKING, " ").replace(/['\u2018\u2019\u201A\u201B]/g, "$&$&")}'`;
}

/** Text for a `#` comment line: no line breaks, so uploaded text cannot end the comment. */
function commentText(value: string): string {
  return value.replace(LINE_BREAKING, " ");
}

/** The account as dsacls needs it: DOMAIN\name$ (adds the NetBIOS domain to a bare name when known). */
export function dsaclsAccount(account: string, netbios: string | null): string {
  if (account.includes("\\") || account.includes("@") || netbios === null) return account;
  return `${netbios.toUpperCase()}\\${account}`;
}

/** The dsacls command line as a person would type it (for remediation steps and comments). */
export function dsaclsCommand(targetDn: string, account: string, perm: Pick<RequiredPermission, "dsacls">): string {
  const inheritance = perm.dsacls.inheritance === null ? "" : ` ${perm.dsacls.inheritance}`;
  return `dsacls "${targetDn}"${inheritance} /G "${account}:${perm.dsacls.perms}"`;
}

function acceptedInheritance(perm: RequiredPermission): string[] {
  switch (perm.applies) {
    case "this-object":
      return ["None", "All", "SelfAndChildren"];
    case "descendants":
      return ["All", "Descendents"];
    case "this-and-descendants":
      return ["All"];
  }
}

function psArray(values: readonly string[]): string {
  return `@(${values.map(psQuote).join(", ")})`;
}

const HEADER_FUNCTIONS = [
  "function Get-GmsaSid {",
  "    param([string]$Name)",
  "    ([System.Security.Principal.NTAccount]$Name).Translate([System.Security.Principal.SecurityIdentifier])",
  "}",
  "",
  "# True when an explicit or inherited Allow ACE for the gMSA already covers the right (bitmask superset; an empty",
  "# ObjectType means all properties/rights; an empty InheritedObjectType means every class).",
  "function Test-GmsaGrant {",
  "    param([int]$Rights, [guid]$ObjectType, [guid[]]$InheritedObjectTypes, [string[]]$Inheritance)",
  "    $acl = Get-Acl -Path \"AD:\\$target\"",
  "    foreach ($ace in $acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])) {",
  "        if ($ace.AccessControlType -ne 'Allow' -or $ace.IdentityReference -ne $sid) { continue }",
  "        if ((([int]$ace.ActiveDirectoryRights) -band $Rights) -ne $Rights) { continue }",
  "        if ($ace.ObjectType -ne [guid]::Empty -and $ace.ObjectType -ne $ObjectType) { continue }",
  "        if ($ace.InheritedObjectType -ne [guid]::Empty -and $InheritedObjectTypes -notcontains $ace.InheritedObjectType) { continue }",
  "        if ($Inheritance -notcontains [string]$ace.InheritanceType) { continue }",
  "        return $true",
  "    }",
  "    return $false",
  "}",
];

/** Comment header, parameters and module import. */
function header(purpose: string): string[] {
  return [
    `# ${commentText(purpose)}`,
    "# Safe to run twice: every change is checked with Get-Acl first. Supports -WhatIf and -Confirm.",
    "# Run elevated as Domain Admin (or Enterprise Admin) where the ActiveDirectory module and dsacls.exe (RSAT AD DS) are installed.",
    "[CmdletBinding(SupportsShouldProcess = $true)]",
    "param()",
    "$ErrorActionPreference = 'Stop'",
    "Import-Module ActiveDirectory",
    "",
  ];
}

/** Target, account and its SID, after the helper functions are defined. */
function variables(targetDn: string, account: string): string[] {
  return [`$target = ${psQuote(targetDn)}`, `$account = ${psQuote(account)}`, "$sid = Get-GmsaSid -Name $account", ""];
}

function opening(purpose: string, targetDn: string, account: string): string[] {
  return [...header(purpose), ...HEADER_FUNCTIONS, "", ...variables(targetDn, account)];
}

/** One idempotent grant block per permission. */
function grantBlocks(perms: readonly RequiredPermission[], targetDn: string, account: string): string[] {
  const lines: string[] = [];
  for (const perm of perms) {
    // A required EMPTY InheritedObjectType (this object / every class) only accepts ACEs for every class.
    const classes = perm.applies === "this-object" ? [EMPTY_GUID] : [perm.inheritedObjectType, ...(perm.alternativeInheritedObjectTypes ?? [])];
    const args = [
      ...(perm.dsacls.inheritance === null ? [] : [psQuote(perm.dsacls.inheritance)]),
      "'/G'",
      `($account + ${psQuote(`:${perm.dsacls.perms}`)})`,
    ].join(" ");
    const label = `${perm.access} - ${perm.appliesTo}`;
    lines.push(
      `# ${commentText(`${label}: ${dsaclsCommand(targetDn, account, perm)}`)}`,
      `if (Test-GmsaGrant -Rights ${perm.rights} -ObjectType ${psQuote(perm.objectType)} -InheritedObjectTypes ${psArray(classes)} -Inheritance ${psArray(
        acceptedInheritance(perm),
      )}) {`,
      `    Write-Output ${psQuote(`Already granted: ${label}`)}`,
      `} elseif ($PSCmdlet.ShouldProcess($target, ${psQuote(`Grant ${account} ${perm.dsacls.perms}${perm.dsacls.inheritance === null ? "" : ` ${perm.dsacls.inheritance}`}`)})) {`,
      `    & dsacls.exe $target ${args} | Out-Null`,
      `    if ($LASTEXITCODE -ne 0) { throw ${psQuote(`dsacls failed to grant ${label}`)} }`,
      `    Write-Output ${psQuote(`Granted: ${label}`)}`,
      "}",
      "",
    );
  }
  return lines;
}

/**
 * Grants the given documented permissions to the gMSA on the target, each only when Get-Acl shows it missing.
 */
export function grantScript(input: { targetDn: string; account: string; permissions: readonly RequiredPermission[]; purpose: string }): string {
  const { targetDn, account, permissions, purpose } = input;
  return [
    ...opening(purpose, targetDn, account),
    ...grantBlocks(permissions, targetDn, account),
    "Write-Output 'Done. ACL changes take effect on other domain controllers after AD replication.'",
    "",
  ].join("\n");
}

/** One idempotent removal block for an explicit ACE of the gMSA (matched on every field). */
function removalBlock(ace: AceView): string[] {
  if (ace.inheritanceType === "unknown") {
    return [
      `# Not removed: acl.aces[${ace.index}]: ${commentText(ace.summary)}`,
      `Write-Output ${psQuote(`Skipped (its inheritance was not exported, so it cannot be matched exactly): ${ace.summary}. Export the ACL with the InheritanceType column and generate this script again.`)}`,
      "",
    ];
  }
  return [
    `# Remove acl.aces[${ace.index}]: ${commentText(ace.summary)}`,
    "$acl = Get-Acl -Path \"AD:\\$target\"",
    "$found = @($acl.GetAccessRules($true, $false, [System.Security.Principal.SecurityIdentifier]) | Where-Object {",
    `    $_.IdentityReference -eq $sid -and [string]$_.AccessControlType -eq ${psQuote(ace.accessType === "allow" ? "Allow" : "Deny")} -and`,
    `    [int]$_.ActiveDirectoryRights -eq ${ace.rights} -and $_.ObjectType -eq [guid]${psQuote(ace.objectType)} -and`,
    `    $_.InheritedObjectType -eq [guid]${psQuote(ace.inheritedObjectType)} -and [string]$_.InheritanceType -eq ${psQuote(ace.inheritanceType)}`,
    "})",
    "if ($found.Count -eq 0) {",
    `    Write-Output ${psQuote(`Already absent: ${ace.summary}`)}`,
    `} elseif ($PSCmdlet.ShouldProcess($target, ${psQuote(`Remove ${ace.summary}`)})) {`,
    "    foreach ($rule in $found) { $acl.RemoveAccessRuleSpecific($rule) }",
    "    Set-Acl -Path \"AD:\\$target\" -AclObject $acl",
    `    Write-Output ${psQuote(`Removed: ${ace.summary}`)}`,
    "}",
    "",
  ];
}

/**
 * Removes explicit ACEs of the gMSA, then (optionally) makes sure the documented grants exist again as their
 * own ACEs, so removing a broad ACE never leaves the agent without the rights it needs.
 * ACEs that reach the gMSA through a group or by inheritance are listed as comments, not changed.
 */
export function removalScript(input: {
  targetDn: string;
  account: string;
  remove: readonly AceView[];
  regrant: readonly RequiredPermission[];
  purpose: string;
}): string {
  const { targetDn, account, remove, regrant, purpose } = input;
  const direct = remove.filter((a) => a.via === null && !a.isInherited);
  const manual = remove.filter((a) => a.via !== null || a.isInherited);
  const lines = opening(purpose, targetDn, account);
  for (const ace of manual) {
    lines.push(
      ace.via !== null
        ? `# Not changed here: ${commentText(`${ace.summary} reaches the gMSA through ${ace.via.join(" -> ")}`)}; remove the gMSA from that group or change the group's ACE.`
        : `# Not changed here: ${commentText(ace.summary)} is inherited; change it on the parent object.`,
    );
  }
  if (manual.length > 0) lines.push("");
  for (const ace of direct) lines.push(...removalBlock(ace));
  if (regrant.length > 0) {
    lines.push("# Make sure the documented grants exist as their own ACEs (skipped when already present).", ...grantBlocks(regrant, targetDn, account));
  }
  lines.push("Write-Output 'Done. ACL changes take effect on other domain controllers after AD replication.'", "");
  return lines.join("\n");
}
