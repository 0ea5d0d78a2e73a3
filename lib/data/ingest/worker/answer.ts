import type { IngestResponse } from "../ingest-file";
import type { IngestJob, JobOutcome } from "./ingest-queue";
import type { JobStage } from "./protocol";

/** An HTTP answer of POST /api/uploads: the status and the JSON body (the job API repeats it verbatim). */
export interface UploadAnswer {
  status: number;
  body: unknown;
}

/** The synchronous answer of POST /api/uploads for an ingest's response: 201 with the upload, or the refusal. */
export function answerOfResponse(result: IngestResponse): UploadAnswer {
  if (!result.ok) {
    const detected = {
      ...(result.kind ? { kind: result.kind } : {}),
      ...(result.format ? { format: result.format } : {}),
      ...(result.archive ? { archive: result.archive } : {}),
      ...(result.suggestedGmsa ? { suggestedGmsa: result.suggestedGmsa } : {}),
    };
    return { status: result.status, body: { error: { code: result.code, message: result.message, issues: result.issues, ...detected } } };
  }
  const { id, kind, format, status, counts, issues, archive, previous } = result;
  return { status: 201, body: { id, kind, format, status, counts, issues, ...(archive ? { archive } : {}), ...(previous ? { previous } : {}) } };
}

/** A job's outcome as an answer; a failed worker is a 500 that says nothing was stored. */
export function answerOf(outcome: JobOutcome): UploadAnswer {
  if (outcome.ok) return answerOfResponse(outcome.response);
  return { status: 500, body: { error: { code: "ingest-failed", message: outcome.message, issues: [] } } };
}

/** GET /api/uploads/jobs/{id}. */
export interface JobView {
  id: string;
  fileName: string;
  stage: JobStage;
  /** 1-based place in the queue while queued, 0 while running, null once finished. */
  position: number | null;
  records: number | null;
  servers: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Once done or failed: exactly what the synchronous POST /api/uploads would have answered. */
  result: UploadAnswer | null;
}

export function jobView(job: IngestJob, position: number | null): JobView {
  return {
    id: job.id,
    fileName: job.fileName,
    stage: job.stage,
    position,
    records: job.records ?? null,
    servers: job.servers ?? null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    result: job.outcome ? answerOf(job.outcome) : null,
  };
}
