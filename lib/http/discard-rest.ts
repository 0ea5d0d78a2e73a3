/**
 * After an early refusal (a 413, or a 400 found mid-body) the rest of the request body is read and thrown away in the
 * background, for at most `maxBytes` more bytes and `maxMs` milliseconds, and the stream is cancelled after that.
 * This is what nginx calls a lingering close: a client that is still sending keeps being read, so it gets to read the
 * answer. Cancelling at once closes the connection with unread data in it, the kernel answers the client's next
 * segment with a reset, and a client still writing can see that reset before it has read the 413 it was sent.
 * Nothing is kept: memory stays at one chunk, and the bounds keep an endless body from holding the connection.
 */
export interface DiscardLimits {
  /** Most bytes read and dropped after the refusal (default 128 MB). */
  maxBytes?: number;
  /** Longest time spent on it (default 30 s). */
  maxMs?: number;
}

const DEFAULT_MAX_BYTES = 128 * 1024 * 1024;
const DEFAULT_MAX_MS = 30_000;

/** Reads and drops what is left in `reader` (bounded; see above), then releases or cancels it. Returns at once. */
export function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, limits: DiscardLimits = {}): Promise<number> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxMs = limits.maxMs ?? DEFAULT_MAX_MS;
  const cancel = () => reader.cancel("request refused; the rest of its body is not read").catch(() => undefined);
  const timer = setTimeout(() => void cancel(), maxMs);
  timer.unref?.();
  return (async () => {
    let discarded = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        discarded += value.byteLength;
        if (discarded > maxBytes) {
          await cancel();
          break;
        }
      }
    } catch {
      // The client went away, or the time limit cancelled the stream.
    } finally {
      clearTimeout(timer);
      try {
        reader.releaseLock();
      } catch {
        // already released
      }
    }
    return discarded;
  })();
}

/** discardRest for a request whose body nobody has started to read (a refusal decided from the headers). */
export function discardBody(request: Request, limits: DiscardLimits = {}): void {
  if (request.body === null || request.bodyUsed || request.body.locked) return;
  void discardRest(request.body.getReader(), limits);
}
