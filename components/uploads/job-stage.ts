import type { UploadJobProgress } from "./upload-response";

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** What the server is doing with a sent file (GET /api/uploads/jobs/{id}), in words. */
export function stageLabel(job: UploadJobProgress): string {
  switch (job.stage) {
    case "queued":
      return job.position && job.position > 0 ? `Queued (${ordinal(job.position)} in line)` : "Queued";
    case "parsing":
      return "Parsing…";
    case "evaluating":
      return job.servers ? `Evaluating ${job.servers.toLocaleString("en-US")} ${job.servers === 1 ? "server" : "servers"}…` : "Evaluating…";
    case "committing":
      return "Committing…";
    case "done":
      return "Done";
    case "failed":
      return "Failed";
  }
}

/** Share of the progress bar for sending the bytes; the server's stages fill the rest. */
export const SEND_SHARE = 40;
const STAGE_PERCENT: Record<UploadJobProgress["stage"], number> = { queued: 40, parsing: 50, evaluating: 65, committing: 85, done: 100, failed: 100 };

/** The progress bar while the bytes are sent (0–40 %). */
export function sendPercent(loaded: number, total: number): number {
  return total > 0 ? Math.min(SEND_SHARE, Math.round((loaded / total) * SEND_SHARE)) : 0;
}

/** The progress bar once the server has the file. */
export function stagePercent(job: UploadJobProgress): number {
  return STAGE_PERCENT[job.stage];
}
