/**
 * The ingest-load bench's readers, in a process of their own (scripts/bench/ingest-load.ts forks it).
 *
 * They used to run in the bench's own process, beside the upload: that process also builds the 26 MB CSV, streams it
 * to the server and polls the job, and its event loop then added ≈ 80 ms to every read it timed (p50 87 ms while an
 * independent prober saw the server answer the same /api/health in 3–5 ms). A load generator has to be alone on its
 * event loop to time the server rather than itself.
 *
 * argv[2]: JSON { base, token, clients, thinkMs, listPath }. Reads start at once; on the IPC message "stop" each client
 * finishes its read in flight, then the process sends { samples } (start and end as epoch milliseconds with
 * sub-millisecond precision, comparable with the parent's clock) and exits.
 */
import { performance } from "node:perf_hooks";

const { base, token, clients, thinkMs, listPath } = JSON.parse(process.argv[2] ?? "{}");
const now = () => performance.timeOrigin + performance.now();
const samples = [];
let stopped = false;
let wake = () => {};
const stop = new Promise((resolve) => (wake = resolve));
process.on("message", (message) => {
  if (message === "stop") {
    stopped = true;
    wake();
  }
});

/**
 * A client's pause between two reads: thinkMs on average, drawn uniformly from 0.5–1.5 × thinkMs. With the same
 * pause for every client, one stall of the server (the upload's multipart parse on the request thread) lines all 20
 * clients up, and they then stay in lockstep for the rest of the run: every 500 ms, 20 requests arrive in the same
 * millisecond and the last waits for the 19 before it (a convoy the bench made, not the server; people do not
 * click in step). The jitter lets them drift apart again, as independent users do.
 */
const thinkTime = () => thinkMs * (0.5 + Math.random());

/** A pause that ends early when the run is stopped. */
const pause = (ms) => Promise.race([new Promise((resolve) => setTimeout(resolve, ms)), stop]);

async function read(endpoint) {
  const start = now();
  let ok = false;
  try {
    const response = await fetch(`${base}${endpoint === "health" ? "/api/health" : listPath}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    ok = response.status === 200;
  } catch {
    ok = false;
  }
  samples.push({ endpoint, start, end: now(), ok });
  if (thinkMs > 0 && !stopped) await pause(thinkTime());
}

await Promise.all(
  Array.from({ length: clients }, async (_, index) => {
    // Staggered so that the clients do not all ask at once.
    if (thinkMs > 0) await pause((thinkMs * index) / clients);
    if (index % 2 === 1 && !stopped) await read("health");
    while (!stopped) {
      await read("list");
      if (stopped) break;
      await read("health");
    }
  }),
);
process.send({ samples }, () => process.exit(0));
