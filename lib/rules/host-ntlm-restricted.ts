import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { AGENT_NTLM_DENY_FIX, readAgent } from "./host/agent";
import { hostContext } from "./host/examples";
import { hostLabel, own, readDword, readString, shownDword } from "./host/read";
import { constantUnknown, frozenSingle } from "./host/frozen";
import { collectedAs, psLiteral, remediationScript, setDwordLines } from "./host/registry-script";
import { AGENT_VERSION_HISTORY, hostCollect, NTLM_OUTGOING_POLICY, prerequisites, SECTION } from "./host/sources";
import { compareVersionParts, parseVersion } from "./host/version";

const MSV1_0_KEY = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0";
const NETLOGON_KEY = "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\Netlogon\\Parameters";
const DENY_ALL = 2;
const OUTGOING_FACT = "host.ntlm.restrictSendingNtlmTraffic";
const DENY_FIX_PARTS = parseVersion(AGENT_NTLM_DENY_FIX);
const OUTGOING_EXPECTED = `${DENY_ALL} (Deny all) at ${MSV1_0_KEY}\\RestrictSendingNTLMTraffic`;
const FOUND_NOT_COLLECTED = frozenSingle(OUTGOING_FACT, shownDword(undefined), OUTGOING_EXPECTED);
const FOUND_ABSENT = frozenSingle(OUTGOING_FACT, shownDword(null), OUTGOING_EXPECTED);
/** Evidence for the documented values 0 (Allow all), 1 (Audit all) and 2 (Deny all). */
const FOUND_BY_VALUE: Readonly<Record<number, Evidence[]>> = {
  0: frozenSingle(OUTGOING_FACT, 0, OUTGOING_EXPECTED),
  1: frozenSingle(OUTGOING_FACT, 1, OUTGOING_EXPECTED),
  2: frozenSingle(OUTGOING_FACT, 2, OUTGOING_EXPECTED),
};
const DOMAIN_FACT = "host.ntlm.restrictNtlmInDomain";
const OUTGOING_MEANING: Record<number, string> = { 0: "Allow all", 1: "Audit all", 2: "Deny all" };
/** "Network security: Restrict NTLM: NTLM authentication in this domain" (values: general knowledge, medium confidence). */
const DOMAIN_MEANING: Record<number, string> = {
  0: "Disable",
  1: "Deny for domain accounts to domain servers",
  3: "Deny for domain accounts",
  5: "Deny for domain servers",
  7: "Deny all",
};

function isDomainController(host: unknown): boolean {
  if (own(own(host, "os"), "productType") === "domain-controller") return true;
  const role = readString(own(own(host, "domainMembership"), "domainRole"))?.toLowerCase() ?? "";
  return role.includes("domaincontroller") || role === "4" || role === "5";
}

function agentTooOldForDenyAll(host: unknown): string | undefined {
  const agent = readAgent(host);
  if (!agent.parts || !DENY_FIX_PARTS || agent.installed === false) return undefined;
  return compareVersionParts(agent.parts, DENY_FIX_PARTS) < 0 ? agent.version : undefined;
}

function describeOutgoing(value: number | null): string {
  if (value === null) return "not set (Allow all)";
  return `${value}${OUTGOING_MEANING[value] ? ` (${OUTGOING_MEANING[value]})` : ""}`;
}

function failText(outgoing: number | null): string {
  return `Outgoing NTLM is not denied: RestrictSendingNTLMTraffic is ${describeOutgoing(outgoing)}. The prerequisites say NTLM should not be enabled on the agent server.`;
}

const OUTGOING_COLLECT = hostCollect(`Get-ItemProperty '${MSV1_0_KEY}' -Name RestrictSendingNTLMTraffic`);
/** The fail texts of the values most servers have, built once. */
const FAIL_ABSENT = failText(null);
const NOT_COLLECTED = constantUnknown(OUTGOING_FACT, OUTGOING_COLLECT, "The outgoing NTLM restriction was not collected.", FOUND_NOT_COLLECTED);
const FAIL_BY_VALUE: Readonly<Record<number, string>> = { 0: failText(0), 1: failText(1) };

function evaluate(ctx: RuleContext): RuleOutcome {
  const host = own(ctx, "host");
  const ntlm = own(host, "ntlm");
  const outgoing = readDword(own(ntlm, "restrictSendingNtlmTraffic"));
  const isDc = isDomainController(host);
  // Off a domain controller the evidence is one of a few constants; a DC adds its RestrictNTLMInDomain value.
  const common =
    isDc || Object.is(outgoing, -0) ? undefined : outgoing === undefined ? FOUND_NOT_COLLECTED : outgoing === null ? FOUND_ABSENT : FOUND_BY_VALUE[outgoing];
  const found: Evidence[] = common ?? [evidence(OUTGOING_FACT, shownDword(outgoing), OUTGOING_EXPECTED)];
  let dcNote = "";
  if (isDc) {
    const inDomain = readDword(own(ntlm, "restrictNtlmInDomain"));
    found.push(
      evidence(
        DOMAIN_FACT,
        shownDword(inDomain),
        `reported on domain controllers: ${NETLOGON_KEY}\\RestrictNTLMInDomain (7 = Deny all; not judged)`,
      ),
    );
    const meaning = inDomain === undefined ? "not collected" : inDomain === null ? "not set" : `${inDomain}${DOMAIN_MEANING[inDomain] ? ` (${DOMAIN_MEANING[inDomain]})` : ""}`;
    dcNote = ` This is a domain controller: "Restrict NTLM: NTLM authentication in this domain" is ${meaning} (reported, not judged).`;
  }
  const oldAgent = agentTooOldForDenyAll(host);
  const agentNote = oldAgent
    ? ` The installed agent ${oldAgent} predates ${AGENT_NTLM_DENY_FIX}, which fixed wrong-credential failures with outgoing NTLM set to Deny all: upgrade the agent first.`
    : "";
  if (outgoing === undefined) {
    if (found === FOUND_NOT_COLLECTED && dcNote === "") return NOT_COLLECTED();
    return unknown(
      OUTGOING_FACT,
      OUTGOING_COLLECT,
      `The outgoing NTLM restriction was not collected.${dcNote}`,
      found,
    );
  }
  if (outgoing === DENY_ALL) {
    return pass(`Outgoing NTLM traffic is denied (RestrictSendingNTLMTraffic = 2).${dcNote}${agentNote}`, found);
  }
  const text = (outgoing === null ? FAIL_ABSENT : FAIL_BY_VALUE[outgoing]) ?? failText(outgoing);
  return fail(`${text}${dcNote}${agentNote}`, found, "warning");
}

function script(ctx: RuleContext): string | null {
  const host = own(ctx, "host");
  const outgoing = readDword(own(own(host, "ntlm"), "restrictSendingNtlmTraffic"));
  if (outgoing === DENY_ALL) return null;
  const agentExe = "Microsoft Azure AD Connect Provisioning Agent\\AADConnectProvisioningAgent.exe";
  return remediationScript({
    ruleId: "host-ntlm-restricted",
    title: "Outgoing NTLM traffic from the agent server is denied",
    host: hostLabel(host),
    notes: [
      "Deny all blocks every outgoing NTLM authentication from this server. Audit first: set the value to 1, review Applications and Services Logs > Microsoft > Windows > NTLM > Operational, and add needed servers to 'Restrict NTLM: Add remote server exceptions for NTLM authentication'.",
      "If Group Policy sets 'Network security: Restrict NTLM: Outgoing NTLM traffic to remote servers', change the GPO instead; it overwrites this value.",
    ],
    body: [
      `$agentExe = Join-Path $env:ProgramFiles ${psLiteral(agentExe)}`,
      "if (Test-Path -LiteralPath $agentExe) {",
      "    $agentVersion = (Get-Item -LiteralPath $agentExe).VersionInfo.FileVersionRaw",
      `    if ($agentVersion -and $agentVersion -lt [version]${psLiteral(AGENT_NTLM_DENY_FIX)}) {`,
      `        Write-Warning "Provisioning agent $agentVersion predates ${AGENT_NTLM_DENY_FIX} and fails with outgoing NTLM denied; upgrade the agent first. Nothing changed."`,
      "        return",
      "    }",
      "}",
      ...setDwordLines({
        path: MSV1_0_KEY,
        name: "RestrictSendingNTLMTraffic",
        value: DENY_ALL,
        reason: `Outgoing NTLM traffic to remote servers: ${collectedAs(outgoing, outgoing === undefined || outgoing === null ? undefined : OUTGOING_MEANING[outgoing])}, required 2 (Deny all).`,
      }),
    ],
    afterChange: "Outgoing NTLM is now denied: watch the NTLM Operational log for blocked authentications.",
  });
}

export default defineRule({
  meta: {
    id: "host-ntlm-restricted",
    title: "Outgoing NTLM traffic from the agent server is denied",
    severity: "warning",
    scope: "host",
    rationale:
      "The prerequisites say NTLM shouldn't be enabled on the server running the provisioning agent, and the hardening guidance says to deny NTLM for the agent server with the 'Restrict NTLM' policies.",
    source: prerequisites(SECTION.ntlm),
    otherSources: [prerequisites(SECTION.harden), NTLM_OUTGOING_POLICY, AGENT_VERSION_HISTORY],
    notes: [
      "Reads HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0\\RestrictSendingNTLMTraffic, the value behind 'Network security: Restrict NTLM: Outgoing NTLM traffic to remote servers' (0 Allow all, 1 Audit all, 2 Deny all). 2 passes; 0, 1 or absent fails as a warning. The registry mapping comes from CIS/ANSSI-based tooling, not from the cloud sync page (medium confidence).",
      "On domain controllers the rule also reports HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon\\Parameters\\RestrictNTLMInDomain ('Restrict NTLM: NTLM authentication in this domain', linked from the hardening section) without judging it: denying NTLM domain-wide affects every server in the domain.",
      "Known failure: agents older than 1.1.1365.0 fail with wrong-credential errors when outgoing NTLM is Deny all; the message and the script warn when the installed agent is that old.",
      "LmCompatibilityLevel is deliberately not used: some community checkers test it as 'NTLM', but it only chooses NTLM versions and is not what the page asks for.",
      "Microsoft's policy reference recommends Audit all before Deny all; the remediation says so.",
    ],
    remediation: {
      summary: "Deny outgoing NTLM from the agent server (after auditing), via Group Policy or the registry.",
      steps: [
        "Audit first: set 'Network security: Restrict NTLM: Outgoing NTLM traffic to remote servers' to Audit all and review Applications and Services Logs > Microsoft > Windows > NTLM > Operational.",
        "Then set it to Deny all (Computer Configuration > Windows Settings > Security Settings > Local Policies > Security Options), i.e. HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0\\RestrictSendingNTLMTraffic = 2 (DWORD).",
        "Upgrade agents older than 1.1.1365.0 before denying NTLM.",
        "On a domain controller, consider 'Network security: Restrict NTLM: NTLM authentication in this domain' (RestrictNTLMInDomain under HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon\\Parameters) after auditing domain-wide NTLM use.",
      ],
    },
  },
  evaluate,
  remediationScript: script,
  examples: [
    { name: "outgoing NTLM denied", expect: "pass", context: hostContext({ ntlm: { restrictSendingNtlmTraffic: 2 } }) },
    {
      name: "NTLM allowed on a domain controller",
      expect: "fail",
      context: hostContext({
        os: { productType: "domain-controller", build: 20348 },
        ntlm: { restrictSendingNtlmTraffic: null, restrictNtlmInDomain: null },
      }),
    },
    { name: "NTLM restriction not collected", expect: "unknown", context: hostContext({}) },
  ],
});
