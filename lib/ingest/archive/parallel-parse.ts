import { Worker } from "node:worker_threads";
import type { ParseOptions, UploadKind } from "../types";
import { parseThreadInUse, type ParseThreadScript } from "../parse-thread-config";
import { entryLabel } from "./entry-name";
import { combineEntries, parseArchive, parseEntry, type ArchiveParse, type EntryParse } from "./parse-archive";
import type { ParseThreadJob, ParseThreadMessage, ParseThreadReply, ThreadEntry } from "./parse-thread-protocol";
import type { ArchiveLimits, OpenedArchive } from "./types";

/**
 * A large ZIP's entries parsed on two threads (decision 028): parsing a collector report is CPU work of its own
 * (JSON, zod, normalising), one report at a time, and the upload worker's second core is otherwise idle during the
 * parse. The second half of the entries goes to a worker thread, which reads and parses them as parseArchive does
 * while this thread parses the first half; the parses are then combined in archive order, so the result is the one
 * parseArchive gives on one thread (a test holds them equal).
 *
 * Only where the entries can be handed over whole: a ZIP (not gzip), at least PARALLEL_MIN_ENTRIES entries, and sizes
 * that pass the archive-wide guards as declared (each entry must inflate to exactly its declared size, so the actual
 * total then passes too; otherwise one thread reads it and refuses it where it trips). If the thread cannot be started
 * or fails, this thread parses what it did not answer. The thread is on where parse-thread-config.ts turned it on.
 */

/** Below this many entries one thread parses: starting the thread (loading the parser into it) costs ≈ 0.3 s. */
export const PARALLEL_MIN_ENTRIES = 2_000;

type Opened = Extract<OpenedArchive, { ok: true }>;

function declaredWithinTotals(opened: Opened, limits: ArchiveLimits, archiveBytes: number): boolean {
  let total = 0;
  for (const entry of opened.entries) {
    if (entry.zip === undefined) return false;
    total += entry.zip.declared;
  }
  if (total > limits.maxTotalBytes) return false;
  return !(total > limits.ratioFloorBytes && total / Math.max(archiveBytes, 1) > limits.maxTotalRatio);
}

/** The job for entries [from, end): their header facts and their compressed bytes copied into one buffer. */
function jobFor(opened: Opened, from: number, archiveName: string, archiveBytes: number, limits: ArchiveLimits, options: ParseOptions, formatOverride?: string): ParseThreadJob {
  const slice = opened.entries.slice(from);
  const size = slice.reduce((sum, entry) => sum + entry.zip!.compressed.byteLength, 0);
  const buffer = new ArrayBuffer(size);
  const target = new Uint8Array(buffer);
  const entries: ThreadEntry[] = [];
  let offset = 0;
  for (const entry of slice) {
    const zip = entry.zip!;
    target.set(zip.compressed, offset);
    entries.push({ name: entry.name, label: entryLabel(archiveName, entry.name), method: zip.method, declared: zip.declared, crc: zip.crc, offset, length: zip.compressed.byteLength });
    offset += zip.compressed.byteLength;
  }
  const job: ParseThreadJob = { archiveName, archiveBytes, limits, options, entries, buffer };
  if (formatOverride !== undefined) job.formatOverride = formatOverride;
  return job;
}

/** Starts the thread on the job; resolves with the parses it answered (all of them, or those before it failed). */
function runThread(script: ParseThreadScript, job: ParseThreadJob): { parses: EntryParse[]; finished: Promise<void>; stop: () => void } {
  const parses: EntryParse[] = [];
  let worker: Worker | undefined;
  const finished = new Promise<void>((resolve) => {
    try {
      worker = new Worker(script.file, { workerData: script.workerData });
    } catch (error) {
      console.error("[archive] the parse thread could not start; one thread parses the archive", error);
      resolve();
      return;
    }
    const done = () => {
      void worker?.terminate();
      resolve();
    };
    worker.on("message", (reply: ParseThreadReply) => {
      if (reply.type === "parsed") parses.push(...reply.parses);
      else if (reply.type === "done") done();
      else {
        console.error(`[archive] the parse thread failed (${reply.type === "failed" ? reply.message : `answered ${reply.type}`}); this thread parses the rest`);
        done();
      }
    });
    worker.on("error", (error) => {
      console.error("[archive] the parse thread failed; this thread parses the rest", error);
      done();
    });
    worker.on("exit", () => resolve());
    worker.postMessage({ type: "archive", job } satisfies ParseThreadMessage, [job.buffer]);
  });
  return { parses, finished, stop: () => void worker?.terminate() };
}

/**
 * parseArchive on two threads when enabled and worth it (see above); otherwise parseArchive itself. Same arguments,
 * plus the archive's size and limits for the second thread's inflate guards (and, for tests, the threshold and script).
 */
export async function parseArchiveInParallel(
  opened: Opened,
  archiveName: string,
  archiveBytes: number,
  limits: ArchiveLimits,
  options: ParseOptions,
  formatOverride?: string,
  expectedKind?: UploadKind,
  minEntries: number = PARALLEL_MIN_ENTRIES,
  script: ParseThreadScript | undefined = parseThreadInUse(),
): Promise<ArchiveParse> {
  const count = opened.entries.length;
  if (script === undefined || count < Math.max(2, minEntries) || !declaredWithinTotals(opened, limits, archiveBytes)) {
    return parseArchive(opened, archiveName, options, formatOverride, expectedKind);
  }
  const mid = Math.ceil(count / 2);
  const thread = runThread(script, jobFor(opened, mid, archiveName, archiveBytes, limits, options, formatOverride));

  const first: EntryParse[] = [];
  let fatal = false;
  for (let index = 0; index < mid && !fatal; index++) {
    const entry = opened.entries[index];
    const parse = parseEntry(entry, entryLabel(archiveName, entry.name), options, formatOverride);
    first.push(parse);
    fatal = parse.kind === "unreadable" && parse.fatal;
  }
  if (fatal) thread.stop(); // refused at an entry of the first half: the second half is never combined
  else await thread.finished;

  return combineEntries(opened, archiveName, options, expectedKind, (entry, label, index) => {
    if (index < mid) return first[index];
    // What the thread answered, or (it failed or stopped early) this thread reads it now.
    return thread.parses[index - mid] ?? parseEntry(entry, label, options, formatOverride);
  });
}
