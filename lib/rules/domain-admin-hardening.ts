import type { DomainAttestationKey } from "@/lib/facts";
import { attestationHint, latestDomainAttestations } from "./domain/attestations";
import { evidence, fail, pass, unknown } from "./outcome";
import { cite, DOCS } from "./sources";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const FACT = "domain.attestations";

/** The hardening recommendations for the agent servers beyond Tier 0 placement (host-tier0), one attestation each. */
export const HARDENING: readonly { key: DomainAttestationKey; label: string }[] = [
  { key: "restricted-admin-access", label: "administrative access to the agent servers restricted to domain administrators or other tightly controlled groups" },
  { key: "dedicated-admin-accounts", label: "dedicated accounts for all personnel with privileged access" },
  { key: "privileged-access-workstations", label: "privileged access workstations for administering the agent servers" },
  { key: "admin-mfa", label: "multifactor authentication for privileged access" },
  { key: "laps", label: "Local Administrator Password Solution (LAPS) on the agent servers" },
];

const HINT = attestationHint(
  HARDENING.map((h) => h.key),
  "Whether the agent servers' hardening recommendations are in place",
);

function evaluate(ctx: RuleContext): RuleOutcome {
  const latest = latestDomainAttestations(ctx?.domain);
  if (latest === undefined) return unknown(FACT, HINT, "No hardening attestations were recorded for this domain.");
  const items = HARDENING.flatMap((h) => {
    const entry = latest.get(h.key);
    return entry === undefined
      ? []
      : [evidence(`${FACT}[${entry.index}]`, { key: h.key, attested: entry.attested, by: entry.by, at: entry.at ?? null, note: entry.note ?? null }, `attested: true (${h.label})`)];
  });
  const missing = HARDENING.filter((h) => latest.get(h.key)?.attested === false);
  const open = HARDENING.filter((h) => latest.get(h.key) === undefined);
  if (missing.length > 0) {
    return fail(`Recorded as not in place: ${missing.map((h) => h.label).join("; ")}.${open.length > 0 ? ` Not attested: ${open.map((h) => h.key).join(", ")}.` : ""}`, items);
  }
  if (open.length > 0) {
    return unknown(`${FACT}[key=${open[0].key}]`, HINT, `Not attested: ${open.map((h) => h.label).join("; ")}.`, items);
  }
  return pass("Every hardening recommendation for the agent servers is attested as in place.", items);
}

const at = "2026-07-21T09:00:00Z";
const all = (attested: (key: DomainAttestationKey) => boolean) =>
  HARDENING.map((h) => ({ key: h.key, attested: attested(h.key), by: "secops@contoso.com", at }));

export default defineRule({
  meta: {
    id: "domain-admin-hardening",
    title: "The agent servers' administration is hardened: restricted admin access, dedicated admin accounts, PAWs, MFA and LAPS (attested)",
    severity: "warning",
    scope: "domain",
    rationale:
      "Whoever controls a provisioning agent server can change identities in Microsoft Entra ID. Microsoft recommends, beyond treating it as a " +
      "Control Plane (Tier 0) asset, restricting who administers it and how: dedicated accounts, privileged access workstations, MFA and LAPS.",
    source: cite(DOCS.prerequisites, "Harden your Microsoft Entra provisioning agent server"),
    otherSources: [],
    notes: [
      "One attestation per recommendation and domain (domain.attestations keys restricted-admin-access, dedicated-admin-accounts, privileged-access-workstations, admin-mfa, laps; the latest per key wins): these are practices, not settings a command can read.",
      "Tier 0 placement is host-tier0's; denying NTLM is host-ntlm-restricted's. Any recommendation recorded as not in place fails as a warning; any not attested (and none failing) is unknown.",
    ],
    remediation: {
      summary: "Put the hardening recommendations in place for the agent servers of this domain, then record each attestation.",
      steps: [
        "Restrict local administrators of the agent servers to domain administrators or a tightly controlled group (Restricted Groups or LAPS-managed local admin).",
        "Give every privileged administrator a dedicated admin account that does not browse the web or read mail.",
        "Administer the agent servers only from privileged access workstations.",
        "Require multifactor authentication for privileged access.",
        "Deploy Windows LAPS for the agent servers' local administrator password.",
      ],
    },
  },
  evaluate,
  examples: [
    { name: "every recommendation attested", expect: "pass", context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", attestations: all(() => true) } } },
    {
      name: "no privileged access workstations yet",
      expect: "fail",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", attestations: all((k) => k !== "privileged-access-workstations") } },
    },
    {
      name: "only LAPS attested",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", attestations: all(() => true).filter((a) => a.key === "laps") } },
    },
  ],
});
