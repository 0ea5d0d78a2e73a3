import { once } from "node:events";
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { JSON_BODY_MAX_BYTES, PLAN_BODY_MAX_BYTES } from "@/lib/http/limits";
import { tokenFor } from "./support/roles";

// Issue 12: request bodies are limited while they stream. Against the production server: a chunked body without
// Content-Length far larger than a route's limit answers 413 long before the client has sent it all, and the
// server's memory grows by no more than about the limit (its VmHWM from /proc, when the spec can find the pid).

const PORT = Number(process.env.E2E_PORT ?? 3100);
const MB = 1024 * 1024;
/** Upload limit of the e2e server: the larger of UPLOAD_MAX_BYTES and ARCHIVE_MAX_BYTES (defaults) + the envelope. */
const UPLOAD_LIMIT = 200 * MB + 1 * MB;
/**
 * What the kernel may have accepted from the client before the server's answer arrives: the loopback send buffer
 * (tcp_wmem max 4 MB) and the server's receive buffer (tcp_rmem max 32 MB) hold bytes the server never read.
 */
const SOCKET_BUFFERS = 40 * MB;

test.describe.configure({ mode: "serial" });

interface Probe {
  status: number | null;
  body: string;
  /** Bytes the client had written when the answer arrived (or when the connection failed). */
  sentBeforeAnswer: number;
  error?: string;
}

/**
 * POSTs `chunk` over and over (chunked transfer encoding, no Content-Length) until the server answers or `maxBytes`
 * are sent, honouring back-pressure; then stops sending and reads the answer.
 */
async function streamUntilAnswered(path: string, options: { contentType: string; maxBytes: number; chunkBytes?: number }): Promise<Probe> {
  const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024, 0x20);
  const request = http.request({
    host: "127.0.0.1",
    port: PORT,
    path,
    method: "POST",
    // Keep-alive, as browsers do: the server then keeps reading (and dropping) the rest of a refused body instead of
    // closing a connection with unread data, which the kernel turns into a reset (lib/http/discard-rest.ts).
    agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
    headers: { Authorization: `Bearer ${tokenFor("admin")}`, "Content-Type": options.contentType },
  });
  let sent = 0;
  let answered = false;
  const outcome = new Promise<Probe>((resolve) => {
    request.on("response", (response) => {
      answered = true;
      const sentBeforeAnswer = sent;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => resolve({ status: response.statusCode ?? null, body: Buffer.concat(parts).toString("utf8"), sentBeforeAnswer }));
      response.on("error", (error) => resolve({ status: response.statusCode ?? null, body: Buffer.concat(parts).toString("utf8"), sentBeforeAnswer, error: error.message }));
    });
    request.on("error", (error) => {
      if (!answered) resolve({ status: null, body: "", sentBeforeAnswer: sent, error: error.message });
    });
  });
  const settled = outcome.then(() => "settled" as const);
  while (!answered && sent < options.maxBytes && !request.destroyed) {
    const flushed = request.write(chunk);
    sent += chunk.length;
    if (!flushed) {
      const drained = once(request, "drain").then(() => "drained" as const).catch(() => "settled" as const);
      if ((await Promise.race([drained, settled])) === "settled") break;
    } else {
      // Let the answer in: a server that reads (and drops) a refused body never pushes back, and a loop that never
      // yields would go on writing long after the 413 has arrived.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  // Answered (or failed): stop sending the rest, but only once the answer's body has been read: the server may go on
  // draining the request after its 413 (so 'drain' can end the loop before the body arrives), and destroying the
  // request then would abort the response. Not answered after maxBytes: finish the body and wait for the answer.
  if (answered) {
    const probe = await outcome;
    request.destroy();
    return probe;
  }
  if (!request.destroyed) request.end();
  return outcome;
}

/**
 * streamUntilAnswered, tried up to three times while the only problem is a reset (EPIPE/ECONNRESET, or a response
 * 'aborted' mid-body). The server reads and drops the rest of a refused body (lib/http/discard-rest.ts), so a
 * keep-alive client reads its 413; should the connection still be reset (the drop is bounded), a client still writing
 * can see the reset before the answer it was sent: a race in the client, not a server that accepted the body. Every
 * attempt must have stopped early; at least one must show the 413.
 */
async function probeUntilAnswered(path: string, options: { contentType: string; maxBytes: number; chunkBytes?: number }, earlyBytes: number): Promise<Probe> {
  let probe = await streamUntilAnswered(path, options);
  for (let attempt = 1; attempt < 3 && /EPIPE|ECONNRESET|aborted/.test(probe.error ?? ""); attempt++) {
    expect(probe.sentBeforeAnswer, `attempt ${attempt} was reset only after ${probe.sentBeforeAnswer} bytes`).toBeLessThan(earlyBytes);
    console.log(`${path}: ${probe.error} after ${(probe.sentBeforeAnswer / MB).toFixed(1)} MB (the server closed early); trying again`);
    probe = await streamUntilAnswered(path, options);
  }
  return probe;
}

/** The pid of the process listening on PORT (from /proc/net/tcp* and /proc/<pid>/fd), or null. */
function serverPid(): number | null {
  const portHex = PORT.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    try {
      for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
        const fields = line.trim().split(/\s+/);
        // local_address is field 1 ("0100007F:0C1C"), st is field 3 ("0A" = LISTEN), inode is field 9.
        if (fields.length > 9 && fields[1].endsWith(`:${portHex}`) && fields[3] === "0A") inodes.add(fields[9]);
      }
    } catch {
      // not Linux
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match && inodes.has(match[1])) return Number(entry);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return null;
}

function statusKb(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : 0;
}

/**
 * Runs `work` and answers how far the server's resident memory peaked above where it was before (MB), or null when
 * the peak cannot be measured (no pid, or /proc/<pid>/clear_refs not writable).
 */
async function peakGrowthMb<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number | null }> {
  const pid = serverPid();
  let measurable = pid !== null;
  if (pid !== null) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, "5"); // resets VmHWM to the current VmRSS
    } catch {
      measurable = false;
    }
  }
  const before = measurable ? statusKb(pid!, "VmRSS") : 0;
  const result = await work();
  const growthMb = measurable ? (statusKb(pid!, "VmHWM") - before) / 1024 : null;
  return { result, growthMb };
}

/** Records what was measured (shown in the report and the console). */
function note(label: string, probe: Probe, growthMb: number | null) {
  const description = `${label}: ${probe.status ?? probe.error} after ${(probe.sentBeforeAnswer / MB).toFixed(1)} MB sent; server peak growth ${growthMb === null ? "not measured" : `${growthMb.toFixed(0)} MB`}`;
  test.info().annotations.push({ type: "measurement", description });
  console.log(description);
}

function errorOf(probe: Probe): { code?: string; message?: string } {
  try {
    return (JSON.parse(probe.body) as { error: { code: string; message: string } }).error;
  } catch {
    return {};
  }
}

test("a chunked JSON body far over the limit is refused with 413 before it is sent, without the server buffering it", async () => {
  // 64 KB limit; the client offers 256 MB. Socket buffers hold a few MB at most: the answer must come long before.
  const { result: probe, growthMb } = await peakGrowthMb(() => probeUntilAnswered("/api/waves", { contentType: "application/json", maxBytes: 256 * MB }, JSON_BODY_MAX_BYTES + SOCKET_BUFFERS));
  note("/api/waves (64 KB limit)", probe, growthMb);
  expect(probe.error ?? "", `the server answered (sent ${probe.sentBeforeAnswer} bytes)`).toBe("");
  expect(probe.status).toBe(413);
  expect(errorOf(probe)).toMatchObject({ code: "too-large", message: "The request is larger than the 64 KB limit for a wave." });
  expect(probe.sentBeforeAnswer).toBeLessThan(JSON_BODY_MAX_BYTES + SOCKET_BUFFERS);
  if (growthMb !== null) expect(growthMb, "server peak memory growth (MB)").toBeLessThan(64);
});

test("a chunked plan import far over its limit is refused with 413 before it is all sent", async () => {
  // 10 MB limit; the client offers 100 MB.
  const { result: probe, growthMb } = await peakGrowthMb(() =>
    probeUntilAnswered("/api/rollout/plan", { contentType: "multipart/form-data; boundary=----probe", maxBytes: 10 * PLAN_BODY_MAX_BYTES }, PLAN_BODY_MAX_BYTES + SOCKET_BUFFERS),
  );
  note("/api/rollout/plan (10 MB limit)", probe, growthMb);
  expect(probe.error ?? "", `the server answered (sent ${probe.sentBeforeAnswer} bytes)`).toBe("");
  expect(probe.status).toBe(413);
  expect(errorOf(probe)).toMatchObject({ code: "too-large", message: "The request is larger than the 10 MB limit for a plan." });
  expect(probe.sentBeforeAnswer).toBeLessThan(PLAN_BODY_MAX_BYTES + SOCKET_BUFFERS);
  if (growthMb !== null) expect(growthMb, "server peak memory growth (MB)").toBeLessThan(PLAN_BODY_MAX_BYTES / MB + 48);
});

test("a chunked upload twice the upload limit is refused with 413 before it is all sent, the server growing by no more than about the limit", async () => {
  test.setTimeout(120_000);
  const { result: probe, growthMb } = await peakGrowthMb(() =>
    probeUntilAnswered("/api/uploads", { contentType: "multipart/form-data; boundary=----probe", maxBytes: 2 * UPLOAD_LIMIT, chunkBytes: 1 * MB }, UPLOAD_LIMIT + SOCKET_BUFFERS),
  );
  note("/api/uploads (200 MB limit)", probe, growthMb);
  expect(probe.error ?? "", `the server answered (sent ${probe.sentBeforeAnswer} bytes)`).toBe("");
  expect(probe.status).toBe(413);
  expect(errorOf(probe).code).toBe("too-large");
  expect(probe.sentBeforeAnswer).toBeLessThan(UPLOAD_LIMIT + SOCKET_BUFFERS);
  // Buffering the whole 400 MB (and parsing it) took far more; the bytes up to the limit are all it may hold.
  if (growthMb !== null) expect(growthMb, "server peak memory growth (MB)").toBeLessThan(UPLOAD_LIMIT / MB * 1.25);
});

test("after the refusals the server still answers", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  const created = await request.post("/api/waves", { headers: { Authorization: `Bearer ${tokenFor("admin")}` }, data: { name: `Body limits ${Date.now()}` } });
  expect(created.status()).toBe(201);
});
