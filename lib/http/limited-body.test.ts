import { describe, expect, it } from "vitest";
import { formatLimit, readBodyWithin, readFormDataWithin, readJsonWithin } from "./limited-body";

const KB = 1024;

/**
 * A chunked body (no Content-Length): `chunks` chunks of `size` bytes, produced on demand. `pulled` counts the chunks
 * the reader asked for and `cancelled` says whether the reader gave up, so a test can prove the stream was not
 * drained.
 */
function chunkedStream(chunks: number, size: number) {
  const state = { pulled: 0, cancelled: false };
  // highWaterMark 0: a chunk is produced only when the reader asks for it.
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) {
        controller.close();
        return;
      }
      state.pulled += 1;
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
  it("stops a chunked body without Content-Length at the first chunk past the limit and cancels the stream", async () => {
    // 1,000 chunks of 16 KB (16 MB) against a 64 KB limit: the reader must give up after 5 chunks.
    const { stream, state } = chunkedStream(1000, 16 * KB);
    const result = await readBodyWithin(post(stream), 64 * KB, { what: "a wave" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(413);
    expect(result.response.status).toBe(413);
    expect(await errorOf(result.response)).toMatchObject({ code: "too-large", message: "The request is larger than the 64 KB limit for a wave." });
    expect(state.cancelled).toBe(true);
    // Four chunks fit; the fifth passes the limit and nothing more is pulled.
    expect(state.pulled).toBe(5);
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
    const { stream, state } = chunkedStream(1000, 16 * KB);
    const request = post(stream, { "content-length": String(1024 * KB * KB) });
    const result = await readBodyWithin(request, 64 * KB, { limitLabel: "50 MB", what: "an upload" });
    expect(result).toMatchObject({ ok: false, status: 413 });
    if (!result.ok) expect((await errorOf(result.response)).message).toBe("The request is larger than the 50 MB limit for an upload.");
    expect(state.pulled).toBe(0);
    expect(request.bodyUsed).toBe(false);
  });

  it("counts the bytes when the Content-Length lies (a small declared length, a large body)", async () => {
    // A Request built by hand keeps the header as given; the server must not trust it.
    const { stream, state } = chunkedStream(100, 16 * KB);
    const result = await readBodyWithin(post(stream, { "content-length": "10" }), 64 * KB);
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBe(5);
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
    const { stream, state } = chunkedStream(1000, 16 * KB);
    const result = await readJsonWithin(post(stream), 64 * KB);
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(state.cancelled).toBe(true);
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
