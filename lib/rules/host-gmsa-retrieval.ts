import { collectRetrievalCommand, COLLECT_HOST_IDENTITY, COLLECT_MEMBERSHIPS } from "./acl/collect";
import { EXAMPLE_AS_OF, EXAMPLE_DOMAIN, EXAMPLE_HOST, HOST_SID } from "./acl/examples";
import { createIdentityResolver, domainAliases, parsePrincipal, type PrincipalRef } from "./acl/principal";
import type { DomainFacts } from "@/lib/facts";
import { psQuote } from "./acl/scripts";
import { cite, DOCS } from "./sources";
import { constantUnknown } from "./host/frozen";
import { toUpper } from "./text-case";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const FACT = "domain.gmsa.principalsAllowedToRetrievePassword";
/** The installer's default gMSA name, used when the domain facts do not name the gMSA. */
const DEFAULT_GMSA = "provAgentgMSA$";
const TRAILING_DOLLAR = /\$$/;

/**
 * Why a host that is not (yet) allowed is a warning, appended to both fail messages: the installer adds
 * the host itself unless a pre-created custom gMSA is used (reference §2.1: [INSTALL]).
 */
const INSTALLER_NOTE =
  ` Required before installing with a custom (pre-created) gMSA, where the administrator must add the host. With the installer's "Create gMSA" option (${DEFAULT_GMSA}, also when it is re-used for a second agent) the installer adds the host itself.`;

const NO_IDENTITY = constantUnknown(
  "host.identity.netbiosName",
  COLLECT_HOST_IDENTITY,
  "The host's computer account (name or SID) is not known, so it cannot be looked up in the gMSA's allowed list.",
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

interface HostIdentity {
  /** NetBIOS computer name, upper-case, without "$". */
  name: string | null;
  /** The host's domain (NetBIOS preferred, else DNS), when known. */
  domain: string | null;
  sid: string | null;
  /** "CORP\SYNC01$" for messages. */
  display: string;
}

/**
 * The host's AD domain for matching its computer account. The NetBIOS domain of the computer account decides;
 * a DNS name (host.identity.domain, else the FQDN's suffix) only when it is one of the evaluated domain's names:
 * in a disjoint namespace the DNS suffix (dmz.contoso.net) differs from the AD domain (corp.contoso.com), and the
 * host, evaluated with its AD domain's facts, is then matched by computer name within that domain.
 */
function hostDomain(identity: Record<string, unknown>, fqdn: string | null, dot: number, domainFacts: unknown): string | null {
  const netbios = text(identity.netbiosDomain);
  if (netbios !== null) return netbios;
  const dnsName = text(identity.domain) ?? (fqdn !== null && dot >= 0 ? fqdn.slice(dot + 1) : null);
  if (dnsName === null || !isRecord(domainFacts)) return dnsName;
  const aliases = domainAliases(domainFacts as DomainFacts);
  if (aliases.names.size === 0 || aliases.names.has(dnsName.toLowerCase())) return dnsName;
  // Disjoint namespace: a DNS name that is not this AD domain's. The computer account lives in the evaluated domain.
  return aliases.netbios === null ? aliases.dns : toUpper(aliases.netbios);
}

/** The host's computer account, from host.identity (NetBIOS name, else the first label of the FQDN). */
function hostIdentity(ctx: RuleContext): HostIdentity | null {
  const identity: unknown = isRecord(ctx.host) ? ctx.host.identity : undefined;
  if (!isRecord(identity)) return null;
  const fqdn = text(identity.fqdn);
  const dot = fqdn === null ? -1 : fqdn.indexOf(".");
  const account = text(identity.netbiosName) ?? (fqdn === null ? null : dot < 0 ? fqdn : fqdn.slice(0, dot));
  const name = account === null ? null : toUpper(account.endsWith("$") ? account.replace(TRAILING_DOLLAR, "") : account);
  const domain = hostDomain(identity, fqdn, dot, ctx.domain);
  const sid = text(identity.sid);
  if (name === null && sid === null) return null;
  // join() builds the name in one flat string (it is kept in messages and evidence).
  const display = name === null ? (sid ?? "the host") : domain === null ? `${name}$` : [toUpper(domain), "\\", name, "$"].join("");
  return { name, domain, sid, display };
}

function gmsaName(ctx: RuleContext): string {
  const gmsa: unknown = isRecord(ctx.domain) ? ctx.domain.gmsa : undefined;
  return (isRecord(gmsa) ? text(gmsa.samAccountName) : null) ?? DEFAULT_GMSA;
}

/**
 * What the rule needs from the domain's gMSA facts, worked out once per gMSA facts object rather than once per
 * server: the gMSA's name, its allowed list (non-empty entries, trimmed, each parsed as a principal), and the
 * parts of the messages that depend only on them. Derived data of an immutable input, never a rule result.
 */
interface GmsaView {
  name: string;
  /** Null when the allowed list was not collected. */
  entries: readonly string[] | null;
  refs: readonly (PrincipalRef | null)[];
  /** Entries that may be groups (not "name$" accounts). */
  groups: readonly string[];
  /** The unknown outcome when the allowed list was not collected. */
  notCollected: () => RuleOutcome;
  /** "<host>" + allowedInfix + "<entry>)." */
  allowedInfix: string;
  /** "<host>" + notListedSuffix: unknown when the list names groups and memberships are missing. */
  notListedSuffix: string;
  /** "<host>" + failSuffix: not allowed. */
  failSuffix: string;
  /** emptyPrefix + "<host>" + emptySuffix: nobody allowed. */
  emptyPrefix: string;
  emptySuffix: string;
}

function gmsaView(name: string, list: unknown): GmsaView {
  const entries: string[] = [];
  const refs: (PrincipalRef | null)[] = [];
  const groups: string[] = [];
  if (Array.isArray(list)) {
    for (const item of list) {
      if (typeof item !== "string" || item.trim() === "") continue;
      const ref = parsePrincipal(item);
      entries.push(item.trim());
      refs.push(ref);
      if (!isComputerAccount(ref)) groups.push(item.trim());
    }
  }
  // The list is the same for every host of the domain, like the domain's shared results: reported as is, frozen.
  return {
    name,
    entries: Array.isArray(list) ? Object.freeze(entries) : null,
    refs,
    groups,
    notCollected: constantUnknown(FACT, collectRetrievalCommand(name), `Who may retrieve the password of the gMSA ${name} was not collected.`),
    allowedInfix: ` is allowed to retrieve the password of ${name} (listed as `,
    notListedSuffix:
      ` is not listed directly as allowed to retrieve the password of ${name}; the list also names ${groups.join(", ")}, ` +
      "and the host's group memberships were not collected.",
    failSuffix:
      ` is not allowed to retrieve the password of ${name}: it is neither listed nor a member of a listed group, ` +
      `so the agent service cannot run as the gMSA on this host until it is added.${INSTALLER_NOTE}`,
    emptyPrefix: `No principal may retrieve the password of ${name}, so the agent service on `,
    emptySuffix: ` cannot start as the gMSA.${INSTALLER_NOTE}`,
  };
}

/** Views by gMSA facts object (a WeakMap, so an entry goes with its domain facts). */
const VIEWS = new WeakMap<object, GmsaView>();

/** The view when the domain facts carry no gMSA object at all (built on first use: it needs the module's constants). */
let noGmsaView: GmsaView | undefined;

function readGmsa(ctx: RuleContext): GmsaView {
  const gmsa: unknown = isRecord(ctx.domain) ? ctx.domain.gmsa : undefined;
  if (!isRecord(gmsa)) return (noGmsaView ??= gmsaView(DEFAULT_GMSA, undefined));
  let view = VIEWS.get(gmsa);
  if (view === undefined) {
    view = gmsaView(text(gmsa.samAccountName) ?? DEFAULT_GMSA, gmsa.principalsAllowedToRetrievePassword);
    VIEWS.set(gmsa, view);
  }
  return view;
}

/** An entry that can only be a computer account or gMSA (name ending in "$"), never a group. */
function isComputerAccount(ref: PrincipalRef | null): boolean {
  return ref !== null && ref.kind === "name" && ref.dollar;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const view = readGmsa(ctx);
  const gmsa = view.name;
  const entries = view.entries;
  if (entries === null) return view.notCollected();
  const host = hostIdentity(ctx);
  if (host === null) {
    return NO_IDENTITY();
  }
  const domain = isRecord(ctx.domain) ? ctx.domain : undefined;
  const resolver = createIdentityResolver(
    { names: host.name === null ? [] : [host.domain === null ? `${host.name}$` : `${host.domain}\\${host.name}$`], sids: [host.sid] },
    domain,
  );
  const display = host.display;
  const expected =
    host.sid === null ? ["contains ", display, " or a group that contains it"].join("") : ["contains ", display, " (", host.sid, ") or a group that contains it"].join("");
  const listEvidence = evidence(FACT, entries, expected);

  const refs = view.refs;
  for (let i = 0; i < entries.length; i++) {
    const match = resolver.matchRef(refs[i]);
    if (match.kind === "subject") return pass(`${display}${view.allowedInfix}${entries[i]}).`, [listEvidence]);
    if (match.kind === "group") {
      return pass(`${display} may retrieve the password of ${gmsa} through group ${match.group.via.join(" → ")} (listed as ${entries[i]}).`, [
        listEvidence,
        evidence("domain.groupMemberships", match.group.via, `${display} is a member of ${entries[i]}`),
      ]);
    }
  }

  if (entries.length === 0) return fail(view.emptyPrefix + display + view.emptySuffix, [listEvidence]);
  const membershipKnown = resolver.membership.dataPresent && resolver.membership.subjectEntryFound;
  if (view.groups.length > 0 && !membershipKnown) {
    return unknown("domain.groupMemberships", COLLECT_MEMBERSHIPS, display + view.notListedSuffix, [
      listEvidence,
      evidence("domain.groupMemberships", null, `the groups ${display} belongs to`),
    ]);
  }
  return fail(display + view.failSuffix, [listEvidence]);
}

function remediationScript(ctx: RuleContext): string | null {
  const host = hostIdentity(ctx);
  if (host === null || host.name === null) return null;
  const gmsa = gmsaName(ctx);
  return [
    `# Allows ${host.display} to retrieve the password of the gMSA ${gmsa} (host-gmsa-retrieval).`,
    "# Safe to run twice: checks the current list (and groups that contain the host) first. Supports -WhatIf and -Confirm.",
    "# Run as Domain Admin (or with rights to manage the gMSA) where the ActiveDirectory module is installed.",
    "# Set-ADServiceAccount replaces the whole list, so the current entries are kept and the host is added.",
    "[CmdletBinding(SupportsShouldProcess = $true)]",
    "param()",
    "$ErrorActionPreference = 'Stop'",
    "Import-Module ActiveDirectory",
    `$gmsaName = ${psQuote(gmsa)}`,
    `$computer = Get-ADComputer -Identity ${psQuote(host.name)}`,
    "$gmsa = Get-ADServiceAccount -Identity $gmsaName -Properties PrincipalsAllowedToRetrieveManagedPassword",
    "$allowed = @($gmsa.PrincipalsAllowedToRetrieveManagedPassword)",
    "# Groups that contain the computer, nested ones included (LDAP_MATCHING_RULE_IN_CHAIN).",
    "$groups = @(Get-ADGroup -LDAPFilter \"(member:1.2.840.113556.1.4.1941:=$($computer.DistinguishedName))\" | ForEach-Object { $_.DistinguishedName })",
    "$via = @($allowed | Where-Object { $_ -eq $computer.DistinguishedName -or $groups -contains $_ })",
    "if ($via.Count -gt 0) {",
    "    Write-Output \"Already allowed through: $($via -join '; ')\"",
    `} elseif ($PSCmdlet.ShouldProcess($gmsaName, ${psQuote(`Add ${host.display} to PrincipalsAllowedToRetrieveManagedPassword`)})) {`,
    "    Set-ADServiceAccount -Identity $gmsaName -PrincipalsAllowedToRetrieveManagedPassword (@($allowed) + $computer.DistinguishedName)",
    "    Write-Output 'Added. On the host, purge the computer tickets (klist -li 0x3e7 purge) or restart it, then run Test-ADServiceAccount.'",
    "}",
    "",
  ].join("\n");
}

export default defineRule({
  meta: {
    id: "host-gmsa-retrieval",
    title: "The agent host is allowed to retrieve the gMSA's password",
    severity: "warning",
    scope: "host",
    rationale:
      "The provisioning agent service runs as the gMSA. A host can use a gMSA only if its computer account, or a group containing it, " +
      "is in the gMSA's PrincipalsAllowedToRetrieveManagedPassword; otherwise the service cannot log on.",
    source: cite(DOCS.gmsaGettingStarted, "Add member hosts to an existing server farm", "add-member-hosts-to-an-existing-server-farm"),
    otherSources: [
      cite(DOCS.prerequisites, "Group Managed Service Accounts", "group-managed-service-accounts"),
      cite(DOCS.gmsaCloudSync, "Using a custom gMSA account", "using-a-custom-gmsa-account"),
    ],
    notes: [
      "Severity warning, not blocker: the installer's \"Create gMSA\" option creates provAgentgMSA$, or re-uses it when run for a second agent, and adds the new host's permission to retrieve the password itself (reference §2.1, installation guide); only a pre-created gMSA chosen with \"Use custom gMSA\" needs the administrator to list the host beforehand. The facts cannot tell which option the installer will be run with, so a host not yet listed is Ready with conditions rather than Not ready, and the fail message says what is needed in each case.",
      "Required for a custom gMSA: the service runs as the gMSA only on hosts in PrincipalsAllowedToRetrieveManagedPassword (reference §2.2); with a custom gMSA, add the host (or a group containing it) before installing the agent.",
      "Entries are matched by computer account (NETBIOS$, DOMAIN\\NETBIOS$, a DN, or the SID), case-insensitively, or through a group the host belongs to (domain.groupMemberships, nested memberships followed). An entry naming another domain is another principal.",
      "The host's AD domain is its computer account's NetBIOS domain; a DNS name (host.identity.domain, else the FQDN's suffix) counts only when it is one of the evaluated domain's names. In a disjoint namespace (DNS suffix dmz.contoso.net, AD domain corp.contoso.com) the host is matched by computer name within the AD domain it is evaluated with, so CORP\\SYNC01$ matches sync01.dmz.contoso.net.",
      "When the host is not listed and the list names groups (or SIDs) whose membership was not collected, the result is unknown rather than fail.",
      "Group membership changes reach the host's token only after a restart or `klist -li 0x3e7 purge`.",
    ],
    remediation: {
      summary:
        "With a custom gMSA, add the host's computer account (or a group containing it) to the gMSA's PrincipalsAllowedToRetrieveManagedPassword, keeping the existing entries, then verify on the host with Test-ADServiceAccount. With the installer's default gMSA, choosing \"Create gMSA\" when installing the agent on this host adds it.",
      steps: [
        "Default gMSA (provAgentgMSA$): run the agent installer on this host and choose \"Create gMSA\"; it re-uses the existing provAgentgMSA$ and adds this host to the allowed list.",
        "Check first: Get-ADServiceAccount -Identity provAgentgMSA -Properties PrincipalsAllowedToRetrieveManagedPassword | Select-Object -ExpandProperty PrincipalsAllowedToRetrieveManagedPassword",
        "Either add the host directly (the parameter replaces the list, so include the current entries): Set-ADServiceAccount -Identity provAgentgMSA -PrincipalsAllowedToRetrieveManagedPassword <current entries>, SYNC01$",
        "Or add it to a group already in the list: Add-ADGroupMember -Identity '<allowed group>' -Members 'SYNC01$', then restart the host (or klist -li 0x3e7 purge).",
        "Verify on the host: Test-ADServiceAccount -Identity provAgentgMSA (returns True).",
      ],
    },
  },
  evaluate,
  remediationScript,
  examples: [
    {
      name: "host listed directly as CORP\\SYNC01$",
      expect: "pass",
      context: { asOf: EXAMPLE_AS_OF, host: EXAMPLE_HOST, domain: EXAMPLE_DOMAIN },
    },
    {
      name: "host allowed through a group, by SID",
      expect: "pass",
      context: {
        asOf: EXAMPLE_AS_OF,
        host: EXAMPLE_HOST,
        domain: {
          ...EXAMPLE_DOMAIN,
          gmsa: { ...EXAMPLE_DOMAIN.gmsa, principalsAllowedToRetrievePassword: ["CORP\\Cloud Sync Agent Hosts"] },
          groupMemberships: { [HOST_SID]: ["CORP\\Cloud Sync Agent Hosts"] },
        },
      },
    },
    {
      name: "only the other agent hosts are listed",
      expect: "fail",
      context: {
        asOf: EXAMPLE_AS_OF,
        host: EXAMPLE_HOST,
        domain: { ...EXAMPLE_DOMAIN, gmsa: { ...EXAMPLE_DOMAIN.gmsa, principalsAllowedToRetrievePassword: ["CORP\\SYNC02$", "CORP\\SYNC03$"] } },
      },
    },
    {
      name: "a group is listed but the host's memberships were not collected",
      expect: "unknown",
      context: {
        asOf: EXAMPLE_AS_OF,
        host: EXAMPLE_HOST,
        domain: { ...EXAMPLE_DOMAIN, gmsa: { ...EXAMPLE_DOMAIN.gmsa, principalsAllowedToRetrievePassword: ["CORP\\Cloud Sync Agent Hosts"] } },
      },
    },
    {
      name: "gMSA facts not collected",
      expect: "unknown",
      context: { asOf: EXAMPLE_AS_OF, host: EXAMPLE_HOST, domain: { dnsName: "corp.contoso.com" } },
    },
  ],
});
