import { answerOfJob, readUploadAnswer, readUploadJob, type UploadAnswer, type UploadJob } from "./upload-response";

/** How often the page asks how a job stands: soon at first, then at most every second. */
const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 1_000;
/** Network errors in a row while following a job before the page gives up (the job itself goes on). */
const MAX_POLL_FAILURES = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs one file to /api/uploads?async=1 as multipart with XMLHttpRequest (fetch has no upload progress), then follows
 * the job the server answers (202) through GET /api/uploads/jobs/{id} until it is done: `onJob` sees each stage
 * (queued with its place in line, parsing, evaluating, committing). The answer is read exactly like the synchronous
 * answer. Same origin: the session cookie authenticates and the browser's Origin header passes the CSRF check.
 * Never rejects: network failures come back as an error answer.
 */
export function postUpload(
  file: File,
  fields: readonly [string, string][],
  onProgress: (loaded: number, total: number) => void,
  onJob: (job: UploadJob) => void = () => undefined,
): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const form = new FormData();
    for (const [key, value] of fields) form.append(key, value);
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads?async=1");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      if (xhr.status !== 202) return resolve(readUploadAnswer(xhr.status, xhr.responseText, file.name));
      const job = readUploadJob(xhr.responseText);
      if (!job) return resolve(readUploadAnswer(0, "", file.name));
      onJob(job);
      void followJob(job, file.name, onJob).then(resolve);
    };
    xhr.onerror = () => resolve(readUploadAnswer(0, "", file.name));
    xhr.onabort = () => resolve(readUploadAnswer(0, "", file.name));
    xhr.send(form);
  });
}

/** Polls GET /api/uploads/jobs/{id} until the job has its answer. */
export async function followJob(first: UploadJob, fileName: string, onJob: (job: UploadJob) => void): Promise<UploadAnswer> {
  let job = first;
  let delay = FIRST_POLL_MS;
  let failures = 0;
  for (;;) {
    const answer = answerOfJob(job, fileName);
    if (answer) return answer;
    await sleep(delay);
    delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.5));
    let response: Response;
    try {
      response = await fetch(`/api/uploads/jobs/${encodeURIComponent(job.id)}`, { headers: { Accept: "application/json" }, cache: "no-store" });
    } catch {
      failures += 1;
      if (failures >= MAX_POLL_FAILURES) {
        return { ok: false, error: { code: "network", message: `The server could not be reached while ${fileName} was being processed. Reload the page: the uploads list shows whether it was stored.`, issues: [] } };
      }
      continue;
    }
    failures = 0;
    const text = await response.text();
    if (response.status === 404) {
      return { ok: false, error: { code: "job-lost", message: `The server no longer knows the job of ${fileName} (it may have restarted). Reload the page: the uploads list shows whether it was stored.`, issues: [] } };
    }
    if (!response.ok) return readUploadAnswer(response.status, text, fileName);
    const next = readUploadJob(text);
    if (!next) return readUploadAnswer(0, "", fileName);
    job = next;
    onJob(job);
  }
}
