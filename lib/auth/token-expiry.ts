import { z } from "zod";

/** The longest expiry a token may be given (a token that should never expire says "never"). */
export const MAX_TOKEN_DAYS = 3650;

/** The choices of the Settings form; the CLI and the schema below accept any of the written forms too. */
export const TOKEN_EXPIRY_CHOICES = [
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "365d", label: "1 year" },
  { value: "never", label: "Never" },
] as const;

/**
 * A token's expiry as written by a person: "90d" (days from now), "YYYY-MM-DD" (through the end of that UTC day),
 * an ISO date-time, or "never". Returns the date (null for never) or a message naming the problem.
 */
export function parseTokenExpiry(text: string, now = new Date()): { ok: true; expiresAt: Date | null } | { ok: false; message: string } {
  const value = text.trim().toLowerCase();
  if (value === "never" || value === "") return { ok: true, expiresAt: null };
  let expiresAt: Date | null = null;
  const days = /^(\d{1,5})d$/.exec(value);
  if (days) {
    const count = Number(days[1]);
    if (count < 1 || count > MAX_TOKEN_DAYS) return { ok: false, message: `Use between 1 and ${MAX_TOKEN_DAYS} days.` };
    expiresAt = new Date(now.getTime() + count * 86_400_000);
  } else if (/^\d{4}-\d{2}-\d{2}(t.*)?$/.test(value)) {
    // JavaScript rolls 2027-02-31 over to March: refuse a day the calendar does not have.
    const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
    if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return { ok: false, message: `"${text}" is not a valid date.` };
    expiresAt = new Date(value.length === 10 ? `${value}T23:59:59.999Z` : text.trim());
  } else {
    return { ok: false, message: `"${text}" is not an expiry: use e.g. 90d, 2027-06-30, an ISO date-time or never.` };
  }
  if (Number.isNaN(expiresAt.getTime())) return { ok: false, message: `"${text}" is not a valid date.` };
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, message: "The expiry must be in the future." };
  if (expiresAt.getTime() > now.getTime() + MAX_TOKEN_DAYS * 86_400_000) return { ok: false, message: `Use at most ${MAX_TOKEN_DAYS} days.` };
  return { ok: true, expiresAt };
}

/** zod for form and API fields: the written expiry → Date | null. */
export const tokenExpirySchema = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const parsed = parseTokenExpiry(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.expiresAt;
  });
