import { z } from "zod";
import { MAX_WAIVER_REASON, WAIVER_SCOPES, WAIVER_STATUSES } from "@/lib/readiness";
import { severityEnum } from "./schemas";

// Waiver API: the request bodies the handlers validate with, and the response shapes (registered in zod's global
// registry for /api/openapi.json).

export const waiverStatusEnum = z.enum(WAIVER_STATUSES);

export const waiverSchema = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    ruleTitle: z.string(),
    severity: severityEnum.describe("The rule's severity when requested"),
    blocker: z.boolean().describe("A blocker waiver: requested by an admin, approved by a different admin; flagged everywhere"),
    scope: z.enum(WAIVER_SCOPES),
    server: z.object({ fqdn: z.string(), name: z.string() }).nullable(),
    domain: z.string(),
    reason: z.string(),
    requestedBy: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    expiresAt: z.string(),
    status: waiverStatusEnum.describe("An active waiver past its expiry is reported as expired even before the hourly sweep"),
    endedAt: z.string().nullable(),
    endedBy: z.string().nullable(),
    endReason: z.string().nullable().describe('e.g. "evidence changed (was X, now Y)" for a lapsed waiver'),
    version: z.number().int().describe("Send it back to approve or revoke; a stale version answers 409 with the current state"),
    createdAt: z.string(),
    accepted: z.array(z.object({ fingerprint: z.string(), summary: z.string() })).describe("The evidence the waiver accepted"),
    label: z.string().nullable().describe('"Waived by <approver> until <date>" while active'),
  })
  .meta({ id: "Waiver" });

export const waiverListSchema = z.object({ waivers: z.array(waiverSchema) }).meta({ id: "Waivers" });

export const waiverConflictSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.unknown()), current: waiverSchema.optional() }) })
  .meta({ id: "WaiverConflict" });

const expirySchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, "Use YYYY-MM-DD or an ISO date-time with offset.")
  .describe("YYYY-MM-DD (valid through the end of that UTC day) or an ISO date-time; at most 365 days away");

/** POST /api/waivers (and the UI's form). */
export const waiverRequestSchema = z
  .object({
    ruleId: z.string().trim().min(1).max(100),
    scope: z.enum(WAIVER_SCOPES),
    server: z.string().trim().min(1).max(300).optional().describe("FQDN or unique NetBIOS name (required for scope server)"),
    domain: z.string().trim().max(255).optional().describe("DNS domain (scope domain; or give a server of the domain)"),
    reason: z.string().trim().min(1, "Give a reason.").max(MAX_WAIVER_REASON, `Keep the reason under ${MAX_WAIVER_REASON} characters.`),
    expiresAt: expirySchema,
  })
  .strict();

/** POST /api/waivers/{id}/approve and DELETE /api/waivers/{id}. */
export const waiverVersionSchema = z.object({ version: z.coerce.number().int().min(1), reason: z.string().trim().max(MAX_WAIVER_REASON).optional() });

/** POST /api/waivers/{id}/reject. */
export const waiverRejectSchema = z.object({ version: z.coerce.number().int().min(1).optional(), reason: z.string().trim().max(MAX_WAIVER_REASON).optional() });

/** GET /api/waivers filters. */
export const waiverFiltersSchema = z.object({
  status: z.enum([...WAIVER_STATUSES, "renewal"]).optional().describe('A status, or "renewal" (expired + lapsed, newest first)'),
  ruleId: z.string().trim().min(1).max(100).optional(),
  server: z.string().trim().min(1).max(300).optional(),
  domain: z.string().trim().min(1).max(255).optional(),
});
