import { attestationHint, latestDomainAttestations } from "./domain/attestations";
import { isRecord, prop, readBoolean } from "./domain/read";
import { evidence, fail, pass, unknown } from "./outcome";
import { cite, DOCS } from "./sources";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const KEY = "gmsa-admin-credentials";
const FACT = "domain.attestations";
/** [VERHIST] 1.1.2505.0: Domain Admin credentials are no longer needed with a pre-created gMSA and custom gMSA permissions. */
export const CUSTOM_GMSA_NO_DA_AGENT = "1.1.2505.0";
const HINT = attestationHint([KEY], "Whether someone with Domain Admin or Enterprise Admin credentials will create the gMSA");

function evaluate(ctx: RuleContext): RuleOutcome {
  const domain: unknown = ctx?.domain;
  const custom = readBoolean(isRecord(domain) ? prop(prop(domain, "gmsaPlan"), "customGmsa") : undefined);
  const latest = latestDomainAttestations(domain);
  const entry = latest?.get(KEY);
  const planEvidence = custom === undefined ? [] : [evidence("domain.gmsaPlan.customGmsa", custom, "true: a pre-created gMSA with custom permissions")];
  if (entry === undefined) {
    if (custom === true) {
      return pass(
        `The gMSA plan is a pre-created custom gMSA with custom permissions: agent ${CUSTOM_GMSA_NO_DA_AGENT} or later installs without Domain Admin credentials (an administrator still creates the gMSA and grants its permissions).`,
        planEvidence,
      );
    }
    return unknown(`${FACT}[key=${KEY}]`, HINT, "Nobody has attested that an administrator with Domain Admin or Enterprise Admin credentials will create the gMSA for this domain.", planEvidence);
  }
  const when = entry.at ?? "an unrecorded time";
  const found = [
    evidence(`${FACT}[${entry.index}]`, { key: KEY, attested: entry.attested, by: entry.by, at: entry.at ?? null, note: entry.note ?? null }, "attested: true"),
    ...planEvidence,
  ];
  if (entry.attested) return pass(`${entry.by} attested on ${when} that Domain Admin or Enterprise Admin credentials are available to create the gMSA.`, found);
  if (custom === true) {
    return pass(
      `${entry.by} recorded on ${when} that no Domain Admin or Enterprise Admin credentials are available, but the plan is a pre-created custom gMSA with custom permissions, which agent ${CUSTOM_GMSA_NO_DA_AGENT} or later installs without them.`,
      found,
    );
  }
  return fail(
    `${entry.by} recorded on ${when} that no Domain Admin or Enterprise Admin credentials are available to create the gMSA: the agent install cannot create its account.`,
    found,
  );
}

const at = "2026-07-20T10:00:00Z";

export default defineRule({
  meta: {
    id: "domain-gmsa-admin-credentials",
    title: "Domain Admin or Enterprise Admin credentials are available to create the agent's gMSA (attested)",
    severity: "warning",
    scope: "domain",
    rationale:
      "The agent installer creates its group managed service account (or adds the host to an existing one) with Domain Admin or " +
      "Enterprise Admin credentials; without someone holding them the install stops at the gMSA step.",
    source: cite(DOCS.prerequisites, "Cloud provisioning agent requirements"),
    otherSources: [cite(DOCS.agentVersionHistory, "1.1.2505.0")],
    notes: [
      "An attestation per domain (key \"gmsa-admin-credentials\" in domain.attestations, latest wins): no command can tell who will run the install.",
      `Microsoft's version history: since agent ${CUSTOM_GMSA_NO_DA_AGENT} Domain Admin credentials are no longer required when the administrator supplies a pre-created gMSA and chooses custom gMSA permissions. With domain.gmsaPlan.customGmsa = true the rule passes without the attestation (or with it recorded false) and says so; the gMSA still has to be created and granted its permissions by someone entitled to (see the gmsa-acl rules).`,
      "No attestation (and no custom gMSA plan) is unknown; attested false fails. Severity warning, like tenant-idfix (this project's choice): it is a human prerequisite of the install, checked by attestation, and an unattested blocker would turn every server of the domain Unknown until someone records it.",
    ],
    remediation: {
      summary: "Arrange for a Domain Admin or Enterprise Admin to run the gMSA step of the install (or pre-create a custom gMSA and use agent 1.1.2505.0 or later), then record the attestation.",
      steps: [
        "Plan the install with a member of Domain Admins (of the gMSA's domain) or Enterprise Admins, or have them pre-create the gMSA: New-ADServiceAccount -Name provAgentgMSA -DNSHostName provAgentgMSA.<domain> -PrincipalsAllowedToRetrieveManagedPassword <agent hosts>.",
        `With a pre-created gMSA and custom gMSA permissions, agent ${CUSTOM_GMSA_NO_DA_AGENT} or later installs without Domain Admin credentials: record gmsaPlan.customGmsa = true.`,
        "Record the \"gmsa-admin-credentials\" attestation for the domain.",
      ],
    },
  },
  evaluate,
  examples: [
    {
      name: "Domain Admin scheduled for the install",
      expect: "pass",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", attestations: [{ key: KEY, attested: true, by: "ad-team@contoso.com", at }] } },
    },
    {
      name: "no Domain Admin available, installer-created gMSA planned",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        domain: { dnsName: "corp.contoso.com", gmsaPlan: { customGmsa: false }, attestations: [{ key: KEY, attested: false, by: "ad-team@contoso.com", at }] },
      },
    },
    { name: "nothing attested", expect: "unknown", context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", attestations: [] } } },
  ],
});
