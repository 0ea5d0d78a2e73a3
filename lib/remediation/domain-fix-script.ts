import { guidEntry, normalizeGuid, toDsaclsLetters } from "@/lib/facts";
import {
  analyzeAcl,
  type AceView,
  type AclAnalysis,
  type PermissionFinding,
  type RuleContext,
  type RuleResult,
  type Severity,
} from "@/lib/rules";
import { commentText } from "./fix-script";

/**
 * The per-domain PowerShell fix script: one download that fixes what a domain's failing domain rules and gMSA ACL
 * rules need, following the per-server fix script's conventions (lib/remediation/fix-script.ts):
 * - a header of line comments (domain, DN, generation time, ruleset, what it changes, where to run it, which
 *   Active Directory rights each step needs, -WhatIf);
 * - `[CmdletBinding(SupportsShouldProcess)]`, so `.\script.ps1 -WhatIf` previews every change (each change goes
 *   through $PSCmdlet.ShouldProcess; nothing else is written);
 * - test-then-set everywhere: every step reads the current state first (Get-KdsRootKey, Get-WindowsFeature,
 *   objectVersion, Get-Acl) and changes only what differs, so the script is safe to run twice;
 * - a runtime check of the rights a step needs (Domain Admins, Enterprise Admins, Schema Admins, by SID from the
 *   token), skipped under -WhatIf so anyone can preview;
 * - `$ErrorActionPreference = 'Stop'`: the first failing step stops the script and says which one it was.
 *
 * What it covers (and nothing more): the RSAT AD PowerShell module on a domain controller, the KDS root key
 * (Add-KdsRootKey -EffectiveImmediately, with the documented 10-hour wait), the forest schema (checked and the
 * adprep step named; a schema update is forest-wide and irreversible, so it is never run by the script), the
 * gMSA's documented grants on the domain root that the failing gMSA ACL rules need (each with its dsacls line and an
 * equivalent Set-Acl/ActiveDirectoryAccessRule block; -GrantWith Dsacls runs dsacls instead), and the removal of
 * Deny ACEs and excess ACEs of the gMSA those rules report. Failing rules of other kinds are listed for manual action.
 *
 * Uploaded values are data, never code: the DN and account names are checked against a strict pattern (anything
 * with quotes, `$`, backticks, control characters or line breaks is refused and the step is left for manual
 * action), and then still emitted only inside single-quoted literals with every kind of single quote doubled.
 * Comments carry sanitised text only (commentText). GUIDs and rights come from the shared AD vocabulary
 * (lib/facts via @/lib/rules), never from the upload.
 */

export interface DomainFixScriptInput {
  /** Lower-case DNS name of the domain. */
  domain: string;
  /** ISO timestamp (the caller's clock). */
  generatedAt: string;
  rulesetVersion: string;
  /** The domain's shared results (domain-, fleet- and gmsa-acl-scoped); others are ignored. */
  results: readonly RuleResult[];
  /** The context the domain evaluation used: domain facts, the domain root's ACL export, scope facts. */
  ctx: RuleContext;
  /** Rule titles for the header (the registry's getRule(id)?.meta.title). */
  titleOf?: (ruleId: string) => string | undefined;
}

/** Why a step is run: the rule's stored status. */
type StepStatus = "fail" | "unknown";

export interface DomainFixStep {
  ruleIds: string[];
  title: string;
  severity: Severity;
  status: StepStatus;
  /** PowerShell lines of the step (inside the region), or null when it needs manual action. */
  lines: string[] | null;
  /** Why there is no script. */
  manual?: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

/** Rules whose fix needs a decision or hardware, never a script. */
const MANUAL: Record<string, string> = {
  "domain-dc-2012":
    "Promote a Windows Server 2012 or later (in practice 2022 or 2025) domain controller in this domain: Install-WindowsFeature AD-Domain-Services -IncludeManagementTools, then Install-ADDSDomainController.",
  "domain-functional-level":
    "Raise the domain, then the forest functional level to Windows Server 2012 or later (Set-ADDomainMode, Set-ADForestMode) once every DC runs 2012 or later. One-way: plan it, do not script it.",
  "domain-protected-objects":
    "Decide per listed object: re-enable inheritance where it was disabled by mistake, grant the gMSA directly on objects that must stay protected, keep AdminSDHolder-protected accounts out of scope.",
  "fleet-agent-count": "Install or retire provisioning agents so the domain has the recommended number of active agents.",
};

/** Grant rules and the documented permissions (analyzeAcl's finding ids) each of them checks. */
const GRANT_RULES: readonly { ruleId: string; picks: (f: PermissionFinding) => boolean; what: string }[] = [
  { ruleId: "gmsa-acl-read-objects", picks: (f) => f.set === "custom-gmsa" && f.id.startsWith("read-"), what: "Read all properties on the descendant object classes" },
  { ruleId: "gmsa-acl-groups-full-control", picks: (f) => f.id === "groups-full-control", what: "Full control on descendant group objects" },
  { ruleId: "gmsa-acl-create-delete-users", picks: (f) => f.id === "create-delete-users", what: "Create/delete User objects, this object and all descendants" },
  { ruleId: "gmsa-acl-phs", picks: (f) => f.set === "password-hash-sync", what: "Replicating Directory Changes (All) for password hash sync" },
  { ruleId: "gmsa-acl-writeback", picks: (f) => f.set === "password-writeback", what: "the password writeback rights" },
  { ruleId: "gmsa-acl-group-provisioning", picks: (f) => f.set === "group-provisioning", what: "the group provisioning to AD rights" },
  { ruleId: "gmsa-acl-exchange-hybrid", picks: (f) => f.set === "exchange-hybrid", what: "the Exchange hybrid writeback rights" },
];

const SCHEMA_RULES = ["domain-schema-cloud-sync", "domain-schema-gmsa", "domain-schema-upgrade"] as const;

// ---------------------------------------------------------------------------------------------------------------
// Escaping and validation of uploaded values.

const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

/** A PowerShell single-quoted literal of sanitised one-line text (every kind of single quote doubled). */
export function psLiteral(text: string, max = 1000): string {
  return `'${commentText(text, max).replace(SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

/** One RDN value: letters, digits, spaces and . _ - ( ) & only (no quotes, $, backticks, commas, control characters). */
const RDN = /^(?:CN|OU|DC|O|L|ST|C)=[\p{L}\p{N} ._()&-]{1,64}$/iu;

/** The DN when it is made only of ordinary RDNs (CN/OU/DC=…); null for anything odd (it is then never emitted). */
export function safeDn(dn: string | null | undefined): string | null {
  if (typeof dn !== "string") return null;
  const trimmed = dn.trim();
  if (trimmed === "" || trimmed.length > 1024) return null;
  const parts = trimmed.split(",");
  if (!parts.every((part) => RDN.test(part.trim()) && part.trim() === part.trim().replace(/\s{2,}/g, " "))) return null;
  return parts.map((part) => part.trim()).join(",");
}

/** DC=corp,DC=contoso,DC=com for a DNS name made of ordinary labels; null otherwise. */
export function dnOfDnsName(dns: string): string | null {
  const labels = dns.trim().toLowerCase().split(".");
  if (labels.length < 1 || !labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label))) return null;
  return labels.map((label) => `DC=${label}`).join(",");
}

/** DOMAIN\name$ (or name$) made of letters, digits and . _ - only; null for anything odd. */
export function safeAccount(account: string | null | undefined): string | null {
  if (typeof account !== "string") return null;
  const match = /^(?:([\p{L}\p{N}][\p{L}\p{N}._-]{0,14})\\)?([\p{L}\p{N}][\p{L}\p{N}._-]{0,19}\$?)$/u.exec(account.trim());
  return match ? account.trim() : null;
}

/** "<domain>-cloudsync-domain-fix.ps1" with the name reduced to letters, digits, ".", "-" and "_". */
export function domainFixScriptFileName(domain: string): string {
  const safe = domain.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+|[._]+$/g, "").slice(0, 100);
  return `${safe || "domain"}-cloudsync-domain-fix.ps1`;
}

// ---------------------------------------------------------------------------------------------------------------
// Rights checks and shared helpers emitted once.

const HELPERS = [
  "# The SIDs of Domain Admins (<domain SID>-512), Schema Admins (<forest root SID>-518) and Enterprise Admins",
  "# (<forest root SID>-519), read over LDAP so the check works before the ActiveDirectory module is installed.",
  "function Get-CsrRoleSids {",
  "    $domainEntry = [ADSI]('LDAP://' + $DomainDn)",
  "    $domainSid = (New-Object System.Security.Principal.SecurityIdentifier($domainEntry.Properties['objectSid'][0], 0)).Value",
  "    $rootDn = ([ADSI]'LDAP://RootDSE').Properties['rootDomainNamingContext'][0]",
  "    $rootSid = (New-Object System.Security.Principal.SecurityIdentifier(([ADSI]('LDAP://' + $rootDn)).Properties['objectSid'][0], 0)).Value",
  "    @{ DomainAdmins = \"$domainSid-512\"; SchemaAdmins = \"$rootSid-518\"; EnterpriseAdmins = \"$rootSid-519\" }",
  "}",
  "",
  "# True when the current (elevated) token holds one of the roles.",
  "function Test-CsrRole {",
  "    param([string[]]$Role)",
  "    if ($null -eq $script:CsrRoleSids) { $script:CsrRoleSids = Get-CsrRoleSids }",
  "    $held = @([System.Security.Principal.WindowsIdentity]::GetCurrent().Groups | ForEach-Object { $_.Value })",
  "    foreach ($name in $Role) { if ($held -contains $script:CsrRoleSids[$name]) { return $true } }",
  "    return $false",
  "}",
  "",
  "# Stops with a clear message when the step needs rights the current account lacks (not checked under -WhatIf).",
  "function Assert-CsrRole {",
  "    param([string[]]$Role, [string]$Step)",
  "    if ($WhatIfPreference) { return }",
  "    if (-not (Test-CsrRole -Role $Role)) {",
  "        $names = @{ DomainAdmins = 'Domain Admins'; EnterpriseAdmins = 'Enterprise Admins'; SchemaAdmins = 'Schema Admins' }",
  "        throw ($Step + ' needs membership in ' + (($Role | ForEach-Object { $names[$_] }) -join ' or ') + ' (' + $DomainDns + '). Run the script as such an account, or preview it with -WhatIf.')",
  "    }",
  "}",
];

const ACL_HELPERS = [
  "# The gMSA's SID; stops when the account does not exist yet (the agent installer creates it, or New-ADServiceAccount).",
  "function Get-CsrGmsaSid {",
  "    try {",
  "        ([System.Security.Principal.NTAccount]$GmsaAccount).Translate([System.Security.Principal.SecurityIdentifier])",
  "    } catch {",
  "        throw ('The gMSA ' + $GmsaAccount + ' does not resolve to a SID in ' + $DomainDns + '. Create it first (the provisioning agent installer does), then run this script again.')",
  "    }",
  "}",
  "",
  "# True when an Allow ACE for the gMSA (explicit or inherited) already covers the right: a superset of the rights,",
  "# the same ObjectType or all (empty), one of the accepted classes or all (empty), an accepted inheritance.",
  "function Test-CsrGrant {",
  "    param([string]$Target, [int]$Rights, [guid]$ObjectType, [guid[]]$InheritedObjectTypes, [string[]]$Inheritance)",
  "    $acl = Get-Acl -Path ('AD:\\' + $Target)",
  "    foreach ($ace in $acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])) {",
  "        if ([string]$ace.AccessControlType -ne 'Allow' -or $ace.IdentityReference -ne $GmsaSid) { continue }",
  "        if ((([int]$ace.ActiveDirectoryRights) -band $Rights) -ne $Rights) { continue }",
  "        if ($ace.ObjectType -ne [guid]::Empty -and $ace.ObjectType -ne $ObjectType) { continue }",
  "        if ($ace.InheritedObjectType -ne [guid]::Empty -and $InheritedObjectTypes -notcontains $ace.InheritedObjectType) { continue }",
  "        if ($Inheritance -notcontains [string]$ace.InheritanceType) { continue }",
  "        return $true",
  "    }",
  "    return $false",
  "}",
  "",
  "# Grants one ACE to the gMSA, with Set-Acl (default) or the equivalent dsacls.exe command (-GrantWith Dsacls).",
  "function Grant-CsrAce {",
  "    param([string]$Target, [int]$Rights, [guid]$ObjectType, [string]$Inheritance, [guid]$InheritedObjectType, [string[]]$DsaclsArgs)",
  "    if ($GrantWith -eq 'Dsacls') {",
  "        & dsacls.exe $Target @DsaclsArgs | Out-Null",
  "        if ($LASTEXITCODE -ne 0) { throw ('dsacls.exe failed (exit code ' + $LASTEXITCODE + ') on ' + $Target) }",
  "        return",
  "    }",
  "    $acl = Get-Acl -Path ('AD:\\' + $Target)",
  "    $rule = New-Object System.DirectoryServices.ActiveDirectoryAccessRule(",
  "        $GmsaSid,",
  "        [System.DirectoryServices.ActiveDirectoryRights]$Rights,",
  "        [System.Security.AccessControl.AccessControlType]::Allow,",
  "        $ObjectType,",
  "        [System.DirectoryServices.ActiveDirectorySecurityInheritance]$Inheritance,",
  "        $InheritedObjectType)",
  "    $acl.AddAccessRule($rule)",
  "    Set-Acl -Path ('AD:\\' + $Target) -AclObject $acl",
  "}",
  "",
  "# Removes the explicit ACEs of the gMSA that match every field; returns how many were removed (0 when already absent).",
  "function Remove-CsrAce {",
  "    [CmdletBinding(SupportsShouldProcess)]",
  "    param([string]$Target, [string]$Type, [int]$Rights, [guid]$ObjectType, [guid]$InheritedObjectType, [string]$Inheritance, [string]$Summary)",
  "    $acl = Get-Acl -Path ('AD:\\' + $Target)",
  "    $found = @($acl.GetAccessRules($true, $false, [System.Security.Principal.SecurityIdentifier]) | Where-Object {",
  "        $_.IdentityReference -eq $GmsaSid -and [string]$_.AccessControlType -eq $Type -and [int]$_.ActiveDirectoryRights -eq $Rights -and",
  "        $_.ObjectType -eq $ObjectType -and $_.InheritedObjectType -eq $InheritedObjectType -and [string]$_.InheritanceType -eq $Inheritance",
  "    })",
  "    if ($found.Count -eq 0) { Write-Output ('Already absent: ' + $Summary); return }",
  "    if ($PSCmdlet.ShouldProcess($Target, 'Remove ' + $Summary)) {",
  "        foreach ($rule in $found) { [void]$acl.RemoveAccessRuleSpecific($rule) }",
  "        Set-Acl -Path ('AD:\\' + $Target) -AclObject $acl",
  "        Write-Output ('Removed: ' + $Summary)",
  "    }",
  "}",
];

// ---------------------------------------------------------------------------------------------------------------
// Steps.

function resultOf(results: readonly RuleResult[], ruleId: string): RuleResult | undefined {
  return results.find((r) => r.ruleId === ruleId);
}

function needsFix(result: RuleResult | undefined): result is RuleResult & { status: StepStatus } {
  return result !== undefined && (result.status === "fail" || result.status === "unknown");
}

function rsatStep(): string[] {
  return [
    "Assert-CsrRole -Role DomainAdmins, EnterpriseAdmins -Step 'Installing RSAT-AD-PowerShell on a domain controller'",
    "if ((Get-CimInstance -ClassName Win32_OperatingSystem).ProductType -ne 2) {",
    "    throw ('This computer is not a domain controller. Run the script on a domain controller of ' + $DomainDns + '.')",
    "}",
    "$feature = Get-WindowsFeature -Name RSAT-AD-PowerShell",
    "if ($feature.Installed) {",
    "    Write-Output ('RSAT-AD-PowerShell is already installed on ' + $env:COMPUTERNAME + '.')",
    "} elseif ($PSCmdlet.ShouldProcess($env:COMPUTERNAME, 'Install-WindowsFeature RSAT-AD-PowerShell')) {",
    "    $installed = Install-WindowsFeature -Name RSAT-AD-PowerShell",
    "    if (-not $installed.Success) { throw 'Install-WindowsFeature RSAT-AD-PowerShell did not succeed.' }",
    "    Write-Output ('Installed RSAT-AD-PowerShell on ' + $env:COMPUTERNAME + ' (restart needed: ' + $installed.RestartNeeded + ').')",
    "}",
  ];
}

function kdsStep(): string[] {
  return [
    "# Needs Domain Admins or Enterprise Admins, on a Windows Server 2012 or later domain controller (Add-KdsRootKey).",
    "# Documented caveat: domain controllers wait up to 10 hours after a key is created before they use it (replication),",
    "# so the gMSA can be created reliably 10 hours after this step. Do NOT back-date the key in production; the",
    "# documented shortcut Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10)) is for a single-DC test lab only.",
    "# Success is logged as event 4004 in Applications and Services Logs > Microsoft > Windows > KdsSvc > Operational.",
    "Assert-CsrRole -Role DomainAdmins, EnterpriseAdmins -Step 'Creating a KDS root key'",
    "if (-not (Get-Command -Name Get-KdsRootKey -ErrorAction SilentlyContinue)) {",
    "    throw 'The KDS cmdlets (Get-KdsRootKey, Add-KdsRootKey) are missing: run the script on a Windows Server 2012 or later domain controller.'",
    "}",
    "$now = Get-Date",
    "$keys = @(Get-KdsRootKey)",
    "$usable = @($keys | Where-Object { $_.EffectiveTime -le $now.AddHours(-10) })",
    "$soon = @($keys | Where-Object { $_.EffectiveTime -le $now.AddHours(10) } | Sort-Object EffectiveTime)",
    "if ($usable.Count -gt 0) {",
    "    Write-Output ('A KDS root key is already usable (KeyId ' + $usable[0].KeyId + ').')",
    "} elseif ($soon.Count -gt 0) {",
    "    Write-Output ('KDS root key ' + $soon[0].KeyId + ' exists; gMSA creation is reliable from ' + $soon[0].EffectiveTime.AddHours(10) + '. Nothing to add.')",
    "} elseif ($PSCmdlet.ShouldProcess($DomainDns, 'Add-KdsRootKey -EffectiveImmediately')) {",
    "    $keyId = Add-KdsRootKey -EffectiveImmediately",
    "    Write-Output ('Created KDS root key ' + $keyId + '. Wait 10 hours for replication before creating the gMSA (event 4004 in the KdsSvc Operational log).')",
    "}",
  ];
}

function schemaStep(cloudSync: boolean, upgrade: boolean): string[] {
  const minimum = cloudSync ? 87 : 56;
  const media = cloudSync ? "Windows Server 2016 or later" : "Windows Server 2012 or later (in practice 2016 or later, which cloud sync needs)";
  const lines = [
    "# A schema update is forest-wide and cannot be undone, so this step only checks and says what to run:",
    `# as a member of Schema Admins and Enterprise Admins, on the schema master, from ${media} media:`,
    "#   <media>\\support\\adprep\\adprep.exe /forestprep   then, in every domain:   adprep.exe /domainprep",
    "# (promoting a domain controller of that version runs both automatically). Check the log in C:\\Windows\\debug\\adprep\\logs.",
    "$schemaNc = ([ADSI]'LDAP://RootDSE').Properties['schemaNamingContext'][0]",
    "$objectVersion = [int](([ADSI]('LDAP://' + $schemaNc)).Properties['objectVersion'][0])",
    "$schemaMaster = ([System.DirectoryServices.ActiveDirectory.Forest]::GetCurrentForest()).SchemaRoleOwner.Name",
    "$canPrep = Test-CsrRole -Role SchemaAdmins",
    "$canPrep = $canPrep -and (Test-CsrRole -Role EnterpriseAdmins)",
    `if ($objectVersion -lt ${minimum}) {`,
    `    $script:Pending += ('Schema: objectVersion is ' + $objectVersion + ', cloud sync needs ${minimum} or later. On the schema master ' + $schemaMaster + ', from ${cloudSync ? "Windows Server 2016 or later" : "Windows Server 2012 or later"} media, run adprep.exe /forestprep, then adprep.exe /domainprep in every domain' + $(if ($canPrep) { '.' } else { ' (as a member of Schema Admins and Enterprise Admins; you are not both).' }))`,
    "    Write-Warning $script:Pending[-1]",
  ];
  if (upgrade) {
    lines.push(
      "} elseif ($objectVersion -eq 89 -or $objectVersion -eq 90) {",
      "    $script:Pending += ('Schema: objectVersion ' + $objectVersion + ' means the Windows Server 2025 schema update stopped part-way. On the schema master ' + $schemaMaster + ', re-run adprep.exe /forestprep from Windows Server 2025 release media until objectVersion reads 91.')",
      "    Write-Warning $script:Pending[-1]",
    );
  }
  lines.push("} else {", `    Write-Output ('The forest schema is at objectVersion ' + $objectVersion + '; nothing to do.')`, "}");
  return lines;
}

/** Accepted InheritanceType values of an existing ACE for a required grant (as the rule's own scripts accept them). */
function acceptedInheritance(applies: PermissionFinding["required"]["applies"]): string[] {
  switch (applies) {
    case "this-object":
      return ["None", "All", "SelfAndChildren"];
    case "descendants":
      return ["All", "Descendents"];
    case "this-and-descendants":
      return ["All"];
  }
}

const INHERITANCE: Record<PermissionFinding["required"]["applies"], { ad: string; dsacls: "/I:S" | "/I:T" | null }> = {
  "this-object": { ad: "None", dsacls: null },
  descendants: { ad: "Descendents", dsacls: "/I:S" },
  "this-and-descendants": { ad: "All", dsacls: "/I:T" },
};

const EMPTY = "00000000-0000-0000-0000-000000000000";

/**
 * The dsacls permission text for a required grant, from the shared AD vocabulary: "RP;;user", "GA;;group", "CCDC;user",
 * "CA;Replicating Directory Changes", "CA;Reset Password;user", "WP;lockoutTime;user".
 */
export function dsaclsPerms(required: PermissionFinding["required"]): string {
  const letters = toDsaclsLetters(required.rights);
  const object = required.objectType === EMPTY ? "" : (guidEntry(required.objectType)?.displayName ?? required.objectType);
  const cls = required.inheritedObjectTypes[0];
  const className = cls === undefined || cls === EMPTY ? "" : (guidEntry(cls)?.ldapDisplayName ?? cls);
  if (className !== "") return `${letters};${object};${className}`;
  return object === "" ? letters : `${letters};${object}`;
}

function psArray(values: readonly string[]): string {
  return `@(${values.map((value) => psLiteral(value)).join(", ")})`;
}

function grantLines(findings: readonly PermissionFinding[], target: string, account: string): string[] {
  const lines: string[] = [];
  for (const finding of findings) {
    const { required } = finding;
    const inheritance = INHERITANCE[required.applies];
    const perms = dsaclsPerms(required);
    const classes = required.applies === "this-object" ? [EMPTY] : required.inheritedObjectTypes;
    const inheritedObjectType = required.applies === "this-object" ? EMPTY : (required.inheritedObjectTypes[0] ?? EMPTY);
    const dsaclsArgs = [...(inheritance.dsacls === null ? [] : [inheritance.dsacls]), "/G", `${account}:${perms}`];
    const label = commentText(`${finding.access} - ${finding.appliesTo}`, 200);
    lines.push(
      `# ${label}`,
      `#   dsacls "${target}"${inheritance.dsacls === null ? "" : ` ${inheritance.dsacls}`} /G "${account}:${perms}"`,
      `#   = ActiveDirectoryAccessRule(gMSA SID, ${required.rightsNames.join(", ") || required.rights}, Allow, ${required.objectTypeName ?? "all"} ${required.objectType}, ${inheritance.ad}, ${required.inheritedObjectTypeNames[0] ?? "all"} ${inheritedObjectType})`,
      `if (Test-CsrGrant -Target $GrantTarget -Rights ${required.rights} -ObjectType ${psLiteral(required.objectType)} -InheritedObjectTypes ${psArray(classes)} -Inheritance ${psArray(acceptedInheritance(required.applies))}) {`,
      `    Write-Output ${psLiteral(`Already granted: ${label}`)}`,
      `} elseif ($PSCmdlet.ShouldProcess($GrantTarget, ${psLiteral(`Grant ${account} ${perms}${inheritance.dsacls === null ? "" : ` ${inheritance.dsacls}`}`)})) {`,
      `    Grant-CsrAce -Target $GrantTarget -Rights ${required.rights} -ObjectType ${psLiteral(required.objectType)} -Inheritance ${psLiteral(inheritance.ad)} -InheritedObjectType ${psLiteral(inheritedObjectType)} -DsaclsArgs ${psArray(dsaclsArgs)}`,
      `    Write-Output ${psLiteral(`Granted: ${label}`)}`,
      "}",
    );
  }
  return lines;
}

const ACE_INHERITANCE = new Set(["None", "All", "Descendents", "SelfAndChildren", "Children"]);

/** Removal lines for explicit ACEs of the gMSA itself; ACEs through a group or inherited ones are left as warnings. */
function removalLines(aces: readonly AceView[]): string[] {
  const lines: string[] = [];
  for (const ace of aces) {
    const summary = commentText(ace.summary, 300);
    const objectType = normalizeGuid(ace.objectType);
    const inheritedObjectType = normalizeGuid(ace.inheritedObjectType);
    if (ace.via !== null) {
      lines.push(`Write-Warning ${psLiteral(`Not changed: ${summary} reaches the gMSA through ${ace.via.join(" -> ")}; take the gMSA out of that group or change the group's ACE.`)}`);
    } else if (ace.isInherited) {
      lines.push(`Write-Warning ${psLiteral(`Not changed: ${summary} is inherited; change it on the parent object.`)}`);
    } else if (!ACE_INHERITANCE.has(ace.inheritanceType) || objectType === null || inheritedObjectType === null || !Number.isInteger(ace.rights)) {
      lines.push(`Write-Warning ${psLiteral(`Not changed: ${summary}; the export lacks a field needed to match it exactly (InheritanceType, ObjectType). Export the ACL with every column and generate this script again.`)}`);
    } else {
      lines.push(
        `# Remove acl.aces[${ace.index}]: ${summary}`,
        `Remove-CsrAce -Target $AclTarget -Type ${psLiteral(ace.accessType === "allow" ? "Allow" : "Deny")} -Rights ${ace.rights} -ObjectType ${psLiteral(objectType)} -InheritedObjectType ${psLiteral(inheritedObjectType)} -Inheritance ${psLiteral(ace.inheritanceType)} -Summary ${psLiteral(summary)}`,
      );
    }
  }
  return lines;
}

interface AclTargets {
  analysis: AclAnalysis;
  grantTarget: string | null;
  aclTarget: string | null;
  account: string | null;
  aclKnown: boolean;
  /** Why grants or removals cannot be scripted. */
  problem: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function aclTargets(domain: string, ctx: RuleContext): AclTargets {
  const facts = isRecord(ctx.domain) ? ctx.domain : undefined;
  const acl = isRecord(ctx.acl) ? ctx.acl : undefined;
  const aclKnown = acl !== undefined && Array.isArray(acl.aces);
  const analysis = analyzeAcl(acl, facts);
  const rawRoot = typeof facts?.distinguishedName === "string" && facts.distinguishedName.trim() !== "" ? facts.distinguishedName : null;
  const root = rawRoot === null ? dnOfDnsName(domain) : safeDn(rawRoot);
  const rawAccount = analysis.account;
  const netbios = typeof facts?.netbiosName === "string" && facts.netbiosName.trim() !== "" ? facts.netbiosName.trim().toUpperCase() : null;
  const qualified = rawAccount === null || rawAccount.includes("\\") || rawAccount.includes("@") || netbios === null ? rawAccount : `${netbios}\\${rawAccount}`;
  const account = safeAccount(qualified);
  const aclTarget = analysis.targetDn === null ? root : safeDn(analysis.targetDn);
  let problem: string | null = null;
  if (rawRoot !== null && root === null) problem = "The stored domain DN contains characters this script does not put into PowerShell (quotes, $, backticks, line breaks or other unusual characters); check the uploaded domain facts.";
  else if (root === null) problem = "The domain's DN is not known; upload the domain facts (distinguishedName).";
  else if (rawAccount === null) problem = "The gMSA is not known: no domain facts or ACL export name it. Create it (the provisioning agent installer does), upload the domain facts or the domain root's ACL export naming it, then download this script again.";
  else if (account === null) problem = "The gMSA's name contains characters this script does not put into PowerShell (quotes, $ in the middle, backticks, line breaks or other unusual characters); check the uploaded facts.";
  return { analysis, grantTarget: root, aclTarget, account, aclKnown, problem };
}

/** The steps of the script, in order: module, KDS key, schema, Deny removal, grants, excess removal; manual ones last. */
export function planDomainFixes(input: Pick<DomainFixScriptInput, "domain" | "results" | "ctx">): { steps: DomainFixStep[]; targets: AclTargets } {
  const results = input.results.filter((r) => r.scope === "domain" || r.scope === "gmsa-acl" || r.scope === "fleet");
  const steps: DomainFixStep[] = [];
  const targets = aclTargets(input.domain, input.ctx);

  const rsat = resultOf(results, "domain-rsat-ad-powershell");
  if (needsFix(rsat)) steps.push({ ruleIds: [rsat.ruleId], title: "Install the AD PowerShell module (RSAT-AD-PowerShell) on this domain controller", severity: rsat.severity, status: rsat.status, lines: rsatStep() });

  const kds = resultOf(results, "domain-kds-root-key");
  if (needsFix(kds)) steps.push({ ruleIds: [kds.ruleId], title: "Create a KDS root key if the forest has no usable one", severity: kds.severity, status: kds.status, lines: kdsStep() });

  const schema = SCHEMA_RULES.map((id) => resultOf(results, id)).filter(needsFix);
  if (schema.length > 0) {
    const worst = [...schema].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0];
    const cloudSync = schema.some((r) => r.ruleId === "domain-schema-cloud-sync") || schema.every((r) => r.ruleId === "domain-schema-upgrade");
    steps.push({
      ruleIds: schema.map((r) => r.ruleId),
      title: "Check the forest schema version and name the adprep step (not run by this script)",
      severity: worst.severity,
      status: schema.some((r) => r.status === "fail") ? "fail" : "unknown",
      lines: schemaStep(cloudSync, schema.some((r) => r.ruleId === "domain-schema-upgrade")),
    });
  }

  const aclStep = (result: RuleResult & { status: StepStatus }, title: string, build: () => string[] | null, none: string): DomainFixStep => {
    if (targets.problem !== null) return { ruleIds: [result.ruleId], title, severity: result.severity, status: result.status, lines: null, manual: targets.problem };
    const lines = build();
    return lines === null || lines.length === 0
      ? { ruleIds: [result.ruleId], title, severity: result.severity, status: result.status, lines: null, manual: none }
      : { ruleIds: [result.ruleId], title, severity: result.severity, status: result.status, lines };
  };

  const deny = resultOf(results, "gmsa-acl-deny");
  if (needsFix(deny) && deny.status === "fail") {
    steps.push(
      aclStep(deny, "Remove the Deny ACEs that take documented permissions away from the gMSA", () => {
        if (!targets.aclKnown) return null;
        const aces = targets.analysis.denies.filter((d) => d.cancels.length > 0).map((d) => d.ace);
        return aces.length === 0 ? null : ["Assert-CsrRole -Role DomainAdmins, EnterpriseAdmins -Step 'Changing the ACL'", ...removalLines(aces)];
      }, "The Deny ACEs could not be matched from the export; remove them in Advanced Security Settings of the domain root."),
    );
  }

  for (const grant of GRANT_RULES) {
    const result = resultOf(results, grant.ruleId);
    if (!needsFix(result)) continue;
    steps.push(
      aclStep(result, `Grant the gMSA ${grant.what} on the domain root`, () => {
        const todo = targets.analysis.permissions.filter((f) => grant.picks(f) && (f.status === "missing" || f.status === "denied" || f.status === "unknown"));
        return todo.length === 0 || targets.grantTarget === null || targets.account === null
          ? null
          : ["Assert-CsrRole -Role DomainAdmins, EnterpriseAdmins -Step 'Granting the gMSA its permissions on the domain root'", ...grantLines(todo, targets.grantTarget, targets.account)];
      }, "No missing permission could be identified from the export; grant the documented set with Set-AADCloudSyncPermissions."),
    );
  }

  const excess = resultOf(results, "gmsa-acl-excess");
  if (needsFix(excess) && excess.status === "fail") {
    steps.push(
      aclStep(excess, "Remove the gMSA's ACEs that grant more than documented", () => {
        if (!targets.aclKnown || targets.analysis.excess.length === 0) return null;
        return ["Assert-CsrRole -Role DomainAdmins, EnterpriseAdmins -Step 'Changing the ACL'", ...removalLines(targets.analysis.excess.map((f) => f.ace))];
      }, "The excess ACEs could not be matched from the export; remove them in Advanced Security Settings."),
    );
  }

  const scripted = new Set(steps.flatMap((s) => s.ruleIds));
  const manual = results
    .filter((r) => r.status === "fail" && !scripted.has(r.ruleId))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId))
    .map(
      (r): DomainFixStep => ({
        ruleIds: [r.ruleId],
        title: r.ruleId,
        severity: r.severity,
        status: "fail",
        lines: null,
        manual: MANUAL[r.ruleId] ?? commentText(r.message, 400),
      }),
    );
  return { steps: [...steps, ...manual], targets };
}

/** The whole .ps1 text (LF line endings; the download converts to CRLF and adds a BOM). */
export function buildDomainFixScript(input: DomainFixScriptInput): string {
  const { steps, targets } = planDomainFixes(input);
  const fixes = steps.filter((s): s is DomainFixStep & { lines: string[] } => s.lines !== null);
  const manual = steps.filter((s) => s.lines === null);
  const domain = commentText(input.domain, 255);
  const fileName = domainFixScriptFileName(input.domain);
  const comment = (text: string, indent = "") => `# ${indent}${commentText(text, 1000)}`;
  const titleOf = (step: DomainFixStep) => {
    const titles = step.ruleIds.map((id) => input.titleOf?.(id)).filter((t): t is string => typeof t === "string");
    return titles.length > 0 ? titles.join("; ") : step.title;
  };
  const usesAcl = fixes.some((s) => s.ruleIds.some((id) => id.startsWith("gmsa-acl-")));

  const header = [
    comment(`Cloud Sync Readiness domain fix script for ${domain}${targets.grantTarget === null ? "" : ` (${targets.grantTarget})`}.`),
    comment(`Generated at ${input.generatedAt} with ruleset ${input.rulesetVersion}, from the domain facts and gMSA ACL export last uploaded for this domain.`),
    "#",
    comment("It only changes what is listed below: one region per failing (or not yet checked) domain or gMSA ACL rule that has a scripted fix. Nothing else is touched."),
    comment(`Run it in an elevated PowerShell session (Run as administrator) on a domain controller of ${domain}.`),
    comment("Rights, checked by each step before it changes anything: RSAT install and ACL changes need Domain Admins (or Enterprise Admins); the KDS root key needs Domain Admins or Enterprise Admins; a schema update needs Schema Admins and Enterprise Admins and is never run by this script (it says what to run)."),
    comment(`Preview first: .\\${fileName} -WhatIf   (every change goes through ShouldProcess, so -WhatIf and -Confirm reach each step; the rights checks are skipped in a preview).`),
    comment("Safe to run twice: every step checks the current state first (Get-KdsRootKey, Get-WindowsFeature, objectVersion, Get-Acl) and changes only what differs."),
    comment("Stops at the first error and names the step; steps before it are done, and running the script again skips them."),
    ...(usesAcl
      ? [
          comment(`Grants use Get-Acl/Set-Acl with an ActiveDirectoryAccessRule; -GrantWith Dsacls runs the equivalent dsacls.exe command shown above each grant instead.`),
          comment(`ACL changes reach the other domain controllers through AD replication.`),
        ]
      : []),
    comment(`If the execution policy blocks the downloaded file: Unblock-File .\\${fileName}`),
    "#",
    ...(fixes.length > 0
      ? [comment("Steps, in order:"), ...fixes.map((s, i) => comment(`${i + 1}. ${s.ruleIds.join(", ")} (${s.severity}, ${s.status === "fail" ? "failing" : "not checked: the step checks first"}): ${titleOf(s)}`, "  "))]
      : [comment("Nothing to fix by script: no failing domain or gMSA ACL rule of this domain has a scripted fix.")]),
    ...(manual.length > 0 ? [comment(`${manual.length} more failing ${manual.length === 1 ? "rule needs" : "rules need"} manual action (listed at the end).`)] : []),
    "#Requires -Version 5.1",
    "[CmdletBinding(SupportsShouldProcess)]",
    "param(",
    "    # How the gMSA grants are written: Set-Acl with an ActiveDirectoryAccessRule (default) or dsacls.exe.",
    "    [ValidateSet('SetAcl', 'Dsacls')]",
    "    [string]$GrantWith = 'SetAcl'",
    ")",
    "$ErrorActionPreference = 'Stop'",
    `$DomainDns = ${psLiteral(input.domain, 255)}`,
    `$DomainDn = ${targets.grantTarget === null ? "([ADSI]'LDAP://RootDSE').Properties['defaultNamingContext'][0]" : psLiteral(targets.grantTarget)}`,
    "$principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()",
    "if (-not $WhatIfPreference -and -not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {",
    "    throw 'Run this script in an elevated PowerShell session (Run as administrator), or preview it with -WhatIf.'",
    "}",
    "$joined = [System.DirectoryServices.ActiveDirectory.Domain]::GetComputerDomain().Name",
    "if ($joined -ne $DomainDns) {",
    "    throw ('This computer is in ' + $joined + ', not ' + $DomainDns + '. Run the script on a domain controller of ' + $DomainDns + '.')",
    "}",
    ...(fixes.length > 0 ? ["$script:CsrRoleSids = $null", "$script:Pending = @()", "", ...HELPERS] : []),
    "",
  ];

  const aclSetup = usesAcl
    ? [
        ...ACL_HELPERS,
        "",
        "Import-Module ActiveDirectory -ErrorAction SilentlyContinue",
        "if (-not (Get-PSDrive -Name AD -ErrorAction SilentlyContinue)) {",
        "    throw 'The ActiveDirectory module (RSAT-AD-PowerShell) is needed for the AD: drive that Get-Acl/Set-Acl use: Install-WindowsFeature RSAT-AD-PowerShell.'",
        "}",
        `$GmsaAccount = ${psLiteral(targets.account ?? "")}`,
        `$GrantTarget = $DomainDn`,
        `$AclTarget = ${psLiteral(targets.aclTarget ?? targets.grantTarget ?? "")}`,
        "$GmsaSid = Get-CsrGmsaSid",
        "",
      ]
    : [];

  let aclSetupDone = false;
  const regions = fixes.flatMap((step, i) => {
    const needsAcl = step.ruleIds.some((id) => id.startsWith("gmsa-acl-"));
    const setup = needsAcl && !aclSetupDone ? aclSetup : [];
    if (needsAcl) aclSetupDone = true;
    const label = `${i + 1}. ${step.ruleIds.join(", ")}`;
    return [
      ...setup,
      `#region ${commentText(label, 200)}: ${commentText(step.title, 200)}`,
      `Write-Verbose ${psLiteral(`Step ${i + 1} of ${fixes.length}: ${step.ruleIds.join(", ")}`)}`,
      "try {",
      ...step.lines.map((line) => (line === "" ? "" : `    ${line}`)),
      "} catch {",
      `    throw (${psLiteral(`Step ${label} failed`)} + ': ' + $_.Exception.Message + ' Steps before it are done; nothing after it ran. Correct the cause and run the script again; it is safe to run twice.')`,
      "}",
      "#endregion",
      "",
    ];
  });

  const footer = [
    ...(fixes.length > 0
      ? ["if ($script:Pending.Count -gt 0) {", "    Write-Warning ('Still to do by hand: ' + ($script:Pending -join ' '))", "}"]
      : []),
    fixes.length > 0
      ? `Write-Output ${psLiteral(`Done: ${fixes.length} ${fixes.length === 1 ? "step" : "steps"} checked for ${domain}. Upload fresh domain facts and the ACL export to re-evaluate the domain.`)}`
      : `Write-Output ${psLiteral(`Nothing to fix by script for ${domain}.`)}`,
    ...(manual.length > 0
      ? ["", comment("Needs manual action (no script can fix these):"), ...manual.map((s) => comment(`${s.ruleIds.join(", ")} (${s.severity}): ${titleOf(s)}. ${s.manual ?? ""}`, "  "))]
      : []),
  ];

  return `${[...header, ...regions, ...footer].join("\n")}\n`;
}

/** What a domain's fix script covers, for the page that links it: scripted steps and the rules left for manual action. */
export interface DomainFixCoverage {
  steps: { ruleIds: string[]; title: string; status: StepStatus }[];
  /** Failing rules the script cannot fix (listed at its end). */
  manualRuleIds: string[];
  /** The same, grouped by why the script cannot fix them. */
  manual: { reason: string; ruleIds: string[] }[];
  /** How many ACEs the script grants when missing (each checked first). */
  grants: number;
}

export function domainFixCoverage(input: Pick<DomainFixScriptInput, "domain" | "results" | "ctx">): DomainFixCoverage {
  const { steps } = planDomainFixes(input);
  const scripted = steps.filter((s): s is DomainFixStep & { lines: string[] } => s.lines !== null);
  return {
    steps: scripted.map((s) => ({ ruleIds: s.ruleIds, title: s.title, status: s.status })),
    manualRuleIds: steps.filter((s) => s.lines === null).flatMap((s) => s.ruleIds),
    manual: [
      ...steps
        .filter((s) => s.lines === null)
        .reduce((groups, s) => groups.set(s.manual ?? "", [...(groups.get(s.manual ?? "") ?? []), ...s.ruleIds]), new Map<string, string[]>()),
    ].map(([reason, ruleIds]) => ({ reason, ruleIds })),
    grants: scripted.reduce((n, s) => n + s.lines.filter((line) => line.startsWith("Grant-CsrAce ") || line.trim().startsWith("Grant-CsrAce ")).length, 0),
  };
}
