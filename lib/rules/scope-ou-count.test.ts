import { describe, expect, it } from "vitest";
import rule from "./scope-ou-count";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { RuleOutcome } from "./types";
import type { ScopeFacts } from "@/lib/facts";

const ous = (n: number, prefix = "OU") => Array.from({ length: n }, (_, i) => `OU=${prefix}${i},DC=corp,DC=contoso,DC=com`);
const groups = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `SG-Sync-${i}`, memberCount: 10 }));
const withConfigs = (configurations: unknown) => ctx({ scope: { configurations } as ScopeFacts });
const severityOf = (outcome: RuleOutcome) => (outcome.status === "fail" ? (outcome.severity ?? rule.meta.severity) : undefined);

describe("scope-ou-count", () => {
  describeRuleContract(rule, "scope-ou-count");

  it.each([
    [1, "pass", undefined],
    [50, "pass", undefined],
    [51, "fail", "warning"],
    [59, "fail", "warning"],
    [60, "fail", "blocker"],
    [130, "fail", "blocker"],
  ])("%i separate OUs -> %s (%s)", (count, status, severity) => {
    const outcome = rule.evaluate(withConfigs([{ name: "cfg", ous: ous(count), groups: [] }]));
    expect(outcome.status).toBe(status);
    expect(severityOf(outcome)).toBe(severity);
    expect(outcome.evidence[0]).toMatchObject({ fact: "scope.configurations[0]", actual: { separateEntries: count } });
  });

  it("counts OUs and groups together", () => {
    expect(severityOf(rule.evaluate(withConfigs([{ name: "cfg", ous: ous(30), groups: groups(21) }])))).toBe("warning");
    expect(severityOf(rule.evaluate(withConfigs([{ name: "cfg", ous: ous(30), groups: groups(30) }])))).toBe("blocker");
    expect(rule.evaluate(withConfigs([{ name: "cfg", ous: ous(25), groups: groups(25) }])).status).toBe("pass");
  });

  it("does not count duplicate DNs twice (case-insensitive)", () => {
    const list = [...ous(50), ...ous(10).map((dn) => dn.toUpperCase())];
    expect(rule.evaluate(withConfigs([{ name: "cfg", ous: list, groups: [] }])).status).toBe("pass");
  });

  it("judges each configuration separately and names the offending one", () => {
    const outcome = rule.evaluate(
      withConfigs([
        { name: "emea", ous: ous(40, "E"), groups: [] },
        { name: "amer", ous: ous(40, "A"), groups: [] },
        { name: "apac", ous: ous(61, "P"), groups: [] },
      ]),
    );
    expect(severityOf(outcome)).toBe("blocker");
    expect(outcome.message).toContain("apac (61)");
    expect(outcome.message).not.toContain("emea");
    expect(outcome.evidence).toHaveLength(3);
  });

  it("answers unknown when a configuration's lists are missing", () => {
    const outcome = rule.evaluate(withConfigs([{ name: "ok", ous: ous(2), groups: [] }, { name: "cfg2", ous: ous(3) }]));
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("scope.configurations[1].groups");
  });

  it("fails as a blocker from partial data already over 59", () => {
    expect(severityOf(rule.evaluate(withConfigs([{ name: "cfg", ous: ous(60) }])))).toBe("blocker");
  });

  it("does not apply when no configuration exists yet, but applies when they were not collected", () => {
    expect(rule.appliesTo?.(withConfigs([]))).toBe(false);
    expect(rule.appliesTo?.(ctx({}))).toBe(true);
  });

  it.each([[null], ["cfg"], [{ name: "cfg" }]])("answers unknown for malformed configurations %j", (value) => {
    expect(rule.evaluate(withConfigs(value)).status).toBe("unknown");
  });
});
