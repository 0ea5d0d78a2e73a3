import { env } from "@/lib/env";
import { PLAN_MAX_BYTES } from "@/lib/rollout/plan-csv";
import { formatLimit } from "./format-limit";

/**
 * Request body limits of the API, in one place (docs/api.md, "Limits"). The upload limits themselves are settings
 * (lib/env.ts: UPLOAD_MAX_BYTES, ARCHIVE_MAX_BYTES); the fixed API limits are here. Every route that reads a body
 * reads it through lib/http/limited-body.ts with one of these, so the limit holds while the body streams.
 */

/** A JSON body of one change (a wave, a server's rollout fields, a waiver): far above any valid one. */
export const JSON_BODY_MAX_BYTES = 64 * 1024;

/** Most servers one bulk change may name (rolloutSelectionSchema's `.max(50_000)` in lib/rollout/inputs.ts). */
export const BULK_MAX_SERVERS = 50_000;
/** Longest server name a bulk selection may list (its `.max(255)`). */
export const BULK_MAX_SERVER_NAME = 255;

/**
 * POST /api/rollout/bulk: a selection of up to 50,000 names of up to 255 characters, each quoted and comma-separated
 * (258 bytes), plus the change itself: ≈ 12.4 MB. lib/http/limits.test.ts proves the largest valid selection fits.
 */
export const BULK_BODY_MAX_BYTES = BULK_MAX_SERVERS * (BULK_MAX_SERVER_NAME + 3) + JSON_BODY_MAX_BYTES;

/** Room for a multipart envelope around a file (boundaries, part headers, the small form fields next to the file). */
export const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

/** POST /api/rollout/plan: the plan file's limit (PLAN_MAX_BYTES, 10 MB) plus the envelope. */
export const PLAN_BODY_MAX_BYTES = PLAN_MAX_BYTES + MULTIPART_ENVELOPE_BYTES;
export const PLAN_LIMIT_LABEL = formatLimit(PLAN_MAX_BYTES);

/** Room around an uploaded file: its many optional fields (a column mapping, a mapping name…) besides the envelope. */
export const UPLOAD_ENVELOPE_BYTES = 1024 * 1024;

/**
 * POST /api/uploads: the larger of the plain-file and archive limits (settings in lib/env.ts; the file's own limit is
 * applied once its bytes are known) plus UPLOAD_ENVELOPE_BYTES; the message names the file limit. (The route,
 * app/api/uploads/route.ts, computes the same from the same settings.)
 */
export function uploadBodyLimit(): { maxBytes: number; limitLabel: string } {
  const fileLimit = Math.max(env().UPLOAD_MAX_BYTES, env().ARCHIVE_MAX_BYTES);
  return { maxBytes: fileLimit + UPLOAD_ENVELOPE_BYTES, limitLabel: formatLimit(fileLimit) };
}
