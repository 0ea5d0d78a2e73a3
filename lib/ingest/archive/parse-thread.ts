import { parentPort } from "node:worker_threads";
import { InflateBudget } from "./budget";
import { parseEntry, type EntryParse } from "./parse-archive";
import { readHostCsvPart } from "../csv/host-csv-part";
import type { ParseThreadJob, ParseThreadMessage, ParseThreadReply } from "./parse-thread-protocol";
import { inflateZipEntry } from "./read-zip";

// The second thread of a large upload's parse, one job, then it ends. An archive's entries (parallel-parse.ts): reads
// and parses them exactly as parseArchive does on the first thread, and answers their parses in order, in batches. A
// large host CSV's second part (csv/host-csv-split.ts): reads its records and answers the part whole.
// Bundled for production beside the upload worker (scripts/build-ingest-worker.mjs); from source through
// parse-thread-boot.mjs in development and tests.

/** Parses sent per message: small enough that the first thread's queue holds little, large enough to cost few messages. */
const BATCH = 500;

function run(job: ParseThreadJob, send: (reply: ParseThreadReply) => void): void {
  const budget = new InflateBudget(job.limits, job.archiveName, job.archiveBytes);
  const bytes = new Uint8Array(job.buffer);
  let batch: EntryParse[] = [];
  for (const entry of job.entries) {
    const spec = { method: entry.method, declared: entry.declared, crc: entry.crc, compressed: bytes.subarray(entry.offset, entry.offset + entry.length) };
    const archiveEntry = { name: entry.name, compressedSize: entry.length, read: () => inflateZipEntry(spec, entry.label, budget) };
    const parse = parseEntry(archiveEntry, entry.label, job.options, job.formatOverride);
    batch.push(parse);
    // After a fatal read the archive is refused and the entries after it are not read (as on one thread).
    const stop = parse.kind === "unreadable" && parse.fatal;
    if (batch.length === BATCH || stop) {
      send({ type: "parsed", parses: batch });
      batch = [];
    }
    if (stop) break;
  }
  if (batch.length > 0) send({ type: "parsed", parses: batch });
  send({ type: "done" });
}

const port = parentPort;
if (port) {
  port.once("message", (message: ParseThreadMessage) => {
    try {
      if (message.type === "archive") run(message.job, (reply) => port.postMessage(reply));
      else {
        const part = readHostCsvPart(message.job);
        // The hosts' facts are cloned; the accepted flags' buffer is handed over.
        const transfer = part.ok ? [part.accepted.buffer as ArrayBuffer] : [];
        port.postMessage({ type: "host-csv-part", part } satisfies ParseThreadReply, transfer);
      }
    } catch (error) {
      port.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) } satisfies ParseThreadReply);
    }
  });
}
