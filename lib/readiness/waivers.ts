import { z } from "zod";
import type { RuleResult, Severity } from "@/lib/rules";
import { evidenceFingerprint, evidenceSummary } from "./waiver-fingerprint";

// Risk acceptance (pure: no I/O; the clock is `asOf`). A waiver accepts one rule's failing evidence for a server or
// a whole domain until it expires; it is bound to the fingerprints of the evidence it accepted, so new data that
// changes that evidence makes it lapse instead of silently accepting something else.

export const WAIVER_SCOPES = ["server", "domain"] as const;
export const waiverScopeSchema = z.enum(WAIVER_SCOPES);
export type WaiverScope = z.infer<typeof waiverScopeSchema>;

export const WAIVER_STATUSES = ["pending", "active", "rejected", "revoked", "expired", "lapsed"] as const;
export const waiverStatusSchema = z.enum(WAIVER_STATUSES);
export type WaiverStatus = z.infer<typeof waiverStatusSchema>;

/** One accepted piece of evidence: its fingerprint, and a short text of it (for "was X, now Y"). */
export const acceptedEvidenceSchema = z.object({ fingerprint: z.string().min(1), summary: z.string() });
export type AcceptedEvidence = z.infer<typeof acceptedEvidenceSchema>;

/** An approved waiver as the evaluation applies it. */
export const waiverSchema = z.object({
  id: z.string().min(1),
  ruleId: z.string().min(1),
  scope: waiverScopeSchema,
  /** Who approved (accepted) the risk. */
  by: z.string().min(1),
  /** Why the risk is accepted. */
  reason: z.string().min(1),
  /** ISO timestamp; the waiver no longer applies from this instant on. */
  expiresAt: z.iso.datetime({ offset: true }),
  /** The evidence it accepted (a server waiver: one item; a domain waiver of a host rule: each distinct one). */
  accepted: z.array(acceptedEvidenceSchema).min(1),
});
export type Waiver = z.infer<typeof waiverSchema>;
/** Alias used by lib/data. */
export type WaiverInput = Waiver;

/** Longest allowed waiver, in days from the request. */
export const MAX_WAIVER_DAYS = 365;
export const MAX_WAIVER_REASON = 2_000;

/**
 * True when the waiver applies at `asOf`: it expires strictly after `asOf` (a waiver expiring exactly at `asOf` has
 * expired). An unparseable date never applies.
 */
export function isWaiverActive(waiver: Pick<Waiver, "expiresAt">, asOf: string): boolean {
  const expires = Date.parse(waiver.expiresAt);
  const at = Date.parse(asOf);
  if (Number.isNaN(expires) || Number.isNaN(at)) return false;
  return expires > at;
}

/** A waiver whose accepted evidence changed: it ends ("lapsed") and the result counts again. */
export interface WaiverLapse {
  waiverId: string;
  ruleId: string;
  /** The accepted evidence, in words. */
  was: string;
  /** The current evidence, in words. */
  now: string;
}

/**
 * A domain waiver of a host rule that does not cover this server's current result (its evidence is not among the
 * accepted ones, or it passes). The waiver stays active for the other servers.
 */
export type WaiverMiss = WaiverLapse;

export interface WaiverApplication {
  /** The results with covered fails turned into "waived" (the input array itself when nothing changed). */
  results: readonly RuleResult[];
  lapsed: WaiverLapse[];
  uncovered: WaiverMiss[];
}

/** "evidence changed (was X, now Y)" (the waiver's end reason and the history note). */
export function evidenceChangedText(change: Pick<WaiverLapse, "was" | "now">): string {
  return `evidence changed (was ${change.was}, now ${change.now})`;
}

function acceptedText(waiver: Waiver): string {
  const summaries = [...new Set(waiver.accepted.map((a) => a.summary))];
  return summaries.length <= 3 ? summaries.join(" or ") : `${summaries.slice(0, 3).join(" or ")} or ${summaries.length - 3} more`;
}

function toRecord(waiver: Waiver): NonNullable<RuleResult["waiver"]> {
  return { id: waiver.id, by: waiver.by, reason: waiver.reason, expiresAt: waiver.expiresAt };
}

const NO_LAPSES: WaiverLapse[] = [];

/**
 * Applies waivers to one subject's results (a server's host results, or a domain's shared results):
 * - a fail whose evidence fingerprint a waiver (active at `asOf`) accepted becomes "waived" (severity, message and
 *   evidence kept, the waiver recorded); when several cover it, the first in `waivers` is recorded;
 * - a fail or pass with other evidence lapses a server waiver, or a domain waiver of a shared rule (there is one
 *   such result per domain); for a domain waiver of a host rule the server is simply not covered (`uncovered`);
 * - unknown results are never waived and never lapse anything (missing data is not accepted risk);
 * - expired waivers do nothing.
 * Pure: the input is not modified.
 */
export function applyWaivers(results: readonly RuleResult[], waivers: readonly Waiver[], asOf: string): WaiverApplication {
  if (waivers.length === 0) return { results, lapsed: NO_LAPSES, uncovered: NO_LAPSES };
  const byRule = new Map<string, Waiver[]>();
  for (const waiver of waivers) {
    if (!isWaiverActive(waiver, asOf)) continue;
    const list = byRule.get(waiver.ruleId);
    if (list) list.push(waiver);
    else byRule.set(waiver.ruleId, [waiver]);
  }
  if (byRule.size === 0) return { results, lapsed: NO_LAPSES, uncovered: NO_LAPSES };
  let out: RuleResult[] | null = null;
  const lapsed: WaiverLapse[] = [];
  const uncovered: WaiverMiss[] = [];
  for (let i = 0; i < results.length; i++) {
    const result = results[i];
    if (result.status !== "fail" && result.status !== "pass") continue;
    const candidates = byRule.get(result.ruleId);
    if (candidates === undefined) continue;
    const fingerprint = evidenceFingerprint(result);
    let now: string | undefined;
    for (const waiver of candidates) {
      if (result.status === "fail" && waiver.accepted.some((a) => a.fingerprint === fingerprint)) {
        if (out === null || out[i].status !== "waived") {
          out ??= results.slice();
          out[i] = { ...result, status: "waived", waiver: toRecord(waiver) };
        }
        continue;
      }
      now ??= evidenceSummary(result);
      const change = { waiverId: waiver.id, ruleId: result.ruleId, was: acceptedText(waiver), now };
      if (waiver.scope === "server" || result.scope !== "host") lapsed.push(change);
      else uncovered.push(change);
    }
  }
  return { results: out ?? results, lapsed, uncovered };
}

/** Who may request and approve a waiver of a rule of this severity. */
export interface WaiverPolicy {
  /** Roles that may request it. */
  requesters: readonly ("admin" | "lead")[];
  /** True when it stays pending until a different admin approves it. */
  needsSecondAdmin: boolean;
}

/** Warnings (and info): a lead or admin, approved at once. Blockers: an admin requests, a different admin approves. */
export function waiverPolicy(severity: Severity): WaiverPolicy {
  return severity === "blocker" ? { requesters: ["admin"], needsSecondAdmin: true } : { requesters: ["admin", "lead"], needsSecondAdmin: false };
}

/** The scopes a rule of this scope may be waived with: shared rules for a whole domain only. */
export function allowedWaiverScopes(ruleScope: RuleResult["scope"]): readonly WaiverScope[] {
  return ruleScope === "host" ? WAIVER_SCOPES : ["domain"];
}

/** The last instant of the UTC day `days` days after `now` (the latest expiry a new waiver may have). */
function latestExpiry(now: Date, days: number): number {
  const end = new Date(now.getTime() + days * 86_400_000);
  end.setUTCHours(23, 59, 59, 999);
  return end.getTime();
}

/**
 * Checks an expiry for a new waiver: required, in the future, at most MAX_WAIVER_DAYS from `now` (to the end of
 * that UTC day). Returns an error message, or null when acceptable.
 */
export function checkWaiverExpiry(expiresAt: Date, now: Date): string | null {
  if (Number.isNaN(expiresAt.getTime())) return "The expiry date is not a date.";
  if (expiresAt.getTime() <= now.getTime()) return "The expiry must be in the future.";
  if (expiresAt.getTime() > latestExpiry(now, MAX_WAIVER_DAYS)) return `A waiver may last at most ${MAX_WAIVER_DAYS} days.`;
  return null;
}

/** "YYYY-MM-DD" (valid through the end of that UTC day) or an ISO timestamp with offset; null when neither. */
export function parseWaiverExpiry(text: string): Date | null {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T23:59:59.999Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Waived by <approver> until <date>". */
export function waivedText(waiver: { by: string; expiresAt?: string }): string {
  return waiver.expiresAt ? `Waived by ${waiver.by} until ${waiver.expiresAt.slice(0, 10)}` : `Waived by ${waiver.by}`;
}
