import { describe, expect, it } from "vitest";
import { splitDnAndSddl, bareSddlLine } from "../acl/sddl-lines";
import { columnsFromDashes, isDashesLine } from "../text/fixed-width";
import { FORMAT_PARSERS, formatById } from "../formats";
import { parseFile } from "../parse-file";

/**
 * The minimal counterexamples the parser fuzzing (lib/ingest/fuzz/*.fuzz.test.ts) found, as plain cases: each failed
 * before its fix. Time bounds are generous guards against a return of the quadratic behaviour, not benchmarks.
 */

function parser(id: string) {
  const found = formatById(id);
  if (found === undefined) throw new Error(id);
  return found;
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe("quadratic regular expressions on a long run of blanks or dashes (a 200 KB line took 17-33 s)", () => {
  const blanks = "a" + " ".repeat(200_000) + "b\n";

  it.each(["getacl-table", "dsacls-text", "sddl-text"])("%s reads a line of 200,000 blanks between two letters in linear time", (id) => {
    const { value, ms } = timed(() => parser(id).parse({ fileName: "blanks.txt", text: blanks, options: {} }));
    expect(value.issues.some((i) => i.severity === "error")).toBe(true);
    expect(ms).toBeLessThan(1000);
  });

  it("getacl-table reads a header followed by 200,000 dashes and a letter in linear time", () => {
    const text = "ActiveDirectoryRights IdentityReference\n" + "-".repeat(200_000) + "x\n";
    const { ms } = timed(() => parser("getacl-table").parse({ fileName: "dashes.txt", text, options: {} }));
    expect(ms).toBeLessThan(1000);
  });

  it("isDashesLine is what /^[\\s-]*-{n,}[\\s-]*$/ was", () => {
    expect(isDashesLine("----- ---", 3)).toBe(true);
    expect(isDashesLine("  -- --", 3)).toBe(false);
    expect(isDashesLine("--- x", 3)).toBe(false);
    expect(isDashesLine("", 1)).toBe(false);
    expect(isDashesLine("-".repeat(200_000) + "x", 1)).toBe(false);
    expect(columnsFromDashes("Ab  Cd", "--  --")?.map((c) => c.label)).toEqual(["Ab", "Cd"]);
  });

  it("splitDnAndSddl is what /^(.+?)(?:\\t+|\\s*;\\s*)((?:O|G|D|S):.*)$/ was", () => {
    expect(splitDnAndSddl("DC=corp,DC=com\tO:DAG:DA")).toEqual({ dn: "DC=corp,DC=com", sddl: "O:DAG:DA" });
    expect(splitDnAndSddl("DC=corp,DC=com ; D:(A;;RP;;;AU)")).toEqual({ dn: "DC=corp,DC=com", sddl: "D:(A;;RP;;;AU)" });
    expect(splitDnAndSddl("DC=a;b;G:DA")).toEqual({ dn: "DC=a;b", sddl: "G:DA" });
    expect(splitDnAndSddl("\tO:DA")).toBeUndefined();
    expect(splitDnAndSddl("DC=corp O:DA")).toBeUndefined();
    expect(bareSddlLine("OU=Servers,DC=corp,DC=com\tO:DAG:DAD:(A;;RP;;;AU)")).toEqual({ dn: "OU=Servers,DC=corp,DC=com", sddl: "O:DAG:DAD:(A;;RP;;;AU)" });
    const { ms } = timed(() => splitDnAndSddl("a" + " ".repeat(200_000) + "b"));
    expect(ms).toBeLessThan(500);
  });

  it("parseFile refuses the same lines in linear time whatever the format", () => {
    const { value, ms } = timed(() => parseFile(new TextEncoder().encode(blanks), "blanks.txt"));
    expect(value.ok).toBe(false);
    expect(ms).toBeLessThan(1000);
    expect(FORMAT_PARSERS.length).toBeGreaterThan(10);
  });
});
