import { describe, expect, it } from "vitest";
import { generateFleet } from "@/lib/demo";
import { describePowerShellProblems } from "@/lib/powershell/lint";
import { evaluateFleet } from "@/lib/readiness";
import { RULES } from "./index";
import { unknownReasonSchema, type RuleContext, type RuleResult, type UnknownReason } from "./types";

// Every "How to collect it" and every generated fix goes in a code box with a copy button: it must be runnable
// PowerShell (lib/powershell/lint), with explanations in collectNote, outside the box.

const AS_OF = "2026-08-01T00:00:00Z";

/** Contexts that make many rules answer Unknown: nothing at all, empty fact groups, a host with no checks. */
const SPARSE: RuleContext[] = [
  { asOf: AS_OF },
  { asOf: AS_OF, host: {} as never, domain: {} as never, acl: {} as never, tenant: {} as never, scope: {} as never, fleet: {} as never },
  { asOf: AS_OF, host: { network: { cloud: "usgov", checks: [] } } as never },
  { asOf: AS_OF, host: { network: { cloud: "public", checks: [{ host: "login.microsoftonline.com", port: 443, reachable: true }] } } as never },
  { asOf: "not a date", domain: { kdsRootKeys: [] } as never },
];

function reasonsOf(ctx: RuleContext): { ruleId: string; reason: UnknownReason }[] {
  const found: { ruleId: string; reason: UnknownReason }[] = [];
  for (const rule of RULES) {
    if (rule.appliesTo && !rule.appliesTo(ctx)) continue;
    const outcome = rule.evaluate(ctx);
    if (outcome.status === "unknown") found.push({ ruleId: rule.meta.id, reason: outcome.reason });
  }
  return found;
}

/** What is wrong with a reason ("" when nothing). */
function problemsOf(ruleId: string, reason: UnknownReason): string {
  if (!unknownReasonSchema.safeParse(reason).success) return `${ruleId}: not a valid UnknownReason`;
  if (reason.collect === "") return /\w/.test(reason.collectNote ?? "") ? "" : `${ruleId}: nothing to run and no note saying what to do`;
  const problems = describePowerShellProblems(reason.collect);
  return problems === "" ? "" : `${ruleId} collect:\n${reason.collect}\n${problems}`;
}

function expectNoProblems(problems: string[]) {
  expect([...new Set(problems)].join("\n\n")).toBe("");
}

describe("collect hints", () => {
  it("every Unknown of every example and of sparse contexts holds only runnable PowerShell", () => {
    let checked = 0;
    const problems: string[] = [];
    for (const ctx of [...RULES.flatMap((rule) => rule.examples.map((example) => example.context)), ...SPARSE]) {
      for (const { ruleId, reason } of reasonsOf(ctx)) {
        problems.push(problemsOf(ruleId, reason));
        checked++;
      }
    }
    expectNoProblems(problems.filter(Boolean));
    expect(checked).toBeGreaterThan(60);
  });

  it("every Unknown of the 300-server demo fleet holds only runnable PowerShell", () => {
    const evaluation = evaluateFleet(generateFleet({ servers: 300, seed: 42 }));
    const seen = new Set<string>();
    const problems: string[] = [];
    const results: RuleResult[] = evaluation.hosts.flatMap((host) => [...host.hostResults, ...host.sharedResults]);
    for (const result of results) {
      if (!result.reason) continue;
      const key = `${result.ruleId}\n${result.reason.collect}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problemsOf(result.ruleId, result.reason));
    }
    expectNoProblems(problems.filter(Boolean));
    expect(seen.size).toBeGreaterThan(10);
  });

  it("host-endpoints lists one Test-NetConnection line per required endpoint of the host's cloud", () => {
    const rule = RULES.find((r) => r.meta.id === "host-endpoints")!;
    for (const [cloud, suffix] of [
      ["public", /msappproxy\.net/],
      ["usgov", /msappproxy\.us/],
    ] as const) {
      const outcome = rule.evaluate({ asOf: AS_OF, host: { network: { cloud, checks: [] } } as never });
      expect(outcome.status).toBe("unknown");
      if (outcome.status !== "unknown") continue;
      const lines = outcome.reason.collect.split("\n");
      expect(lines.length).toBeGreaterThanOrEqual(15);
      for (const line of lines) expect(line).toMatch(/^Test-NetConnection -ComputerName [a-z0-9.-]+ -Port (443|80|8080)( {2}# \*\.[a-z0-9.-]+)?$/);
      expect(outcome.reason.collect).toMatch(suffix);
      expect(outcome.reason.collectNote).toMatch(/wildcard/);
    }
  });

  it("every example's generated fix script passes the same check", () => {
    let scripts = 0;
    for (const rule of RULES) {
      for (const example of rule.examples) {
        const script = rule.remediationScript?.(example.context);
        if (!script) continue;
        scripts++;
        expect(describePowerShellProblems(script), `${rule.meta.id} / ${example.name}`).toBe("");
      }
    }
    expect(scripts).toBeGreaterThan(20);
  });
});
