"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorFromCaller } from "@/lib/audit/entry";
import { defineAction } from "@/lib/auth/action";
import { recordAttestation } from "@/lib/data/attestations";
import { attestationAnswerFields, attestedBy } from "../attestation-answer";
import { domainAttestationKeySchema } from "@/lib/facts";

/** Records one attestation for one domain (domain-gmsa-admin-credentials, domain-admin-hardening) and re-evaluates it. */
export const recordDomainAttestationAction = defineAction(
  "plan",
  z.object({
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "Name the domain.")
      .max(253, "A domain name has at most 253 characters.")
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, "Not a DNS domain name."),
    key: domainAttestationKeySchema,
    ...attestationAnswerFields,
  }),
  async (input, caller) => {
    const by = attestedBy(caller);
    // Records it and re-evaluates the domain's servers where its shared results changed, in one transaction.
    await recordAttestation({ key: input.key, domain: input.domain, attested: input.attested, by, note: input.note, actor: actorFromCaller(caller) });
    revalidatePath("/", "layout");
    return { ok: true, message: `Recorded ${input.attested ? "yes" : "no"} for ${input.key} in ${input.domain}; its servers were re-evaluated.` };
  },
);
