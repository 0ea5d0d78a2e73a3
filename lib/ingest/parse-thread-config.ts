/**
 * The parse thread (lib/ingest/archive/parse-thread.ts): a worker thread that parses part of a large upload while the
 * upload worker's own thread parses the rest, an archive's second half of entries (decision 028) or a large host CSV's
 * second half of records (decision 032). The upload worker turns it on at start; tests and benches may too.
 */

/** Where the thread's script is: the bundle in production, the boot file and the source (tsx) otherwise. */
export interface ParseThreadScript {
  file: string | URL;
  workerData?: unknown;
}

let threadScript: ParseThreadScript | undefined;

/** Turns the parse thread on for this process; undefined turns it off (one thread parses everything). */
export function enableParseThread(script: ParseThreadScript | undefined): void {
  threadScript = script;
}

/** The parse thread's script, when it is on. */
export function parseThreadInUse(): ParseThreadScript | undefined {
  return threadScript;
}
