"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { waiverCaller } from "@/lib/api/waiver-responses";
import { waiverRequestSchema } from "@/lib/api/waiver-schemas";
import { defineAction } from "@/lib/auth/action";
import { approveWaiver, rejectWaiver, requestWaiver, revokeWaiver, type WaiverOutcome } from "@/lib/data/waivers";
import { parseWaiverExpiry } from "@/lib/readiness";

// The waiver rules (who may request/approve blockers, expiry, evidence) live in lib/data/waivers.ts, shared with the API.

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const requestForm = waiverRequestSchema.extend({
  server: z.preprocess(blankToUndefined, z.string().trim().max(300).optional()),
  domain: z.preprocess(blankToUndefined, z.string().trim().max(255).optional()),
});

const changeForm = z.object({
  id: z.string().min(1).max(100),
  version: z.coerce.number().int().min(1),
  reason: z.preprocess(blankToUndefined, z.string().trim().max(2_000).optional()),
});

function answer(outcome: WaiverOutcome) {
  if (!outcome.ok) return { ok: false as const, message: outcome.message };
  revalidatePath("/", "layout");
  return { ok: true as const, message: outcome.message };
}

export const requestWaiverAction = defineAction("plan", requestForm, async (input, caller) => {
  const expiresAt = parseWaiverExpiry(input.expiresAt);
  if (!expiresAt) return { ok: false, message: "Check the highlighted fields.", fieldErrors: { expiresAt: ["Pick a date."] } };
  const outcome = await requestWaiver({ ...input, expiresAt }, waiverCaller(caller));
  if (!outcome.ok && outcome.code === "bad-expiry") return { ok: false, message: outcome.message, fieldErrors: { expiresAt: [outcome.message] } };
  return answer(outcome);
});

export const approveWaiverAction = defineAction("plan", changeForm, async (input, caller) => answer(await approveWaiver(input.id, input.version, waiverCaller(caller))));

export const rejectWaiverAction = defineAction("plan", changeForm, async (input, caller) => answer(await rejectWaiver(input.id, input.version, waiverCaller(caller), input.reason)));

export const revokeWaiverAction = defineAction("plan", changeForm, async (input, caller) => answer(await revokeWaiver(input.id, input.version, waiverCaller(caller), input.reason)));
