// HTTP helpers shared by the benchmark suites that time the real API.

/** GETs `path` with an API token; the time includes reading the whole body. `pdf`: the body starts with %PDF-. */
export async function download(base: string, path: string, token: string): Promise<{ ms: number; bytes: number; status: number; pdf: boolean }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = new Uint8Array(await response.arrayBuffer());
  return { ms: performance.now() - started, bytes: body.byteLength, status: response.status, pdf: new TextDecoder().decode(body.subarray(0, 5)) === "%PDF-" };
}

/** Runs `work` while asking /api/health every 50 ms; returns the slowest health answer (a blocked event loop shows here). */
export async function slowestHealthDuring(base: string, work: Promise<unknown>): Promise<number> {
  let done = false;
  let slowest = 0;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      await (await fetch(`${base}/api/health`)).arrayBuffer();
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await work.catch(() => undefined);
  done = true;
  await probe;
  return slowest;
}
