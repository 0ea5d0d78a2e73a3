import { z } from "zod";
import type { RuleResult } from "@/lib/rules";

/** An accepted risk: a failed rule that should not count against a server until it expires. */
export const waiverSchema = z.object({
  id: z.string().min(1),
  ruleId: z.string().min(1),
  /** Who accepted the risk. */
  by: z.string().min(1),
  /** Why the risk is accepted. */
  reason: z.string().min(1),
  /** ISO timestamp; the waiver no longer applies from this instant on. Absent: never expires. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type Waiver = z.infer<typeof waiverSchema>;

/**
 * True when the waiver applies at `asOf`: it has no expiry, or it expires strictly after `asOf`
 * (a waiver expiring exactly at `asOf` has expired). An unparseable date never applies.
 */
export function isWaiverActive(waiver: Waiver, asOf: string): boolean {
  if (waiver.expiresAt === undefined) return true;
  const expires = Date.parse(waiver.expiresAt);
  const at = Date.parse(asOf);
  if (Number.isNaN(expires) || Number.isNaN(at)) return false;
  return expires > at;
}

/**
 * Turns each failed result whose rule has an active waiver into `waived`, keeping the original
 * severity, message and evidence and recording the waiver. Pass and unknown results are untouched
 * (a waiver accepts a known failure, it does not stand in for missing data).
 * Pure: returns a new array when anything changes and the input array itself when nothing does.
 * When several active waivers name the same rule, the first one in `waivers` is recorded.
 */
export function applyWaivers(
  results: readonly RuleResult[],
  waivers: readonly Waiver[],
  asOf: string,
): readonly RuleResult[] {
  if (waivers.length === 0) return results;
  const byRule = new Map<string, Waiver>();
  for (const waiver of waivers) {
    if (!byRule.has(waiver.ruleId) && isWaiverActive(waiver, asOf)) byRule.set(waiver.ruleId, waiver);
  }
  if (byRule.size === 0) return results;
  let out: RuleResult[] | null = null;
  for (let i = 0; i < results.length; i++) {
    const result = results[i];
    if (result.status !== "fail") continue;
    const waiver = byRule.get(result.ruleId);
    if (waiver === undefined) continue;
    out ??= results.slice();
    out[i] = { ...result, status: "waived", waiver: toRecord(waiver) };
  }
  return out ?? results;
}

function toRecord(waiver: Waiver): NonNullable<RuleResult["waiver"]> {
  return waiver.expiresAt === undefined
    ? { id: waiver.id, by: waiver.by, reason: waiver.reason }
    : { id: waiver.id, by: waiver.by, reason: waiver.reason, expiresAt: waiver.expiresAt };
}
