import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFile } from "./parse-file";

/**
 * Every real sample in ../shared/samples (relative to the repository root) that is an ACL export or a host export
 * imports through parseFile with no error. SOURCE.txt (their provenance) is not a sample.
 */
const DIR = path.resolve(process.cwd(), "../shared/samples");
const present = existsSync(DIR);
if (!present) console.warn(`Skipping the shared-samples import test: ${DIR} does not exist.`);
const files = present ? readdirSync(DIR).filter((f) => f !== "SOURCE.txt" && !f.startsWith(".")) : [];

describe.skipIf(!present)("the shared real samples import with no error", () => {
  it("finds samples", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s", (file) => {
    const parsed = parseFile(new Uint8Array(readFileSync(path.join(DIR, file))), file, { account: "CORP\\provAgentgMSA$" });
    const issues = parsed.ok ? parsed.result.issues : parsed.issues;
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(["gmsa-acl", "host-inventory"]).toContain(parsed.result.kind);
    expect(parsed.result.rejected).toBe(0);
    expect(parsed.result.acls.length + parsed.result.hosts.length).toBeGreaterThan(0);
  });
});
