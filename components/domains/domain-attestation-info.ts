import type { DomainAttestationKey } from "@/lib/facts";

/** What each per-domain attestation asks and the rule that reads it (issue 14). */
export const DOMAIN_ATTESTATION_INFO: Readonly<Record<DomainAttestationKey, { label: string; ruleId: string }>> = {
  "gmsa-admin-credentials": {
    label: "A Domain Admin or Enterprise Admin will create the agent's gMSA (or a custom gMSA is pre-created)",
    ruleId: "domain-gmsa-admin-credentials",
  },
  "restricted-admin-access": {
    label: "Administrative access to the agent servers is restricted to domain administrators or tightly controlled groups",
    ruleId: "domain-admin-hardening",
  },
  "dedicated-admin-accounts": { label: "Everyone with privileged access uses a dedicated admin account", ruleId: "domain-admin-hardening" },
  "privileged-access-workstations": { label: "The agent servers are administered from privileged access workstations", ruleId: "domain-admin-hardening" },
  "admin-mfa": { label: "Privileged access requires multifactor authentication", ruleId: "domain-admin-hardening" },
  laps: { label: "LAPS manages the agent servers' local administrator password", ruleId: "domain-admin-hardening" },
};
