import { describe, expect, it } from "vitest";
import { discardBody, discardRest } from "./discard-rest";

const KB = 1024;

/** A body of `chunks` chunks of 1 KB (Infinity: never ends), produced on demand. */
function body(chunks: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) return controller.close();
      state.pulled += 1;
      controller.enqueue(new Uint8Array(KB));
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

describe("discardRest", () => {
  it("reads a body to its end and drops it, without cancelling it", async () => {
    const { stream, state } = body(50);
    expect(await discardRest(stream.getReader())).toBe(50 * KB);
    expect(state).toEqual({ pulled: 50, cancelled: false });
    expect(stream.locked).toBe(false); // released
  });

  it("cancels an endless body once it has dropped more than maxBytes", async () => {
    const { stream, state } = body(Infinity);
    const dropped = await discardRest(stream.getReader(), { maxBytes: 10 * KB });
    expect(dropped).toBe(11 * KB);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBe(11);
  });

  it("cancels a body that stalls once maxMs has passed", async () => {
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined), cancel: () => void (cancelled = true) }, { highWaterMark: 0 });
    const started = Date.now();
    await discardRest(stalled.getReader(), { maxMs: 50 });
    expect(cancelled).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("ends quietly when the client goes away mid-body", async () => {
    let sent = 0;
    const broken = new ReadableStream<Uint8Array>({ pull: (c) => (++sent > 3 ? c.error(new Error("socket hang up")) : c.enqueue(new Uint8Array(KB))) }, { highWaterMark: 0 });
    expect(await discardRest(broken.getReader())).toBe(3 * KB);
  });
});

describe("discardBody", () => {
  it("drops an unread request body, and leaves a body someone is reading alone", async () => {
    const { stream, state } = body(20);
    const request = new Request("http://localhost/x", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    discardBody(request);
    await expect.poll(() => state.pulled).toBe(20);

    const other = body(20);
    const reading = new Request("http://localhost/x", { method: "POST", body: other.stream, duplex: "half" } as RequestInit);
    const reader = reading.body!.getReader();
    discardBody(reading); // locked by its reader: not touched
    await reader.read();
    expect(other.state.pulled).toBe(1);
    discardBody(new Request("http://localhost/x")); // no body: nothing to do
  });
});
