"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorFromCaller } from "@/lib/audit/entry";
import { type ActionState, defineAction } from "@/lib/auth/action";
import { bulkUpdateRollout } from "@/lib/data/rollout/bulk";
import { NotFoundError, RolloutRuleError, StaleVersionError } from "@/lib/data/rollout/errors";
import { updateServerRollout } from "@/lib/data/rollout/server-rollout";
import { createWave, updateWave } from "@/lib/data/rollout/waves";
import { isoDateSchema, rolloutStatusSchema } from "@/lib/rollout/status";
import { plural } from "@/lib/text/plural";

// The rollout's server actions (leads and admins). Expected failures come back as values next to the form:
// a stale version says who changed it and when; the API routes share the same data functions and checks.

const id = z.string().trim().min(1).max(64);
const version = z.coerce.number().int().min(1);
const text = (max: number, what: string) => z.string().trim().max(max, `Keep the ${what} under ${max.toLocaleString("en-US")} characters.`);
const dateOrEmpty = z.union([z.literal("").transform(() => null), isoDateSchema]);

function failure(error: unknown): ActionState {
  if (error instanceof StaleVersionError) {
    const when = error.changedAt ? ` at ${error.changedAt.replace("T", " ").slice(0, 16)} UTC` : "";
    return { ok: false, message: `Not saved: ${error.changedBy ?? "someone"} changed it${when} after you opened it. Reload the page to see their change, then try again.` };
  }
  if (error instanceof RolloutRuleError) return { ok: false, message: error.message, fieldErrors: error.field ? { [error.field]: [error.message] } : undefined };
  if (error instanceof NotFoundError) return { ok: false, message: error.message };
  throw error;
}

const waveForm = z.object({
  name: z.string().trim().min(1, "Name the wave.").max(120, "Keep the name under 120 characters."),
  description: text(2_000, "description").default(""),
  startDate: dateOrEmpty.optional(),
  endDate: dateOrEmpty.optional(),
  ownerName: text(200, "owner").optional(),
});

export const createWaveAction = defineAction("plan", waveForm, async (input, caller) => {
  if (input.startDate && input.endDate && input.startDate > input.endDate) return { ok: false, message: "Check the highlighted fields.", fieldErrors: { endDate: ["The window ends before it starts."] } };
  try {
    const wave = await createWave({ ...input, ownerName: input.ownerName || null }, actorFromCaller(caller));
    revalidatePath("/rollout");
    return { ok: true, message: `Created ${wave.name}.` };
  } catch (error) {
    return failure(error);
  }
});

export const updateWaveAction = defineAction("plan", waveForm.extend({ id, version }), async ({ id: waveId, version: v, ...input }, caller) => {
  try {
    const wave = await updateWave(waveId, { version: v, ...input, ownerName: input.ownerName || null }, actorFromCaller(caller));
    revalidatePath("/rollout", "layout");
    return { ok: true, message: `Saved ${wave.name}.` };
  } catch (error) {
    return failure(error);
  }
});

export const moveWaveAction = defineAction("plan", z.object({ id, version, position: z.coerce.number().int().min(1).max(10_000) }), async (input, caller) => {
  try {
    await updateWave(input.id, { version: input.version, position: input.position }, actorFromCaller(caller));
    revalidatePath("/rollout", "layout");
    return { ok: true, message: "Order saved." };
  } catch (error) {
    return failure(error);
  }
});

export const archiveWaveAction = defineAction(
  "plan",
  z.object({ id, version, archived: z.enum(["true", "false"]).transform((value) => value === "true") }),
  async (input, caller) => {
    try {
      const wave = await updateWave(input.id, { version: input.version, archived: input.archived }, actorFromCaller(caller));
      revalidatePath("/rollout", "layout");
      return { ok: true, message: input.archived ? `Archived ${wave.name}; its servers are free to join another wave.` : `Restored ${wave.name}.` };
    } catch (error) {
      return failure(error);
    }
  },
);

/** "" leaves a field as it is in bulk forms; "none" removes the wave. */
const NONE = "none";

export const updateServerRolloutAction = defineAction(
  "plan",
  z.object({
    fqdn: z.string().trim().min(1).max(255),
    version,
    waveId: z.string().trim().max(64).transform((value) => (value === "" || value === NONE ? null : value)),
    status: rolloutStatusSchema,
    owner: text(200, "owner").transform((value) => value || null),
    targetDate: dateOrEmpty,
    note: text(2_000, "note").transform((value) => value || null),
  }),
  async ({ fqdn, ...patch }, caller) => {
    try {
      const state = await updateServerRollout(fqdn, patch, actorFromCaller(caller));
      revalidatePath(`/servers/${encodeURIComponent(state.fqdn)}`);
      revalidatePath("/rollout", "layout");
      return { ok: true, message: `Saved the rollout of ${state.name}.` };
    } catch (error) {
      return failure(error);
    }
  },
);

const bulkChange = {
  waveId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((value) => (value === undefined || value === "" ? undefined : value === NONE ? null : value)),
  status: z
    .union([z.literal(""), rolloutStatusSchema])
    .optional()
    .transform((value) => (value ? value : undefined)),
  owner: text(200, "owner")
    .optional()
    .transform((value) => (value ? value : undefined)),
  targetDate: z
    .union([z.literal(""), isoDateSchema])
    .optional()
    .transform((value) => (value ? value : undefined)),
};

export const bulkRolloutAction = defineAction(
  "plan",
  z.object({
    servers: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
    filter: z.string().max(4_000).optional(),
    ...bulkChange,
  }),
  async ({ servers, filter, ...change }, caller) => {
    if (Object.values(change).every((value) => value === undefined)) return { ok: false, message: "Choose what to change (a wave, a status, an owner or a target date)." };
    if (servers.length === 0 && filter === undefined) return { ok: false, message: "Select servers first." };
    try {
      const selection = servers.length > 0 ? { servers } : { filter: filter ?? "" };
      const outcome = await bulkUpdateRollout(selection, change, actorFromCaller(caller));
      revalidatePath("/servers");
      revalidatePath("/rollout", "layout");
      const unchanged = outcome.matched - outcome.changed;
      return { ok: true, message: `Changed ${plural(outcome.changed, "server")}${unchanged > 0 ? `; ${unchanged.toLocaleString("en-US")} already had these values` : ""}.` };
    } catch (error) {
      return failure(error);
    }
  },
);
