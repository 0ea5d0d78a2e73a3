/**
 * Meta-tests that keep the rule catalogue honest (ESLint/typescript-eslint style): the registry matches
 * the files, metadata is complete, every example yields its declared status, empty facts never pass,
 * fail or throw, unknowns say what to collect, and the generated docs/rules.md and ruleset version are current.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateRule } from "@/lib/readiness";
import { renderGeneratedFiles, ROOT } from "@/scripts/generate-rules-doc";
import { getRule, RULES } from "./index";
import { RULESET_VERSION } from "./ruleset-version";
import { ruleMetaSchema, type Rule, type RuleContext, type RuleResult } from "./types";

const RULES_DIR = path.join(ROOT, "lib/rules");
const AS_OF = "2026-08-01T00:00:00Z";

/** Top-level modules that are part of the rule machinery, not rules. */
const NOT_RULES = new Set(["index.ts", "types.ts", "outcome.ts", "ruleset-version.ts"]);

function isRuleLike(value: unknown): value is Rule {
  return (
    typeof value === "object" &&
    value !== null &&
    "meta" in value &&
    "evaluate" in value &&
    typeof value.evaluate === "function" &&
    typeof value.meta === "object" &&
    value.meta !== null
  );
}

async function defaultExportOf(file: string): Promise<unknown> {
  const mod: unknown = await import(pathToFileURL(file).href);
  return typeof mod === "object" && mod !== null && "default" in mod ? mod.default : undefined;
}

function listTs(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && recursive) out.push(...listTs(full, true));
    else if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) out.push(full);
  }
  return out.sort();
}

const EMPTY_CONTEXTS: readonly (readonly [string, RuleContext])[] = [
  ["{ asOf } only", { asOf: AS_OF }],
  ["empty objects everywhere", { asOf: AS_OF, host: {}, domain: {}, acl: {}, tenant: {}, scope: {}, fleet: {} }],
];

function expectUnknownExplained(rule: Rule, result: RuleResult, where: string): void {
  if (result.status !== "unknown") return;
  expect(result.reason, `${rule.meta.id} (${where}): an unknown result needs a reason`).toBeDefined();
  expect(result.reason?.missingFact.trim(), `${rule.meta.id} (${where}): reason.missingFact`).toBeTruthy();
  expect(`${result.reason?.collect ?? ""}${result.reason?.collectNote ?? ""}`.trim(), `${rule.meta.id} (${where}): reason.collect or collectNote`).toBeTruthy();
}

function expectExplained(rule: Rule, result: RuleResult, where: string): void {
  expectUnknownExplained(rule, result, where);
  if (result.status === "fail") {
    expect(result.evidence.length, `${rule.meta.id} (${where}): a fail needs at least one evidence item`).toBeGreaterThan(0);
  }
  expect(result.message.trim(), `${rule.meta.id} (${where}): message`).toBeTruthy();
  expect(() => JSON.stringify(result.evidence), `${rule.meta.id} (${where}): evidence is JSON-serialisable`).not.toThrow();
}

describe("rule registry", () => {
  it("has unique ids", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("is sorted by id", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
  });

  it("finds every rule by id", () => {
    for (const rule of RULES) expect(getRule(rule.meta.id)).toBe(rule);
    expect(getRule("no-such-rule")).toBeUndefined();
  });

  it("matches the files: every lib/rules/<id>.ts exporting a default rule is registered, and vice versa", async () => {
    const registered = new Map(RULES.map((r) => [r.meta.id, r]));
    const found = new Map<string, unknown>();
    for (const file of listTs(RULES_DIR, false)) {
      const name = path.basename(file);
      if (NOT_RULES.has(name)) continue;
      const exported = await defaultExportOf(file);
      if (isRuleLike(exported)) found.set(name.slice(0, -".ts".length), exported);
    }
    for (const [fileId, rule] of found) {
      expect(isRuleLike(rule) && rule.meta.id, `lib/rules/${fileId}.ts: meta.id must equal the file name`).toBe(fileId);
      expect(registered.get(fileId), `lib/rules/${fileId}.ts is not in RULES (lib/rules/index.ts)`).toBe(rule);
    }
    for (const id of registered.keys()) {
      expect(found.has(id), `RULES has ${id} but lib/rules/${id}.ts does not default-export it`).toBe(true);
    }
  });

  it("keeps rules out of helper folders (a default-exported rule in lib/rules/<dir>/ would escape the id = file name check)", async () => {
    const nested = listTs(RULES_DIR, true).filter((file) => path.dirname(file) !== RULES_DIR);
    for (const file of nested) {
      expect(isRuleLike(await defaultExportOf(file)), `${path.relative(ROOT, file)} default-exports a rule`).toBe(false);
    }
  });

  it("stamps a ruleset version", () => {
    expect(RULESET_VERSION).toMatch(/^rs-[0-9a-f]{12}$/);
  });

  it("keeps docs/rules.md and lib/rules/ruleset-version.ts up to date", async () => {
    const files = await renderGeneratedFiles();
    for (const [relative, expected] of Object.entries(files)) {
      let current = "";
      try {
        current = readFileSync(path.join(ROOT, relative), "utf8");
      } catch {
        // missing: compared as empty below
      }
      expect(current === expected, `${relative} is out of date: run npm run docs:rules`).toBe(true);
    }
  });
});

describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))("rule %s", (id, rule) => {
  it("has metadata that validates against ruleMetaSchema", () => {
    const parsed = ruleMetaSchema.safeParse(rule.meta);
    expect(parsed.error?.issues ?? [], `${id}: metadata`).toEqual([]);
  });

  it("has at least one pass, one fail and one unknown example, with unique names", () => {
    const kinds = new Set(rule.examples.map((e) => e.expect));
    expect([...kinds].sort(), `${id}: example kinds`).toEqual(expect.arrayContaining(["fail", "pass", "unknown"]));
    const names = rule.examples.map((e) => e.name);
    expect(new Set(names).size, `${id}: example names must be unique`).toBe(names.length);
  });

  it.each(rule.examples.map((example) => [example.name, example] as const))("example %s yields its declared status", (name, example) => {
    const result = evaluateRule(rule, example.context);
    expect(result, `${id} / ${name}: the rule does not apply to its own example`).not.toBeNull();
    if (result === null) return;
    expect(result.reason?.code, `${id} / ${name}: ${result.message}`).not.toBe("rule-error");
    expect(result.status, `${id} / ${name}: ${result.message}`).toBe(example.expect);
    expectExplained(rule, result, name);
  });

  it("never throws from remediationScript on its examples, and returns a string or null", () => {
    if (rule.remediationScript === undefined) return;
    for (const example of rule.examples) {
      let script: string | null = null;
      expect(() => {
        script = rule.remediationScript?.(example.context) ?? null;
      }, `${id} / ${example.name}: remediationScript threw`).not.toThrow();
      expect(script === null || typeof script === "string", `${id} / ${example.name}: remediationScript result`).toBe(true);
    }
  });

  it.each(EMPTY_CONTEXTS)("gives unknown or not-applicable on empty facts (%s), never pass/fail, never a throw", (where, ctx) => {
    // Call the rule directly first: the engine would turn a throw into "rule-error" and hide it.
    expect(() => rule.appliesTo?.(ctx), `${id}: appliesTo threw on ${where}`).not.toThrow();
    if (rule.appliesTo?.(ctx) !== false) expect(() => rule.evaluate(ctx), `${id}: evaluate threw on ${where}`).not.toThrow();
    expect(() => rule.remediationScript?.(ctx), `${id}: remediationScript threw on ${where}`).not.toThrow();
    const result = evaluateRule(rule, ctx);
    if (result === null) return;
    expect(result.status, `${id} on ${where}: ${result.message}`).toBe("unknown");
    expect(result.reason?.code, `${id} on ${where}: ${result.message}`).toBe("missing-fact");
    expectExplained(rule, result, where);
  });
});
