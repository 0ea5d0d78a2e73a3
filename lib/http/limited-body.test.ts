import { describe, expect, it } from "vitest";
import { formatLimit, readBodyWithin, readFormDataWithin, readJsonWithin } from "./limited-body";

const KB = 1024;

/**
 * A chunked body (no Content-Length): `chunks` chunks of `size` bytes, produced on demand. `pulled` counts the chunks
 * the reader asked for and `cancelled` says whether the reader gave up, so a test can prove the stream was not
 * drained.
 */
function chunkedStream(chunks: number, size: number, options: { holdAfter?: number } = {}) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const state = { pulled: 0, cancelled: false, release };
  // highWaterMark 0: a chunk is produced only when the reader asks for it. With holdAfter, the chunk after that many
  // waits for state.release(): a client that has sent the first chunks and is slow to send the rest.
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (state.pulled >= chunks) {
        controller.close();
        return;
      }
      state.pulled += 1;
      if (state.pulled === (options.holdAfter ?? -1) + 1) await held;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/test", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe("formatLimit", () => {
  it("names limits in MB, KB or bytes", () => {
    expect(formatLimit(64 * KB)).toBe("64 KB");
    expect(formatLimit(50 * KB * KB)).toBe("50 MB");
    expect(formatLimit(1.5 * KB * KB)).toBe("1.5 MB");
    expect(formatLimit(500)).toBe("500 bytes");
  });
});

describe("readBodyWithin", () => {
  it("answers a chunked body without Content-Length at the first chunk past the limit, then drops the rest unread", async () => {
    // 1,000 chunks of 16 KB (16 MB) against a 64 KB limit: the answer comes after 5 chunks.
    const { stream, state } = chunkedStream(1000, 16 * KB, { holdAfter: 5 });
    const result = await readBodyWithin(post(stream), 64 * KB, { what: "a wave" });
    // Four chunks fit; the fifth passes the limit and the 413 is decided there, while the rest is still to come.
    expect(state.pulled).toBeLessThanOrEqual(6);
    state.release();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(413);
    expect(result.response.status).toBe(413);
    expect(await errorOf(result.response)).toMatchObject({ code: "too-large", message: "The request is larger than the 64 KB limit for a wave." });
    // The rest is read and thrown away in the background (a lingering close, discard-rest.ts), not cancelled at once.
    await expect.poll(() => state.pulled).toBe(1000);
    expect(state.cancelled).toBe(false);
  });

  it("reads a chunked body of exactly the limit", async () => {
    const { stream, state } = chunkedStream(4, 16 * KB);
    const result = await readBodyWithin(post(stream), 64 * KB);
    expect(result).toMatchObject({ ok: true, bytes: 64 * KB });
    if (result.ok) expect(result.value.byteLength).toBe(64 * KB);
    expect(state.cancelled).toBe(false);
  });

  it("refuses one byte over the limit", async () => {
    const result = await readBodyWithin(post(new Uint8Array(64 * KB + 1)), 64 * KB);
    expect(result).toMatchObject({ ok: false, status: 413 });
    const exact = await readBodyWithin(post(new Uint8Array(64 * KB)), 64 * KB);
    expect(exact).toMatchObject({ ok: true, bytes: 64 * KB });
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const { stream, state } = chunkedStream(1000, 16 * KB, { holdAfter: 1 });
    const request = post(stream, { "content-length": String(1024 * KB * KB) });
    const result = await readBodyWithin(request, 64 * KB, { limitLabel: "50 MB", what: "an upload" });
    expect(result).toMatchObject({ ok: false, status: 413 });
    if (!result.ok) expect((await errorOf(result.response)).message).toBe("The request is larger than the 50 MB limit for an upload.");
    // Decided from the header alone: the refusal does not wait for the body; what the client sends anyway is dropped.
    expect(state.pulled).toBeLessThanOrEqual(2);
    state.release();
    await expect.poll(() => state.pulled).toBe(1000);
  });

  it("counts the bytes when the Content-Length lies (a small declared length, a large body)", async () => {
    // A Request built by hand keeps the header as given; the server must not trust it.
    const { stream, state } = chunkedStream(100, 16 * KB, { holdAfter: 5 });
    const result = await readBodyWithin(post(stream, { "content-length": "10" }), 64 * KB);
    expect(state.pulled).toBeLessThanOrEqual(6);
    expect(result).toMatchObject({ ok: false, status: 413 });
    state.release();
  });

  it("answers an empty body as no bytes", async () => {
    const result = await readBodyWithin(new Request("http://localhost/api/test", { method: "POST" }), 64 * KB);
    expect(result).toMatchObject({ ok: true, bytes: 0 });
  });

  it("answers 400 when the body stream breaks mid-way", async () => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new Uint8Array(10));
        } else controller.error(new Error("socket hang up"));
      },
    });
    const result = await readBodyWithin(post(stream), 64 * KB);
    expect(result).toMatchObject({ ok: false, status: 400 });
  });
});

describe("readJsonWithin", () => {
  it("parses JSON within the limit", async () => {
    const result = await readJsonWithin(post(JSON.stringify({ name: "Wave 1" })), 64 * KB);
    expect(result).toMatchObject({ ok: true, value: { name: "Wave 1" } });
  });

  it("answers 400 for invalid JSON, and for an empty body unless told what it stands for", async () => {
    const bad = await readJsonWithin(post("{nope"), 64 * KB);
    expect(bad).toMatchObject({ ok: false, status: 400 });
    if (!bad.ok) expect(await errorOf(bad.response)).toMatchObject({ code: "bad-request", message: "The body must be JSON; it is not valid JSON." });
    expect(await readJsonWithin(post(""), 64 * KB)).toMatchObject({ ok: false, status: 400 });
    expect(await readJsonWithin(post(""), 64 * KB, { empty: {} })).toMatchObject({ ok: true, value: {} });
    expect(await readJsonWithin(new Request("http://localhost/x", { method: "POST" }), 64 * KB, { empty: {} })).toMatchObject({ ok: true, value: {} });
  });

  it("answers 400 for bytes that are not UTF-8", async () => {
    const result = await readJsonWithin(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 64 * KB);
    expect(result).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses a chunked JSON body over the limit with 413", async () => {
    const { stream, state } = chunkedStream(1000, 16 * KB, { holdAfter: 5 });
    const result = await readJsonWithin(post(stream), 64 * KB);
    expect(state.pulled).toBeLessThanOrEqual(6);
    expect(result).toMatchObject({ ok: false, status: 413 });
    state.release();
  });

  it("answers a deeply nested body within the limit with a value or a 400, never a throw", async () => {
    const depth = 30_000;
    const result = await readJsonWithin(post("[".repeat(depth) + "]".repeat(depth)), 64 * KB);
    expect(result.ok || result.status === 400).toBe(true);
  });
});

describe("readFormDataWithin", () => {
  function form() {
    const data = new FormData();
    data.set("dryRun", "true");
    data.set("file", new File(["fqdn,wave\nsrv1.corp.example,Wave 1\n"], "plan.csv", { type: "text/csv" }));
    return data;
  }

  it("parses multipart from the collected bytes", async () => {
    const result = await readFormDataWithin(post(form()), 64 * KB);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.get("dryRun")).toBe("true");
    const file = result.value.get("file");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe("plan.csv");
    expect(await (file as File).text()).toBe("fqdn,wave\nsrv1.corp.example,Wave 1\n");
  });

  it("refuses a multipart body over the limit with 413", async () => {
    const big = new FormData();
    big.set("file", new File([new Uint8Array(100 * KB)], "big.csv"));
    const result = await readFormDataWithin(post(big), 64 * KB, { what: "a plan" });
    expect(result).toMatchObject({ ok: false, status: 413 });
    if (!result.ok) expect((await errorOf(result.response)).message).toBe("The request is larger than the 64 KB limit for a plan.");
  });

  it("answers 400 with the route's text when the body is not a form", async () => {
    const badEnvelope = "Send the plan as multipart/form-data with the CSV file in the field `file`.";
    const notForm = await readFormDataWithin(post("just text", { "content-type": "multipart/form-data; boundary=xyz" }), 64 * KB, { badEnvelope });
    expect(notForm).toMatchObject({ ok: false, status: 400 });
    if (!notForm.ok) expect((await errorOf(notForm.response)).message).toBe(badEnvelope);
    const noType = await readFormDataWithin(post(new Uint8Array([1, 2, 3])), 64 * KB, { badEnvelope });
    expect(noType).toMatchObject({ ok: false, status: 400 });
  });
});
