import { z } from "zod";

/** Where a server stands in the agent rollout. "installed" may be typed by a person or detected from a collector report. */
export const ROLLOUT_STATUSES = ["not-started", "scheduled", "in-progress", "installed", "blocked", "excluded"] as const;
export const rolloutStatusSchema = z.enum(ROLLOUT_STATUSES);
export type RolloutStatus = z.infer<typeof rolloutStatusSchema>;

export const ROLLOUT_STATUS_LABELS: Readonly<Record<RolloutStatus, string>> = {
  "not-started": "Not started",
  scheduled: "Scheduled",
  "in-progress": "In progress",
  installed: "Installed",
  blocked: "Blocked",
  excluded: "Excluded",
};

/** Statuses that still count as work to do (an overdue server is one of these past its target date). */
export function isOpenStatus(status: RolloutStatus): boolean {
  return status !== "installed" && status !== "excluded";
}

/** A calendar date without a time, "YYYY-MM-DD", that exists (2026-02-30 is refused). */
export const isoDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date as YYYY-MM-DD.")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, "That date does not exist.");

/** Today's date in UTC as "YYYY-MM-DD" (dates without a time are compared in UTC everywhere). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Target date passed (strictly before today) and the server is neither installed nor excluded. */
export function isOverdue(status: RolloutStatus, targetDate: string | null, today: string): boolean {
  return targetDate !== null && targetDate < today && isOpenStatus(status);
}
