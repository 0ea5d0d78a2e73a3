import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { discardSpooledUpload, spoolDirectory, spoolUpload, takeSpooledUpload } from "./upload-spool";

/** A process id that no process has now (the next ones after the highest running pid are free). */
function deadPid(): number {
  for (let pid = 4_000_000; pid > 1000; pid -= 7919) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
  throw new Error("no free pid found");
}

describe("upload spool (the file handed from the server to the ingest worker)", () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of [...made, spoolDirectory()]) rmSync(dir, { recursive: true, force: true });
  });

  it("removes the spool of a server process that no longer runs when it creates its own, and keeps a live one's", () => {
    const orphan = path.join(tmpdir(), `csr-uploads-${deadPid()}-test`);
    mkdirSync(orphan, { recursive: true });
    writeFileSync(path.join(orphan, "left.upload"), "left behind by a killed server");
    const live = path.join(tmpdir(), `csr-uploads-${process.ppid}-test`);
    mkdirSync(live, { recursive: true });
    made.push(orphan, live);

    const own = spoolDirectory();
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(path.basename(own).startsWith(`csr-uploads-${process.pid}-`)).toBe(true);
    expect(statSync(own).mode & 0o777).toBe(0o700);
    discardSpooledUpload(path.join(live, "none")); // a missing file is not an error
  });

  it("writes the bytes to a 0600 file that the worker reads once and deletes", async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 10, 13]);
    const file = await spoolUpload(bytes);
    expect(path.dirname(file)).toBe(spoolDirectory());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect([...takeSpooledUpload(file)]).toEqual([...bytes]);
    expect(existsSync(file)).toBe(false);
    expect(() => takeSpooledUpload(file)).toThrow(/ENOENT/);
  });

  it("gives every upload its own file", async () => {
    const [a, b] = await Promise.all([spoolUpload(new Uint8Array([1])), spoolUpload(new Uint8Array([2]))]);
    expect(a).not.toBe(b);
    expect([...takeSpooledUpload(b)]).toEqual([2]);
    expect([...takeSpooledUpload(a)]).toEqual([1]);
  });
});
