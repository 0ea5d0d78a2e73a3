"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorFromCaller } from "@/lib/audit/entry";
import { defineAction } from "@/lib/auth/action";
import { recordAttestation } from "@/lib/data/attestations";
import { attestationAnswerFields, attestedBy } from "../attestation-answer";
import { tenantAttestationKeySchema } from "@/lib/facts";

export const recordAttestationAction = defineAction(
  "plan",
  z.object({
    key: tenantAttestationKeySchema,
    ...attestationAnswerFields,
  }),
  async (input, caller) => {
    const by = attestedBy(caller);
    // Records it and re-evaluates every server (tenant rules apply to all), in one transaction.
    await recordAttestation({ key: input.key, attested: input.attested, by, note: input.note, actor: actorFromCaller(caller) });
    revalidatePath("/", "layout");
    return { ok: true, message: `Recorded ${input.attested ? "yes" : "no"} for ${input.key}; the fleet was re-evaluated.` };
  },
);
