import { describe, expect, it } from "vitest";
import { getRule, RULES } from "@/lib/rules";
import { orderRuleIds, type RuleLookup, summarizeRow } from "./server-row-summary";

const rules: RuleLookup = Object.fromEntries(RULES.map((rule) => [rule.meta.id, { title: rule.meta.title, scope: rule.meta.scope }]));
const title = (id: string) => getRule(id)!.meta.title;
const none = { blockingRuleIds: [], conditionRuleIds: [], unknownRuleIds: [], waivedRuleIds: [] };

describe("summarizeRow", () => {
  it("names the first blocker by its title, the server's own rules before inherited ones", () => {
    const summary = summarizeRow({ ...none, blockingRuleIds: ["domain-kds-root-key", "host-tls12-schannel", "host-memory"] }, rules);
    expect(summary.headline).toEqual({ kind: "blocker", rule: { id: "host-memory", title: title("host-memory") } });
    expect(summary.groups.map((group) => group.rules.map((rule) => rule.id))).toEqual([["host-memory", "host-tls12-schannel", "domain-kds-root-key"]]);
    expect(summary.counts).toBe("3 blockers");
  });

  it("counts blockers, warnings, unknown and waived rules with correct plurals and lists every id for the tooltip", () => {
    const summary = summarizeRow(
      { blockingRuleIds: ["host-memory"], conditionRuleIds: ["host-os-recommended"], unknownRuleIds: ["host-port-80", "host-port-443"], waivedRuleIds: ["host-tier0"] },
      rules,
    );
    expect(summary.counts).toBe("1 blocker · 1 warning · 2 unknown · 1 waived");
    expect(summary.tooltip).toBe(
      ["Failing blockers: host-memory", "Failing warnings: host-os-recommended", "No data (unknown): host-port-443, host-port-80", "Waived: host-tier0"].join("\n"),
    );
    expect(summary.groups.map((group) => group.kind)).toEqual(["blocker", "warning", "unknown", "waived"]);
  });

  it("falls back to the first warning, and to nothing when no rule fails", () => {
    expect(summarizeRow({ ...none, conditionRuleIds: ["host-os-recommended"] }, rules).headline).toEqual({
      kind: "warning",
      rule: { id: "host-os-recommended", title: title("host-os-recommended") },
    });
    const unknownOnly = summarizeRow({ ...none, unknownRuleIds: ["host-memory"] }, rules);
    expect(unknownOnly.headline).toBeNull();
    expect(unknownOnly.counts).toBe("1 unknown");
    const clean = summarizeRow(none, rules);
    expect([clean.headline, clean.counts, clean.tooltip, clean.groups]).toEqual([null, "", "", []]);
  });

  it("keeps an id the registry no longer knows (an older ruleset's result) as its own title", () => {
    const summary = summarizeRow({ ...none, blockingRuleIds: ["retired-rule"] }, rules);
    expect(summary.headline?.rule).toEqual({ id: "retired-rule", title: "retired-rule" });
    expect(orderRuleIds(["retired-rule", "host-memory"], rules)).toEqual(["host-memory", "retired-rule"]);
  });
});
