import { apiError } from "@/lib/auth/guards";
import { discardBody, discardRest } from "./discard-rest";
import { formatLimit } from "./format-limit";

export { formatLimit };

/**
 * Request bodies read under a byte limit that holds while the body streams in (issue 12): a declared Content-Length
 * over the limit is refused before anything is read, and a body without one (chunked) or with a false one is counted
 * chunk by chunk and buffering stops the moment the count passes the limit (the rest is read and dropped, bounded, so
 * that a client still sending reads the 413 instead of a reset: discard-rest.ts). Nothing here buffers more than
 * `maxBytes` plus one chunk. Every refusal is a ready API answer (413 naming the limit, 400 for a bad envelope).
 */

export type BodyRefusal = { ok: false; status: 400 | 413; response: Response };
export type BodyResult<T> = { ok: true; value: T; bytes: number } | BodyRefusal;

export interface LimitOptions {
  /** What the limit is for, in the message: "The request is larger than the 64 KB limit for {what}." */
  what?: string;
  /**
   * The limit as the message names it, when it differs from `maxBytes` (e.g. a multipart body is allowed the file's
   * limit plus room for the envelope; the message names the file's limit).
   */
  limitLabel?: string;
}

function tooLarge(maxBytes: number, options: LimitOptions): BodyRefusal {
  const label = options.limitLabel ?? formatLimit(maxBytes);
  const message = `The request is larger than the ${label} limit${options.what ? ` for ${options.what}` : ""}.`;
  return { ok: false, status: 413, response: apiError(413, "too-large", message, [], { limitBytes: maxBytes }) };
}

function badRequest(message: string): BodyRefusal {
  return { ok: false, status: 400, response: apiError(400, "bad-request", message) };
}

/** The declared Content-Length, or null when there is none (chunked) or it is not a plain decimal number. */
function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header);
}

/**
 * The whole body as bytes, at most `maxBytes` of them. Reads `request.body` chunk by chunk and stops buffering as
 * soon as the count passes the limit (a lying Content-Length does not help: the bytes are counted, not the header).
 */
export async function readBodyWithin(request: Request, maxBytes: number, options: LimitOptions = {}): Promise<BodyResult<Uint8Array>> {
  const declared = declaredLength(request);
  if (declared !== null && declared > maxBytes) {
    discardBody(request); // the client sends it anyway: read and drop it (bounded) so that it reads the 413
    return tooLarge(maxBytes, options);
  }
  if (request.body === null) return { ok: true, value: new Uint8Array(0), bytes: 0 };
  if (request.bodyUsed) throw new Error("readBodyWithin: the request body was already read");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let handedOff = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        chunks.length = 0;
        // Stop buffering here: the rest of the body is read and dropped (bounded, discard-rest.ts) while the 413 goes out.
        handedOff = true;
        void discardRest(reader);
        return tooLarge(maxBytes, options);
      }
      chunks.push(value);
    }
  } catch {
    // The client aborted or the connection broke mid-body.
    await reader.cancel().catch(() => undefined);
    return badRequest("The request body could not be read completely (the connection was interrupted).");
  } finally {
    if (!handedOff) reader.releaseLock();
  }
  return { ok: true, value: concat(chunks, total), bytes: total };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A multipart/form-data (or urlencoded) body read under the limit, then parsed from the collected bytes.
 * 413 over the limit; 400 (with `badEnvelope`'s text) when the body is not a readable form.
 */
export async function readFormDataWithin(
  request: Request,
  maxBytes: number,
  options: LimitOptions & { badEnvelope?: string } = {},
): Promise<BodyResult<FormData>> {
  const body = await readBodyWithin(request, maxBytes, options);
  if (!body.ok) return body;
  const badEnvelope = options.badEnvelope ?? "Send the request as multipart/form-data.";
  const contentType = request.headers.get("content-type");
  if (!contentType) return badRequest(badEnvelope);
  try {
    const form = await new Response(body.value as BodyInit, { headers: { "content-type": contentType } }).formData();
    return { ok: true, value: form, bytes: body.bytes };
  } catch {
    return badRequest(badEnvelope);
  }
}

/**
 * A JSON body read under the limit, then parsed. 413 over the limit; 400 when it is not JSON. An empty body is a
 * 400 too unless `empty` gives the value it stands for (e.g. `{}` for endpoints whose fields are all optional).
 */
export async function readJsonWithin(
  request: Request,
  maxBytes: number,
  options: LimitOptions & { empty?: unknown } = {},
): Promise<BodyResult<unknown>> {
  const body = await readBodyWithin(request, maxBytes, options);
  if (!body.ok) return body;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body.value);
  } catch {
    return badRequest("The body must be JSON in UTF-8.");
  }
  if (!text.trim()) {
    return "empty" in options ? { ok: true, value: options.empty, bytes: body.bytes } : badRequest("The body must be JSON; it is empty.");
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown, bytes: body.bytes };
  } catch (error) {
    // SyntaxError, or RangeError for nesting deeper than the parser's stack: both are "not JSON we accept".
    const reason = error instanceof RangeError ? "it is nested too deeply" : "it is not valid JSON";
    return badRequest(`The body must be JSON; ${reason}.`);
  }
}
