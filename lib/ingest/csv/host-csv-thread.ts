import { Worker } from "node:worker_threads";
import type { ParseThreadScript } from "../parse-thread-config";
import type { ParseThreadMessage, ParseThreadReply } from "../archive/parse-thread-protocol";
import type { HostCsvPart, HostCsvPartJob } from "./host-csv-part";
import type { PartReader } from "./host-csv-split";

/**
 * Starts a parse thread for a host CSV's second part (host-csv-split.ts) at once, so that it loads its code while the
 * first thread finds the split; `read` hands it the part, which it reads and answers, then it ends.
 * `read` answers undefined when the thread could not start or failed (logged): the caller then reads the part itself.
 */
export function startHostCsvPartThread(script: ParseThreadScript): PartReader {
  let worker: Worker | undefined;
  let failed: unknown;
  try {
    worker = new Worker(script.file, { workerData: script.workerData });
  } catch (error) {
    failed = error;
  }
  // Errors before `read` (the thread failed to load) are kept for it; the thread must never take the process down.
  worker?.on("error", (error) => {
    failed ??= error;
  });
  return {
    read: (job: HostCsvPartJob) =>
      new Promise<HostCsvPart | undefined>((resolve) => {
        if (worker === undefined || failed !== undefined) {
          console.error("[parse] the parse thread could not start; this thread reads the whole file", failed);
          resolve(undefined);
          return;
        }
        const thread = worker;
        const finish = (part: HostCsvPart | undefined) => {
          resolve(part);
          void thread.terminate();
        };
        thread.on("message", (reply: ParseThreadReply) => {
          if (reply.type === "host-csv-part") finish(reply.part);
          else {
            console.error(`[parse] the parse thread failed (${reply.type === "failed" ? reply.message : `answered ${reply.type}`}); this thread reads the rest of the file`);
            finish(undefined);
          }
        });
        thread.on("error", (error) => {
          console.error("[parse] the parse thread failed; this thread reads the rest of the file", error);
          finish(undefined);
        });
        thread.on("exit", () => resolve(undefined));
        thread.postMessage({ type: "host-csv-part", job } satisfies ParseThreadMessage);
      }),
    cancel: () => void worker?.terminate(),
  };
}
