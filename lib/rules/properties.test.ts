/**
 * Property tests: random and malformed facts (wrong types, nulls, huge numbers, NaN, script tags, RTL
 * overrides, prototype-ish keys) fed to every rule's appliesTo / evaluate / remediationScript. The rules
 * are called directly, not through the engine's rule-error catch, to prove they never throw themselves,
 * and every outcome must be well formed.
 *
 * Two generators per rule: one shaped by the zod facts schemas (every field either plausible or garbage),
 * one that takes the rule's own examples and replaces a few values anywhere in them with garbage.
 * Runs are bounded (RUNS_PER_RULE per generator). Deterministic seed by default; FC_SEED=<n> or
 * FC_SEED=random explores elsewhere (a failure prints the seed and path to replay it).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { $ZodType } from "zod/v4/core";
import { aclFactsSchema, domainFactsSchema, fleetFactsSchema, hostFactsSchema, scopeFactsSchema, tenantFactsSchema } from "@/lib/facts";
import { RULES } from "./index";
import type { Rule, RuleContext } from "./types";

const RUNS_PER_RULE = 200;
const MUTATION_RUNS_PER_RULE = 100;
const SEED = process.env.FC_SEED === "random" ? undefined : Number(process.env.FC_SEED ?? 20260801);
const AS_OF = "2026-08-01T00:00:00Z";

const NASTY_STRINGS = [
  "",
  " ",
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "\u202Eexe.txt\u202C",
  "\u200F\u05E9\u05DC\u05D5\u05DD\u200E",
  "\u0000",
  "😀\uD800",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "null",
  "undefined",
  "NaN",
  "1e309",
  "-1",
  "0x10",
  "x".repeat(5000),
  "'; Remove-Item C:\\ -Recurse; '",
  "$(Get-Process)",
  "`whoami`",
  "\r\n",
];
/** Plausible values, so the generators also reach the rules' deeper branches. */
const PLAUSIBLE_STRINGS = [
  AS_OF,
  "2020-01-01T00:00:00Z",
  "2026-07-31T22:00:00+02:00",
  "2026-13-45T99:99:99Z",
  "corp.contoso.com",
  "CORP",
  "CORP\\provAgentgMSA$",
  "CORP\\SRV01$",
  "provAgentgMSA$",
  "srv01.corp.contoso.com",
  "SRV01",
  "S-1-5-10",
  "S-1-5-21-1-2-3-1105",
  "NT AUTHORITY\\SELF",
  "DC=corp,DC=contoso,DC=com",
  "00000000-0000-0000-0000-000000000000",
  "bf967aba-0de6-11d0-a285-00aa003049e2",
  "bf967a9c-0de6-11d0-a285-00aa003049e2",
  "1131f6aa-9c07-11d1-f79f-00c04fc2dcd2",
  "10.0.20348",
  "10.0.26100.6905",
  "Microsoft Windows Server 2022 Datacenter",
  "Microsoft Windows Server 2025 Standard",
  "Windows Server 2012 R2 Standard",
  "1.1.2505.0",
  "1.1.1370.0",
  "KB5070773",
  "login.microsoftonline.com",
  "download.msappproxy.net",
  "crl.microsoft.com",
  "contoso.com",
  "contoso.onmicrosoft.com",
  "Member",
  "Guest",
  "idfix-run",
  "Running",
];
const PLAUSIBLE_NUMBERS = [
  0, 1, 2, 3, 4, 7, 10, 56, 69, 87, 88, 89, 91, 80, 443, 8080, 9200, 9600, 14393, 17763, 20348, 26100, 6905,
  394802, 461308, 461310, 528040, 533320, 4 * 2 ** 30, 4 * 2 ** 30 - 1, 3.9 * 2 ** 30, 16, 32, 256, 3, 983551, 131220,
  49, 50, 51, 59, 60, 50_000, 50_001, 150_000, 150_001,
];
const EXTREME_NUMBERS = [-1, -0, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e308];

const anyString = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(...PLAUSIBLE_STRINGS));
const anyNumber = fc.oneof(fc.integer({ min: -5, max: 1_000_000 }), fc.constantFrom(...PLAUSIBLE_NUMBERS), fc.constantFrom(...EXTREME_NUMBERS), fc.double());

/** Any JSON-ish value of the wrong (or right) type. */
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  anyNumber,
  anyString,
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(fc.oneof(anyString, anyNumber, fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(anyString, fc.oneof(anyString, anyNumber, fc.constant(null)), { maxKeys: 3 }),
);

/** A value shaped by a zod schema, where any field may instead be garbage. */
function shaped(schema: $ZodType): fc.Arbitrary<unknown> {
  if (schema instanceof z.ZodOptional) return fc.oneof(fc.constant(undefined), shaped(schema.unwrap()));
  if (schema instanceof z.ZodNullable) return fc.oneof(fc.constant(null), shaped(schema.unwrap()));
  if (schema instanceof z.ZodNonOptional || schema instanceof z.ZodDefault) return shaped(schema.unwrap());
  if (schema instanceof z.ZodObject) {
    const fields: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, field] of Object.entries(schema.shape)) fields[key] = maybeGarbage(field);
    return fc.record(fields, { requiredKeys: [] });
  }
  if (schema instanceof z.ZodArray) return fc.array(maybeGarbage(schema.element), { maxLength: 6 });
  if (schema instanceof z.ZodRecord) return fc.dictionary(anyString, maybeGarbage(schema.valueType), { maxKeys: 4 });
  if (schema instanceof z.ZodEnum) return fc.constantFrom(...schema.options);
  if (schema instanceof z.ZodUnion) return fc.oneof(...schema.options.map((option) => shaped(option)));
  if (schema instanceof z.ZodString) return anyString;
  if (schema instanceof z.ZodNumber) return anyNumber;
  if (schema instanceof z.ZodBoolean) return fc.boolean();
  return garbage;
}

function maybeGarbage(schema: $ZodType): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: shaped(schema) }, { weight: 1, arbitrary: garbage });
}

/** Whole fact groups: usually shaped, sometimes missing or garbage (a string where an object belongs). */
function group(schema: $ZodType): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: shaped(schema) }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: garbage });
}

/**
 * Test data is deliberately malformed: this is the one place it is handed to the typed contract
 * unchecked, to prove the rules cope with values that zod would have refused.
 */
function malformed(value: unknown): RuleContext {
  return value as RuleContext;
}

const asOfArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.constant(AS_OF) },
  { weight: 2, arbitrary: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(Date.UTC(2100, 0, 1)) }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: anyString },
);

const shapedContext = fc
  .record({
    asOf: asOfArbitrary,
    host: group(hostFactsSchema),
    domain: group(domainFactsSchema),
    acl: group(aclFactsSchema),
    tenant: group(tenantFactsSchema),
    scope: group(scopeFactsSchema),
    fleet: group(fleetFactsSchema),
  })
  .map(malformed);

/** Paths to every value inside an example's context (objects and arrays, depth-first). */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push([...prefix, index]);
      pathsOf(item, [...prefix, index], out);
    });
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push([...prefix, key]);
      pathsOf(item, [...prefix, key], out);
    }
  }
  return out;
}

function setAt(root: unknown, at: readonly (string | number)[], value: unknown): void {
  let node: unknown = root;
  for (let i = 0; i < at.length - 1; i++) {
    if (typeof node !== "object" || node === null) return;
    node = Reflect.get(node, at[i]);
  }
  if (typeof node === "object" && node !== null) Reflect.set(node, at[at.length - 1], value);
}

function mutatedExamples(rule: Rule): fc.Arbitrary<RuleContext> {
  const contexts = rule.examples.map((example) => example.context);
  if (contexts.length === 0) return shapedContext;
  // Paths are listed once per example; a path under a value an earlier mutation replaced is skipped by setAt.
  const paths = contexts.map((context) => pathsOf(context));
  return fc
    .record({
      index: fc.nat({ max: contexts.length - 1 }),
      mutations: fc.array(fc.tuple(fc.nat(), garbage), { minLength: 1, maxLength: 4 }),
    })
    .map(({ index, mutations }) => {
      const copy: unknown = structuredClone(contexts[index]);
      const candidates = paths[index];
      for (const [pick, value] of mutations) {
        if (candidates.length > 0) setAt(copy, candidates[pick % candidates.length], value);
      }
      return malformed(copy);
    });
}

const STATUSES = new Set(["pass", "fail", "unknown"]);
const SEVERITIES = new Set(["blocker", "warning", "info"]);

/** Calls the rule directly (no engine catch) and checks the outcome is well formed. */
function checkRule(rule: Rule, ctx: RuleContext): void {
  const id = rule.meta.id;
  const applies = rule.appliesTo === undefined ? true : rule.appliesTo(ctx);
  if (typeof applies !== "boolean") throw new Error(`${id}: appliesTo returned ${typeof applies}`);
  const script = rule.remediationScript?.(ctx);
  if (script !== undefined && script !== null && typeof script !== "string") throw new Error(`${id}: remediationScript returned ${typeof script}`);
  if (!applies) return;
  const outcome = rule.evaluate(ctx);
  if (!STATUSES.has(outcome.status)) throw new Error(`${id}: invalid status ${String(outcome.status)}`);
  if (typeof outcome.message !== "string" || outcome.message.trim() === "") throw new Error(`${id}: empty message`);
  if (!Array.isArray(outcome.evidence)) throw new Error(`${id}: evidence is not an array`);
  for (const item of outcome.evidence) {
    if (typeof item.fact !== "string" || typeof item.expected !== "string") throw new Error(`${id}: malformed evidence ${JSON.stringify(item)}`);
  }
  JSON.stringify(outcome.evidence);
  if (outcome.status === "unknown") {
    const reason = outcome.reason;
    if (reason === undefined || !reason.missingFact?.trim() || !`${reason.collect ?? ""}${reason.collectNote ?? ""}`.trim()) throw new Error(`${id}: unknown without missingFact/collect`);
    if (reason.code !== "missing-fact") throw new Error(`${id}: a rule may only report missing-fact, got ${reason.code}`);
  }
  if (outcome.status === "fail") {
    if (outcome.severity !== undefined && !SEVERITIES.has(outcome.severity)) throw new Error(`${id}: invalid severity ${outcome.severity}`);
    if (outcome.evidence.length === 0) throw new Error(`${id}: fail without evidence`);
  }
}

describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))("rule %s on malformed facts", (_id, rule) => {
  it("never throws and always returns a well-formed outcome (schema-shaped facts)", () => {
    fc.assert(fc.property(shapedContext, (ctx) => checkRule(rule, ctx)), { numRuns: RUNS_PER_RULE, seed: SEED });
  });

  it("never throws and always returns a well-formed outcome (its own examples, mutated)", () => {
    fc.assert(fc.property(mutatedExamples(rule), (ctx) => checkRule(rule, ctx)), { numRuns: MUTATION_RUNS_PER_RULE, seed: SEED });
  });
});

describe("the generators", () => {
  it("produce both plausible and malformed host facts", () => {
    const samples = fc.sample(shapedContext, { numRuns: 300, seed: 1 });
    const parsed = samples.map((ctx) => hostFactsSchema.safeParse(ctx.host).success);
    expect(parsed.some(Boolean)).toBe(true);
    expect(parsed.some((ok) => !ok)).toBe(true);
  });
});
