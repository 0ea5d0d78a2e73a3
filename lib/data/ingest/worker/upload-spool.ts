import "server-only";
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";

// The upload's bytes travel from the server to the ingest worker through a private temporary file (the upload route
// streams the multipart file part straight into it: lib/http/multipart-upload.ts), not through the
// IPC channel: the channel's serialisation held three more copies of the file (≈ 300 MB of array buffers in the worker
// for a 97 MB archive, and one more in the server while it sent them), on top of the bytes each process holds anyway
// (docs/performance.md, "2026-12-06: re-measured on another machine"). The server writes the file (asynchronously,
// off its request thread) and sends its path; the worker reads it once and deletes it; the server deletes it too when
// the job ends, whatever happened (a worker that died before reading it).
//
// The files live in one directory per server process, created 0700 by mkdtemp (files 0600), named after the process
// (`csr-uploads-<pid>-…`), removed when the process exits; directories left by a process that no longer runs (a
// SIGKILL, a crash) are removed when the next one creates its own.

const PREFIX = "csr-uploads-";

let directory: string | undefined;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // it runs, as another user
  }
}

/** Removes the spool directories of server processes that no longer run (best effort). */
function removeOrphans(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split("-")[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(path.join(root, name), { recursive: true, force: true });
    } catch {
      // another user's, or gone already
    }
  }
}

/** This process's spool directory (created on first use, removed at exit). */
export function spoolDirectory(): string {
  if (directory !== undefined) return directory;
  const root = tmpdir();
  removeOrphans(root);
  const created = mkdtempSync(path.join(root, `${PREFIX}${process.pid}-`));
  directory = created;
  process.once("exit", () => {
    try {
      rmSync(created, { recursive: true, force: true });
    } catch {
      // best effort at exit
    }
  });
  return created;
}

/** A new file name in the spool (the caller creates it 0600, exclusively). */
export function newSpoolPath(): string {
  return path.join(spoolDirectory(), `${randomUUID()}.upload`);
}

/** Writes an upload's bytes to a new file of the spool (0600) and returns its path. */
export async function spoolUpload(bytes: Uint8Array): Promise<string> {
  const file = newSpoolPath();
  await writeFile(file, bytes, { mode: 0o600, flag: "wx" });
  return file;
}

/** The worker's side: reads a spooled upload once and deletes the file. */
export function takeSpooledUpload(file: string): Uint8Array {
  const bytes = readFileSync(file);
  discardSpooledUpload(file);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Deletes a spooled upload if it is still there. */
export function discardSpooledUpload(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") console.error("[upload-spool] could not delete", file, error);
  }
}
