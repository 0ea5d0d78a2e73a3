import { z } from "zod";
import { planImportOutcomeSchema, planIssueSchema } from "@/lib/api/plan-import-schemas";

/** The answers of POST /api/rollout/plan, validated in the browser before they are shown. */

export type PlanOutcome = z.infer<typeof planImportOutcomeSchema>;
export type PlanIssue = z.infer<typeof planIssueSchema>;

export type PlanAnswer = { ok: true; outcome: PlanOutcome } | { ok: false; code: string; message: string; issues: PlanIssue[] };

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.unknown()).catch([]) }) });

function toIssue(raw: unknown, fileName: string): PlanIssue {
  const parsed = planIssueSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const loose = z.object({ path: z.string().optional(), message: z.string() }).safeParse(raw);
  if (loose.success) return { file: fileName, column: loose.data.path || undefined, message: loose.data.message, severity: "error" };
  return { file: fileName, message: "An issue the page could not read was reported.", severity: "error" };
}

/** Turns an HTTP status and body text into something to show; never throws. */
export function readPlanAnswer(status: number, bodyText: string, fileName: string): PlanAnswer {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (status === 200) {
    const outcome = planImportOutcomeSchema.safeParse(body);
    if (outcome.success) return { ok: true, outcome: outcome.data };
    return { ok: false, code: "bad-answer", message: "The server answered but its answer could not be read. Reload the page to see the current plan.", issues: [] };
  }
  const refused = errorBodySchema.safeParse(body);
  if (refused.success) {
    const { code, message, issues } = refused.data.error;
    return { ok: false, code, message, issues: issues.map((issue) => toIssue(issue, fileName)) };
  }
  if (status === 0) return { ok: false, code: "network", message: "The file did not reach the server (network error). Try again.", issues: [] };
  if (status === 413) return { ok: false, code: "too-large", message: `${fileName} is larger than the server accepts (10 MB).`, issues: [] };
  return { ok: false, code: `http-${status}`, message: `The server answered ${status} without an explanation. Try again, or check the server log.`, issues: [] };
}

/** POSTs the plan (same origin: the session cookie authenticates and the Origin header passes the CSRF check). Never rejects. */
export async function postPlan(file: File, dryRun: boolean): Promise<PlanAnswer> {
  const form = new FormData();
  form.append("file", file, file.name);
  if (dryRun) form.append("dryRun", "true");
  try {
    const response = await fetch("/api/rollout/plan", { method: "POST", body: form, headers: { Accept: "application/json" }, credentials: "same-origin" });
    return readPlanAnswer(response.status, await response.text(), file.name);
  } catch {
    return readPlanAnswer(0, "", file.name);
  }
}
