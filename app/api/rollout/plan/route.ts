import { z } from "zod";
import { actorFromCaller } from "@/lib/audit/entry";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { importRolloutPlan } from "@/lib/data/rollout/plan-import";
import { readFormDataWithin } from "@/lib/http/limited-body";
import { PLAN_BODY_MAX_BYTES, PLAN_LIMIT_LABEL } from "@/lib/http/limits";
import { PLAN_MAX_BYTES } from "@/lib/rollout/plan-csv";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const flag = z
  .union([z.literal(""), z.enum(["true", "false", "1", "0", "yes", "no", "on"])])
  .optional()
  .transform((value) => value === "true" || value === "1" || value === "yes" || value === "on");

const fieldsSchema = z.object({ dryRun: flag });

/**
 * Import a rollout plan CSV (multipart `file`; optional `dryRun=true` for a preview). Answers 200 with what
 * changes (preview or committed; "no changes" when the plan matches what is stored) or 422 with the row errors
 * when any row is bad (nothing is stored). Format: docs/api.md, "Rollout plan CSV".
 */
export const POST = apiRoute("plan", async (request, caller) => {
  // The body is counted while it streams: past the plan's limit (plus the envelope) the upload stops with a 413.
  const read = await readFormDataWithin(request, PLAN_BODY_MAX_BYTES, {
    limitLabel: PLAN_LIMIT_LABEL,
    what: "a plan",
    badEnvelope: "Send the plan as multipart/form-data with the CSV file in the field `file`.",
  });
  if (!read.ok) return read.response;
  const form = read.value;
  const file = form.get("file");
  if (!(file instanceof File)) return apiError(400, "no-file", "Send the plan CSV as the multipart field `file`.");
  const fileName = file.name || "plan.csv";
  if (file.size > PLAN_MAX_BYTES) {
    return apiError(413, "too-large", `${fileName} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a plan may be at most ${PLAN_LIMIT_LABEL}. Split it into smaller files.`);
  }
  const { dryRun } = fieldsSchema.parse({ dryRun: typeof form.get("dryRun") === "string" ? form.get("dryRun") : undefined });
  const outcome = await importRolloutPlan({ fileName, bytes: new Uint8Array(await file.arrayBuffer()), dryRun, actor: actorFromCaller(caller) });
  if (outcome.status === "refused") {
    // The API's error envelope, like every other refusal: { error: { code, message, issues, ...details } }.
    const { message, issues, status, fileName: file, sha256, rows } = outcome;
    return apiError(422, "plan-refused", message, issues, { status, fileName: file, sha256, rows });
  }
  return Response.json(outcome);
});
