import { evidence, fail, pass } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { hostLabel, own, readBoolean, readString } from "./host/read";
import { constantUnknown, frozenSingle } from "./host/frozen";
import { psComment, psLiteral, remediationScript, shouldProcess } from "./host/registry-script";
import { hostCollect, prerequisites, SECTION } from "./host/sources";

const EXPECTED = "joined to an Active Directory domain (PartOfDomain = True)";
const COLLECT = hostCollect(`(Get-CimInstance Win32_ComputerSystem).PartOfDomain`);

/** Win32_ComputerSystem.DomainRole: 0 StandaloneWorkstation, 1 MemberWorkstation, 2 StandaloneServer, 3 MemberServer, 4 BackupDomainController, 5 PrimaryDomainController. */
const JOINED_ROLES = new Set(["memberworkstation", "memberserver", "backupdomaincontroller", "primarydomaincontroller", "1", "3", "4", "5"]);
const STANDALONE_ROLES = new Set(["standaloneworkstation", "standaloneserver", "0", "2"]);
const ROLE_SEPARATORS = /[\s_-]/g;
const PART_OF_DOMAIN = "host.domainMembership.partOfDomain";
const NOT_COLLECTED = constantUnknown(PART_OF_DOMAIN, COLLECT, "Domain membership was not collected.");

interface JoinedState {
  joined: boolean;
  fact: string;
  actual: unknown;
  /** Set when the evidence is a constant (partOfDomain collected). */
  found?: Evidence[];
}

const JOINED: JoinedState = { joined: true, fact: PART_OF_DOMAIN, actual: true, found: frozenSingle(PART_OF_DOMAIN, true, EXPECTED) };
const NOT_JOINED: JoinedState = { joined: false, fact: PART_OF_DOMAIN, actual: false, found: frozenSingle(PART_OF_DOMAIN, false, EXPECTED) };

/** true/false from partOfDomain, else from domainRole, else undefined. */
function joinedState(host: unknown): JoinedState | undefined {
  const membership = own(host, "domainMembership");
  const partOfDomain = readBoolean(own(membership, "partOfDomain"));
  if (partOfDomain !== undefined) return partOfDomain ? JOINED : NOT_JOINED;
  const role = readString(own(membership, "domainRole"));
  const key = role?.replace(ROLE_SEPARATORS, "").toLowerCase();
  if (key && JOINED_ROLES.has(key)) return { joined: true, fact: "host.domainMembership.domainRole", actual: role };
  if (key && STANDALONE_ROLES.has(key)) return { joined: false, fact: "host.domainMembership.domainRole", actual: role };
  if (own(own(host, "os"), "productType") === "domain-controller") {
    return { joined: true, fact: "host.os.productType", actual: "domain-controller" };
  }
  return undefined;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const host = own(ctx, "host");
  const state = joinedState(host);
  if (!state) return NOT_COLLECTED();
  const domain = readString(own(own(host, "identity"), "domain"));
  const found = state.found ?? [evidence(state.fact, state.actual, EXPECTED)];
  if (state.joined) return pass(domain ? `The server is domain-joined (${domain}).` : "The server is domain-joined.", found);
  return fail("The server is not joined to an Active Directory domain (workgroup).", found);
}

function script(ctx: RuleContext): string | null {
  const host = own(ctx, "host");
  const state = joinedState(host);
  if (!state || state.joined) return null;
  return remediationScript({
    ruleId: "host-domain-joined",
    title: "The agent server is joined to the Active Directory domain",
    host: hostLabel(host),
    notes: ["Joining needs credentials of an account allowed to join computers, and a restart afterwards."],
    body: [
      psComment("Set the DNS name of the AD domain to join (the domain whose users and groups the agent will sync)."),
      `$domainName = ${psLiteral("<ad-domain-fqdn>")}`,
      "if ((Get-CimInstance -ClassName Win32_ComputerSystem).PartOfDomain) {",
      "    Write-Verbose 'The server is already joined to a domain.'",
      "} elseif ($domainName -like '<*') {",
      "    throw 'Edit $domainName at the top of this script first.'",
      "} else {",
      ...shouldProcess("$env:COMPUTERNAME", `"Join domain $domainName"`, [
        "Add-Computer -DomainName $domainName -Credential (Get-Credential -Message \"Account allowed to join $domainName\")",
        "$changed = $true",
      ]).map((line) => `    ${line}`),
      "}",
    ],
    afterChange: "Restart the server to complete the domain join.",
  });
}

export default defineRule({
  meta: {
    id: "host-domain-joined",
    title: "The agent server is joined to the Active Directory domain",
    severity: "blocker",
    scope: "host",
    rationale: "The cloud sync agent must be installed on a domain-joined server; it runs as a gMSA, which only domain members can use.",
    source: prerequisites(SECTION.agentRequirements),
    notes: [
      "Reads host.domainMembership.partOfDomain (Win32_ComputerSystem.PartOfDomain / CsPartOfDomain); when absent, falls back to domainRole (StandaloneServer/StandaloneWorkstation = not joined) or a domain-controller product type.",
    ],
    remediation: {
      summary: "Join the server to the Active Directory domain, restart it, then install the agent.",
      steps: [
        "Add-Computer -DomainName <ad-domain-fqdn> -Credential (Get-Credential) and restart the server.",
        "Place the computer account in an OU managed as Tier 0 (see host-tier0).",
      ],
    },
  },
  evaluate,
  remediationScript: script,
  examples: [
    { name: "member server", expect: "pass", context: hostContext({ domainMembership: { partOfDomain: true, domainRole: "MemberServer" } }) },
    {
      name: "workgroup server",
      expect: "fail",
      context: hostContext(
        { domainMembership: { partOfDomain: false, domainRole: "StandaloneServer" } },
        { fqdn: "sync01", netbiosName: "SYNC01" },
      ),
    },
    { name: "membership not collected", expect: "unknown", context: hostContext({}) },
  ],
});
