import type { TenantAttestationKey } from "@/lib/facts";

/** What each attestation key asks, why it matters and the rule that reads it. */
export const ATTESTATION_INFO: Readonly<Record<TenantAttestationKey, { label: string; why: string; ruleId: string }>> = {
  "idfix-run": {
    label: "IdFix has been run against the directory and its errors fixed",
    why:
      "Microsoft asks to run IdFix before synchronizing, to find duplicate or malformed attributes (UPN, proxyAddresses, mail) that would " +
      "otherwise make those objects fail to sync. IdFix is interactive, so its result cannot be collected: someone attests it here.",
    ruleId: "tenant-idfix",
  },
};
