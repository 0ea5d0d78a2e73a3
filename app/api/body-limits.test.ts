import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { createApiToken } from "@/lib/data/api-tokens";
import { ingestFile } from "@/lib/data/ingest/ingest-file";
import { BULK_BODY_MAX_BYTES, JSON_BODY_MAX_BYTES, PLAN_BODY_MAX_BYTES } from "@/lib/http/limits";
import { POST as bulkPost } from "./rollout/bulk/route";
import { POST as planPost } from "./rollout/plan/route";
import { PATCH as serverRolloutPatch } from "./servers/[name]/rollout/route";
import { POST as waiverApprove } from "./waivers/[id]/approve/route";
import { POST as waiverReject } from "./waivers/[id]/reject/route";
import { DELETE as waiverDelete } from "./waivers/[id]/route";
import { POST as waiversPost } from "./waivers/route";
import { PATCH as wavePatch } from "./waves/[id]/route";
import { POST as wavesPost } from "./waves/route";

// Every route handler that reads a body, end to end (token auth, real database): a chunked body without
// Content-Length past the route's limit answers 413 without waiting for more than the limit plus a chunk, and the
// rest is read and dropped afterwards (bounded: lib/http/discard-rest.ts), never kept.

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

let admin = "";

beforeAll(async () => {
  const csv = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain\nSYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com\n";
  const seeded = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName: "inv.csv", options: {}, uploadedBy: { name: "test" } });
  if (!seeded.ok) throw new Error(seeded.message);
  admin = (await createApiToken({ name: "admin", role: "admin" }, SYSTEM_ACTOR)).token;
});

const CHUNK = 64 * 1024;

/**
 * A chunked body of `totalBytes` made on demand; `state` tells how much the handler pulled and whether it cancelled.
 * With `holdAfter`, the chunks after that many bytes wait for `state.release()`: a client slow to send the rest, so a
 * test can prove the answer came without them.
 */
function chunked(totalBytes: number, fill = 0x20, holdAfter = Infinity) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const state = { pulled: 0, cancelled: false, release };
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (state.pulled >= totalBytes) return controller.close();
        if (state.pulled >= holdAfter) await held;
        const size = Math.min(CHUNK, totalBytes - state.pulled);
        state.pulled += size;
        controller.enqueue(new Uint8Array(size).fill(fill));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

function request(method: string, url: string, body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${url}`, { method, body, headers: { Authorization: `Bearer ${admin}`, ...headers }, duplex: "half" } as RequestInit);
}

const cases: { name: string; handler: Handler; method: string; url: string; params: Record<string, string>; limit: number; multipart?: boolean }[] = [
  { name: "POST /api/waves", handler: wavesPost, method: "POST", url: "/api/waves", params: {}, limit: JSON_BODY_MAX_BYTES },
  { name: "PATCH /api/waves/[id]", handler: wavePatch, method: "PATCH", url: "/api/waves/w1", params: { id: "w1" }, limit: JSON_BODY_MAX_BYTES },
  { name: "PATCH /api/servers/[name]/rollout", handler: serverRolloutPatch, method: "PATCH", url: "/api/servers/sync01/rollout", params: { name: "SYNC01" }, limit: JSON_BODY_MAX_BYTES },
  { name: "POST /api/rollout/bulk", handler: bulkPost, method: "POST", url: "/api/rollout/bulk", params: {}, limit: BULK_BODY_MAX_BYTES },
  { name: "POST /api/waivers", handler: waiversPost, method: "POST", url: "/api/waivers", params: {}, limit: JSON_BODY_MAX_BYTES },
  { name: "DELETE /api/waivers/[id]", handler: waiverDelete, method: "DELETE", url: "/api/waivers/x", params: { id: "x" }, limit: JSON_BODY_MAX_BYTES },
  { name: "POST /api/waivers/[id]/approve", handler: waiverApprove, method: "POST", url: "/api/waivers/x/approve", params: { id: "x" }, limit: JSON_BODY_MAX_BYTES },
  { name: "POST /api/waivers/[id]/reject", handler: waiverReject, method: "POST", url: "/api/waivers/x/reject", params: { id: "x" }, limit: JSON_BODY_MAX_BYTES },
  { name: "POST /api/rollout/plan", handler: planPost, method: "POST", url: "/api/rollout/plan", params: {}, limit: PLAN_BODY_MAX_BYTES, multipart: true },
];

describe.each(cases)("$name", ({ handler, method, url, params, limit, multipart }) => {
  const headers: Record<string, string> = multipart ? { "content-type": "multipart/form-data; boundary=x" } : { "content-type": "application/json" };

  it("answers 413 to a chunked body without Content-Length twice the limit, reading no more than the limit plus a chunk", async () => {
    // The chunks after the one that passes the limit are held back: the answer must come without them.
    const { stream, state } = chunked(2 * limit, 0x20, limit + 1);
    const response = await handler(request(method, url, stream, headers), { params: Promise.resolve(params) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "too-large", message: expect.stringMatching(/larger than the \d+(\.\d)? (KB|MB) limit/) });
    expect(state.pulled).toBeLessThanOrEqual(limit + CHUNK);
    // Then the rest is read and dropped (a client still sending gets to read the 413), not cancelled.
    state.release();
    await expect.poll(() => state.pulled).toBe(2 * limit);
    expect(state.cancelled).toBe(false);
  });

  it("answers 413 to a declared Content-Length over the limit without waiting for the body", async () => {
    const { stream, state } = chunked(2 * limit, 0x20, 0);
    const response = await handler(request(method, url, stream, { ...headers, "content-length": String(2 * limit) }), { params: Promise.resolve(params) });
    expect(response.status).toBe(413);
    expect(state.pulled).toBe(0);
    state.release();
  });

  it.skipIf(multipart)("answers 400 (not 500) to a body that is not JSON", async () => {
    const response = await handler(request(method, url, "{not json", headers), { params: Promise.resolve(params) });
    expect(response.status).toBe(400);
  });
});

describe("within the limit", () => {
  it("a wave is created from a small JSON body", async () => {
    const response = await wavesPost(request("POST", "/api/waves", JSON.stringify({ name: "Pilot" }), { "content-type": "application/json" }), { params: Promise.resolve({}) });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: "Pilot" });
  });
});
