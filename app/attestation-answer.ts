import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";

/** The answer fields every attestation form posts (tenant checklist, per-domain attestations): yes/no and a note. */
export const attestationAnswerFields = {
  attested: z.enum(["true", "false"], { error: "Choose yes or no." }).transform((value) => value === "true"),
  note: z
    .string()
    .trim()
    .max(1000, "Keep the note under 1,000 characters.")
    .optional()
    .transform((value) => (value ? value : undefined)),
};

/** Who an attestation is recorded as: the signed-in person's email, or the API token's name. */
export function attestedBy(caller: Caller): string {
  return caller.kind === "session" ? caller.email : `token:${caller.name}`;
}
