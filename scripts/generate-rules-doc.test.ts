import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pass, type Rule, RULESET_VERSION } from "@/lib/rules";
import { computeRulesetVersion, readRulesetSources, renderRulesDoc, renderRulesetVersionFile, ROOT } from "./generate-rules-doc";

function fakeRule(id: string, extra: Partial<Rule["meta"]> = {}): Rule {
  return {
    meta: {
      id,
      title: `Requirement | with a pipe for ${id}`,
      severity: "warning",
      scope: "host",
      rationale: "Because the agent needs it.",
      source: { document: "Prerequisites [cloud sync]", section: "On-premises", url: "https://learn.microsoft.com/x_(y)", revised: "2026-07-27" },
      remediation: { summary: "Fix it.", steps: ["Set-ItemProperty -Path HKLM:\\X -Name Y -Value 1"] },
      ...extra,
    },
    evaluate: () => pass("ok"),
    examples: [
      { name: "good", expect: "pass", context: { asOf: "2026-08-01T00:00:00Z", host: { tier0: true } } },
      { name: "bad `tick`", expect: "fail", context: { asOf: "2026-08-01T00:00:00Z", host: { site: "a|b" } } },
      { name: "missing", expect: "unknown", context: { asOf: "2026-08-01T00:00:00Z" } },
    ],
  };
}

describe("computeRulesetVersion", () => {
  const files = [
    { path: "lib/rules/a.ts", content: "export const a = 1;\n" },
    { path: "lib/rules/b.ts", content: "export const b = 2;\n" },
  ];

  it("is rs- plus 12 hex digits and deterministic", () => {
    expect(computeRulesetVersion(files)).toMatch(/^rs-[0-9a-f]{12}$/);
    expect(computeRulesetVersion(files)).toBe(computeRulesetVersion(files.map((f) => ({ ...f }))));
  });

  it("changes with any content or path change", () => {
    const base = computeRulesetVersion(files);
    expect(computeRulesetVersion([files[0], { ...files[1], content: "export const b = 3;\n" }])).not.toBe(base);
    expect(computeRulesetVersion([files[0], { ...files[1], path: "lib/rules/c.ts" }])).not.toBe(base);
    // Moving text between files changes it too (paths and contents are delimited).
    expect(computeRulesetVersion([{ path: "lib/rules/a.ts", content: "" }, { path: "lib/rules/b.ts", content: "export const a = 1;\nexport const b = 2;\n" }])).not.toBe(base);
  });
});

describe("what the ruleset version hashes", () => {
  // A copy of the real lib/rules and lib/readiness, edited the way a maintainer would.
  function copyOfRuleset(): { root: string; version: () => string; edit: (file: string, change: (text: string) => string) => void } {
    const root = mkdtempSync(path.join(tmpdir(), "ruleset-edit-"));
    for (const dir of ["lib/rules", "lib/readiness"]) cpSync(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
    return {
      root,
      version: () => computeRulesetVersion(readRulesetSources(root)),
      edit: (file, change) => writeFileSync(path.join(root, file), change(readFileSync(path.join(root, file), "utf8"))),
    };
  }

  it("is the committed version for the code as it is", () => {
    expect(copyOfRuleset().version()).toBe(RULESET_VERSION);
  });

  it("stays the same when a test kit, a test or a comment is edited", () => {
    const ruleset = copyOfRuleset();
    ruleset.edit("lib/rules/testing/host-kit.ts", (text) => `${text}\nexport const ADDED_HELPER = 1;\n`);
    ruleset.edit("lib/rules/testing/acl-kit.ts", (text) => text.replace("import", "// a note\nimport"));
    ruleset.edit("lib/rules/host-memory.test.ts", (text) => `${text}\n// another case later\n`);
    ruleset.edit("lib/rules/host-memory.ts", (text) => `/** Reworded comment. */\n${text.replaceAll("\n", "\r\n")}`);
    expect(ruleset.version()).toBe(RULESET_VERSION);
  });

  it("changes when a threshold, a table or a message changes", () => {
    const threshold = copyOfRuleset();
    threshold.edit("lib/rules/host-memory.ts", (text) => text.replace("MIN_INSTALLED_BYTES = 4 * GIB", "MIN_INSTALLED_BYTES = 8 * GIB"));
    expect(threshold.version()).not.toBe(RULESET_VERSION);
    const message = copyOfRuleset();
    message.edit("lib/rules/host-memory.ts", (text) => text.replace("(minimum 4 GiB)", "(minimum 4 GB)"));
    expect(message.version()).not.toBe(RULESET_VERSION);
  });
});

describe("readRulesetSources", () => {
  it("reads lib/rules and lib/readiness recursively, sorted, without tests or the version file, CRLF normalised", () => {
    const root = mkdtempSync(path.join(tmpdir(), "ruleset-"));
    mkdirSync(path.join(root, "lib/rules/host"), { recursive: true });
    mkdirSync(path.join(root, "lib/readiness"), { recursive: true });
    writeFileSync(path.join(root, "lib/rules/z-rule.ts"), "a\r\nb\r\n");
    writeFileSync(path.join(root, "lib/rules/host/read.ts"), "helper\n");
    writeFileSync(path.join(root, "lib/rules/z-rule.test.ts"), "test\n");
    writeFileSync(path.join(root, "lib/rules/ruleset-version.ts"), "generated\n");
    writeFileSync(path.join(root, "lib/rules/notes.md"), "not ts\n");
    writeFileSync(path.join(root, "lib/readiness/rollup.ts"), "rollup\n");
    writeFileSync(path.join(root, "lib/readiness/rollup.test.ts"), "test\n");
    mkdirSync(path.join(root, "lib/rules/testing"), { recursive: true });
    writeFileSync(path.join(root, "lib/rules/testing/kit.ts"), "kit\n");
    writeFileSync(path.join(root, "lib/rules/host/port.test-kit.ts"), "kit\n");
    const sources = readRulesetSources(root);
    expect(sources).toEqual([
      { path: "lib/readiness/rollup.ts", content: "rollup\n" },
      { path: "lib/rules/host/read.ts", content: "helper\n" },
      { path: "lib/rules/z-rule.ts", content: "a\nb\n" },
    ]);
    writeFileSync(path.join(root, "lib/rules/z-rule.ts"), "a\nb\n");
    expect(computeRulesetVersion(readRulesetSources(root))).toBe(computeRulesetVersion(sources));
  });
});

describe("renderRulesetVersionFile", () => {
  it("exports the version as a constant", () => {
    const text = renderRulesetVersionFile("rs-0123456789ab");
    expect(text).toContain('export const RULESET_VERSION = "rs-0123456789ab";');
    expect(text).toMatch(/Do not edit by hand/);
    expect(text.endsWith("\n")).toBe(true);
  });
});

describe("renderRulesDoc", () => {
  const rules = [
    fakeRule("host-a", { severity: "blocker", notes: ["Docs disagree: 2023 says X, 2026 says Y."], otherSources: [{ document: "Older page", section: "Prereqs", url: "https://example.com/old", revised: "2023-11-06" }] }),
    fakeRule("host-b"),
  ];

  it("starts with a summary table linking to each rule's section", () => {
    const doc = renderRulesDoc(rules, "rs-0123456789ab");
    expect(doc).toContain("Ruleset version `rs-0123456789ab`: 2 rules (1 blocker, 1 warning, 0 info).");
    expect(doc).toContain("| [`host-a`](#host-a) | Requirement \\| with a pipe for host-a | blocker | host |");
    expect(doc.indexOf("| [`host-b`](#host-b)")).toBeLessThan(doc.indexOf("## host-a"));
  });

  it("has a section per rule with metadata, sources, notes, remediation and examples", () => {
    const doc = renderRulesDoc(rules, "rs-0123456789ab");
    const section = doc.slice(doc.indexOf("## host-a"), doc.indexOf("## host-b"));
    expect(section).toContain("**Requirement | with a pipe for host-a**");
    expect(section).toContain("| `host-a` | blocker | host |");
    expect(section).toContain("**Rationale.** Because the agent needs it.");
    expect(section).toContain("**Source.** [Prerequisites \\[cloud sync\\] — On-premises](https://learn.microsoft.com/x_(y%29) (revised 2026-07-27)");
    expect(section).toContain("- [Older page — Prereqs](https://example.com/old) (revised 2023-11-06)");
    expect(section).toContain("- Docs disagree: 2023 says X, 2026 says Y.");
    expect(section).toContain("**Remediation.** Fix it.");
    expect(section).toContain("1. Set-ItemProperty -Path HKLM:\\X -Name Y -Value 1");
    expect(section).toContain("- **bad `tick`** — expected `fail`");
    expect(section).toContain('  {"asOf":"2026-08-01T00:00:00Z","host":{"site":"a|b"}}');
    expect(section).toContain("- **missing** — expected `unknown`");
    const other = doc.slice(doc.indexOf("## host-b"));
    expect(other).not.toContain("**Notes");
    expect(other).not.toContain("**Other sources");
  });

  it("is deterministic and has no timestamps beyond the examples' own", () => {
    const a = renderRulesDoc(rules, "rs-0123456789ab");
    expect(renderRulesDoc(rules, "rs-0123456789ab")).toBe(a);
    expect(a).not.toMatch(/\n\n\n/);
    expect(a.endsWith("\n")).toBe(true);
    expect(a.replaceAll("2026-08-01T00:00:00Z", "")).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
