import "server-only";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import busboy from "busboy";
import { apiError } from "@/lib/auth/guards";
import { discardSpooledUpload, newSpoolPath } from "@/lib/data/ingest/worker/upload-spool";
import { discardBody, discardRest } from "./discard-rest";
import { formatLimit } from "./format-limit";
import type { BodyRefusal, LimitOptions } from "./limited-body";

/**
 * A multipart/form-data upload read as it streams (busboy, decision 024): the text fields are collected (each under
 * `maxFieldBytes`), the one file part named `fileField` is written straight to a private temporary file (the upload
 * spool the ingest worker reads from), and every byte of the body is counted against `maxBytes` as it arrives, the
 * file deleted the moment the count passes it (the rest of the body is read and dropped, bounded: discard-rest.ts). The server never holds the file in memory,
 * and the parse runs chunk by chunk between other requests instead of in one block on the request thread.
 */
export interface SpooledFile {
  /** The file name the client gave ("" when none). */
  name: string;
  /** Its size in bytes. */
  size: number;
  /** Its path in the upload spool; the caller owns it (hand it to the worker, or discard it). */
  path: string;
}

export type MultipartUpload = { ok: true; fields: Record<string, string>; file: SpooledFile | null; bytes: number } | BodyRefusal;

export interface MultipartOptions extends LimitOptions {
  /** The multipart field that holds the file ("file"). */
  fileField: string;
  /** The 400 answer's text when the body is not a readable multipart form. */
  badEnvelope: string;
  /** Longest text field accepted (default 1 MB: a column mapping is a few KB). */
  maxFieldBytes?: number;
  /** Most text fields accepted (default 64). */
  maxFields?: number;
}

const DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;
const DEFAULT_MAX_FIELDS = 64;

function refusal(status: 400 | 413, response: Response): BodyRefusal {
  return { ok: false, status, response };
}

function tooLarge(maxBytes: number, options: LimitOptions): BodyRefusal {
  const label = options.limitLabel ?? formatLimit(maxBytes);
  return refusal(413, apiError(413, "too-large", `The request is larger than the ${label} limit${options.what ? ` for ${options.what}` : ""}.`, [], { limitBytes: maxBytes }));
}

function badRequest(message: string): BodyRefusal {
  return refusal(400, apiError(400, "bad-request", message));
}

class Refused extends Error {
  constructor(readonly refusal: BodyRefusal) {
    super("refused");
  }
}

export async function readMultipartUpload(request: Request, maxBytes: number, options: MultipartOptions): Promise<MultipartUpload> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > maxBytes) {
    discardBody(request); // the client sends it anyway: read and drop it (bounded) so that it reads the 413
    return tooLarge(maxBytes, options);
  }
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || request.body === null) return badRequest(options.badEnvelope);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: { fields: options.maxFields ?? DEFAULT_MAX_FIELDS, fieldSize: options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES, files: options.maxFields ?? DEFAULT_MAX_FIELDS, parts: (options.maxFields ?? DEFAULT_MAX_FIELDS) + 1 },
    });
  } catch {
    return badRequest(options.badEnvelope); // no boundary, or a content type busboy cannot read
  }

  const fields: Record<string, string> = {};
  let file: SpooledFile | null = null;
  let out: WriteStream | undefined;
  let written: Promise<void> = Promise.resolve();
  let failure: BodyRefusal | undefined;
  const fail = (why: BodyRefusal) => {
    failure ??= why;
  };

  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) fail(badRequest(`The field \`${name.slice(0, 64)}\` is longer than ${formatLimit(options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES)}.`));
    else if (name !== options.fileField) fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    if (name !== options.fileField || file !== null || failure) {
      stream.resume(); // another file part, or a second file: not read
      return;
    }
    const spooled: SpooledFile = { name: info.filename ?? "", size: 0, path: newSpoolPath() };
    file = spooled;
    const target = createWriteStream(spooled.path, { flags: "wx", mode: 0o600 });
    out = target;
    stream.on("data", (chunk: Buffer) => (spooled.size += chunk.byteLength));
    written = new Promise<void>((resolve, reject) => {
      target.on("finish", resolve);
      target.on("error", reject);
      stream.on("error", reject);
    });
    written.catch(() => undefined); // awaited below; a refusal may leave it behind
    stream.pipe(target);
  });
  parser.on("partsLimit", () => fail(badRequest(`The form has more than ${options.maxFields ?? DEFAULT_MAX_FIELDS} fields.`)));
  parser.on("fieldsLimit", () => fail(badRequest(`The form has more than ${options.maxFields ?? DEFAULT_MAX_FIELDS} fields.`)));
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on("close", resolve);
    parser.on("error", reject);
  });
  parsed.catch(() => undefined); // awaited below; an early refusal must not leave it unhandled

  const reader = request.body.getReader();
  let total = 0;
  let handedOff = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw new Refused(badRequest("The request body could not be read completely (the connection was interrupted)."));
      }
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > maxBytes) throw new Refused(tooLarge(maxBytes, options));
      if (failure) throw new Refused(failure);
      if (!parser.write(chunk.value)) {
        try {
          await Promise.race([once(parser, "drain"), parsed]);
        } catch {
          throw new Refused(badRequest(options.badEnvelope));
        }
      }
    }
    parser.end();
    try {
      await parsed;
    } catch {
      throw new Refused(badRequest(options.badEnvelope));
    }
    try {
      await written;
    } catch (error) {
      throw new Error(`the upload could not be written to its temporary file: ${(error as Error).message}`);
    }
    if (failure) throw new Refused(failure);
    return { ok: true, fields, file, bytes: total };
  } catch (error) {
    // Stop parsing and delete what was written. After a refusal the rest of the body is read and dropped (bounded,
    // discard-rest.ts) so that a client still sending reads the answer; after a failure of ours it is cancelled.
    if (error instanceof Refused) {
      handedOff = true;
      void discardRest(reader);
    } else {
      await reader.cancel().catch(() => undefined);
    }
    parser.destroy();
    const target = out as WriteStream | undefined;
    if (target !== undefined) {
      // Closed before the file is deleted: a stream still opening it would otherwise create it after the delete.
      const closed = target.closed ? Promise.resolve() : once(target, "close").catch(() => undefined);
      target.destroy();
      await closed;
    }
    const spooled = file as SpooledFile | null;
    if (spooled) discardSpooledUpload(spooled.path);
    if (error instanceof Refused) return error.refusal;
    throw error;
  } finally {
    if (!handedOff) reader.releaseLock();
  }
}

/** The first bytes of a spooled file (enough to tell an archive from a plain file). */
export async function spooledHead(file: SpooledFile, length = 512): Promise<Uint8Array> {
  const { open } = await import("node:fs/promises");
  const handle = await open(file.path, "r");
  try {
    const buffer = new Uint8Array(Math.min(length, file.size));
    await handle.read(buffer, 0, buffer.byteLength, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}
