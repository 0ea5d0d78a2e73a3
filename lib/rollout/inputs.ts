import { z } from "zod";
import { isoDateSchema, rolloutStatusSchema } from "./status";

/** Inputs of rollout changes, shared by server actions, the API and the plan import (zod at every edge). */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((value) => (value === "" ? null : value));

/** A date field that may be cleared: "" or null clears, absent leaves it as it is. */
const clearableDate = z.union([isoDateSchema, z.literal("").transform(() => null), z.null()]);

export const waveFieldsSchema = z
  .object({
    name: z.string().trim().min(1, "Name the wave.").max(120, "At most 120 characters."),
    description: z.string().trim().max(2_000, "At most 2,000 characters.").default(""),
    startDate: clearableDate.optional(),
    endDate: clearableDate.optional(),
    /** A user id of the app, or empty for free text in ownerName. */
    ownerUserId: z.union([z.string().trim().max(64), z.null()]).optional(),
    ownerName: z.union([optionalText(200), z.null()]).optional(),
  })
  .refine((wave) => !wave.startDate || !wave.endDate || wave.startDate <= wave.endDate, {
    message: "The window ends before it starts.",
    path: ["endDate"],
  });
export type WaveFields = z.infer<typeof waveFieldsSchema>;

export const waveUpdateSchema = z
  .object({
    version: z.coerce.number().int().min(1),
    name: z.string().trim().min(1, "Name the wave.").max(120).optional(),
    description: z.string().trim().max(2_000).optional(),
    startDate: clearableDate.optional(),
    endDate: clearableDate.optional(),
    ownerUserId: z.union([z.string().trim().max(64), z.null()]).optional(),
    ownerName: z.union([optionalText(200), z.null()]).optional(),
    archived: z.boolean().optional(),
    /** Move the wave to this place in the order (1 = first). */
    position: z.coerce.number().int().min(1).max(10_000).optional(),
  })
  .refine((wave) => !wave.startDate || !wave.endDate || wave.startDate <= wave.endDate, {
    message: "The window ends before it starts.",
    path: ["endDate"],
  });
export type WaveUpdate = z.infer<typeof waveUpdateSchema>;

/** One server's rollout fields. `waveId: null` takes it out of its wave; absent fields are left as they are. */
export const rolloutPatchSchema = z.object({
  waveId: z.union([z.string().trim().min(1).max(64), z.null()]).optional(),
  status: rolloutStatusSchema.optional(),
  owner: z.union([optionalText(200), z.null()]).optional(),
  targetDate: clearableDate.optional(),
  note: z.union([optionalText(2_000), z.null()]).optional(),
  /** The version the client last saw (optimistic concurrency). */
  version: z.coerce.number().int().min(1),
});
export type RolloutPatch = z.infer<typeof rolloutPatchSchema>;

/** The same fields without a version, for bulk changes (every field optional; at least one). */
export const rolloutBulkChangeSchema = rolloutPatchSchema
  .omit({ version: true })
  .refine((change) => Object.values(change).some((value) => value !== undefined), { message: "Say what to change." });
export type RolloutBulkChange = z.infer<typeof rolloutBulkChangeSchema>;

/** Which servers a bulk change applies to: named ones (a selection) or every server matching a list filter. */
export const rolloutSelectionSchema = z.union([
  z.object({ servers: z.array(z.string().trim().min(1).max(255)).min(1).max(50_000) }),
  z.object({ filter: z.union([z.string().max(4_000), z.record(z.string(), z.unknown())]) }),
]);
export type RolloutSelection = z.infer<typeof rolloutSelectionSchema>;

export const rolloutBulkSchema = z.object({ selection: rolloutSelectionSchema, change: rolloutBulkChangeSchema });

