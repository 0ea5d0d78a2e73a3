import { readdirSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spoolDirectory } from "@/lib/data/ingest/worker/upload-spool";
import { readMultipartUpload, spooledHead } from "./multipart-upload";

// The upload route's body reader: real multipart bodies (built by the platform's FormData encoder, or by hand for
// broken ones) through a real Request, the file written to the real upload spool.

const KB = 1024;
const OPTIONS = { fileField: "file", badEnvelope: "Send the export as multipart/form-data with the file in the field `file`.", what: "uploads" };

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/uploads", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

/** A FormData body encoded by the platform, as a Request the route would get. */
async function formRequest(form: FormData, { chunked = false } = {}): Promise<Request> {
  const encoded = new Response(form);
  const contentType = encoded.headers.get("content-type")!;
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  if (!chunked) return post(bytes, { "content-type": contentType, "content-length": String(bytes.byteLength) });
  // No Content-Length: 16 KB chunks, as a client streaming the body would send them.
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 16 * KB));
      offset += 16 * KB;
    },
  });
  return post(stream, { "content-type": contentType });
}

function spooled(): string[] {
  return readdirSync(spoolDirectory());
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe("readMultipartUpload", () => {
  it("collects the fields and streams the file part to a 0600 file of the upload spool, byte for byte", async () => {
    const content = new Uint8Array(300 * KB).map((_, i) => (i * 7) % 256); // binary, with CR, LF and dashes in it
    const form = new FormData();
    form.append("kind", "host-inventory");
    form.append("columnMapping", JSON.stringify({ Asset: "hostName" }));
    form.append("file", new File([content], "fleet.zip", { type: "application/zip" }));
    form.append("dryRun", "true");
    const read = await readMultipartUpload(await formRequest(form, { chunked: true }), 1024 * KB, OPTIONS);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.fields).toEqual({ kind: "host-inventory", columnMapping: '{"Asset":"hostName"}', dryRun: "true" });
    expect(read.file).toMatchObject({ name: "fleet.zip", size: content.byteLength });
    expect(statSync(read.file!.path).mode & 0o777).toBe(0o600);
    expect(new Uint8Array(readFileSync(read.file!.path))).toEqual(content);
    expect([...(await spooledHead(read.file!, 4))]).toEqual([...content.slice(0, 4)]);
  });

  it("gives no file when the form has none, and reads only the first part named file", async () => {
    const none = new FormData();
    none.append("kind", "host-inventory");
    const read = await readMultipartUpload(await formRequest(none), 64 * KB, OPTIONS);
    expect(read).toMatchObject({ ok: true, file: null, fields: { kind: "host-inventory" } });

    const two = new FormData();
    two.append("other", new File(["not this"], "other.csv"));
    two.append("file", new File(["first"], "first.csv"));
    two.append("file", new File(["second"], "second.csv"));
    const both = await readMultipartUpload(await formRequest(two), 64 * KB, OPTIONS);
    expect(both.ok && both.file?.name).toBe("first.csv");
    expect(both.ok && readFileSync(both.file!.path, "utf8")).toBe("first");
  });

  it("refuses a chunked body over the limit with 413 as it streams, and leaves no file behind", async () => {
    const before = spooled().length;
    const form = new FormData();
    form.append("file", new File([new Uint8Array(2048 * KB).fill(0x61)], "big.csv"));
    const read = await readMultipartUpload(await formRequest(form, { chunked: true }), 512 * KB, { ...OPTIONS, limitLabel: "512 KB" });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.status).toBe(413);
    expect(await errorOf(read.response)).toMatchObject({ code: "too-large", message: "The request is larger than the 512 KB limit for uploads." });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the write stream closes asynchronously
    expect(spooled().length).toBe(before);
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => { if (++pulled > 100) c.close(); else c.enqueue(new Uint8Array(KB)); } }, { highWaterMark: 0 });
    const read = await readMultipartUpload(post(stream, { "content-type": "multipart/form-data; boundary=x", "content-length": String(10 * 1024 * KB) }), 64 * KB, OPTIONS);
    expect(read).toMatchObject({ ok: false, status: 413 });
    expect(pulled).toBeLessThanOrEqual(1); // decided from the header; what the client sends anyway is dropped unread
    await expect.poll(() => pulled).toBe(101);
  });

  it("answers 400 for a body that is not multipart, or a multipart body that breaks off, and leaves no file behind", async () => {
    const before = spooled().length;
    const json = await readMultipartUpload(post("{}", { "content-type": "application/json" }), 64 * KB, OPTIONS);
    expect(json).toMatchObject({ ok: false, status: 400 });
    if (!json.ok) expect((await errorOf(json.response)).message).toBe(OPTIONS.badEnvelope);

    const truncated = ['--b1', 'Content-Disposition: form-data; name="file"; filename="x.csv"', "Content-Type: text/csv", "", "Asset\nsrv01"].join("\r\n");
    const broken = await readMultipartUpload(post(truncated, { "content-type": "multipart/form-data; boundary=b1" }), 64 * KB, OPTIONS);
    expect(broken).toMatchObject({ ok: false, status: 400 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(spooled().length).toBe(before);

    const noBoundary = await readMultipartUpload(post("x", { "content-type": "multipart/form-data; charset=utf-8" }), 64 * KB, OPTIONS);
    expect(noBoundary).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses a text field over its limit, naming the field", async () => {
    const form = new FormData();
    form.append("columnMapping", "x".repeat(5 * KB));
    form.append("file", new File(["Asset\n"], "a.csv"));
    const read = await readMultipartUpload(await formRequest(form), 64 * KB, { ...OPTIONS, maxFieldBytes: KB });
    expect(read).toMatchObject({ ok: false, status: 400 });
    if (!read.ok) expect((await errorOf(read.response)).message).toBe("The field `columnMapping` is longer than 1 KB.");
  });
});
