import type { IngestRequest, IngestResponse } from "../ingest-file";

/**
 * Where an upload job stands: waiting its turn, parsing the file, writing and evaluating servers inside the write
 * transaction, writing the rest and committing, then done (whatever the answer, a refusal included) or failed (the
 * worker crashed or threw: nothing was stored).
 */
export type JobStage = "queued" | "parsing" | "evaluating" | "committing" | "done" | "failed";

/** What the worker reports while it ingests (counts where they are known cheaply). */
export interface IngestProgress {
  stage: "parsing" | "evaluating" | "committing";
  /** Records read from the file (known once it is parsed). */
  records?: number;
  /** Servers the commit evaluates ("evaluating": the hosts of the file; "committing": the servers re-evaluated). */
  servers?: number;
}

/** Server -> worker: one job; the file's bytes wait in a private temporary file (upload-spool.ts), read and deleted by the worker. */
export interface WorkerJobMessage {
  type: "ingest";
  jobId: string;
  /** The spooled upload's path. */
  path: string;
  request: Omit<IngestRequest, "bytes">;
}

/** Worker -> main thread. */
export type WorkerReply =
  | { type: "progress"; jobId: string; progress: IngestProgress }
  | { type: "result"; jobId: string; response: IngestResponse }
  | { type: "error"; jobId: string; message: string };
