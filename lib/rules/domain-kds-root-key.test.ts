import { describe, expect, it } from "vitest";
import rule from "./domain-kds-root-key";
import { AS_OF, ctx, describeRuleContract } from "./testing/domain-kit";
import type { DomainFacts } from "@/lib/facts";
import type { RuleOutcome } from "./types";

const asOfMs = Date.parse(AS_OF);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** An ISO time `offsetMs` from asOf (negative = before). */
const at = (offsetMs: number) => new Date(asOfMs + offsetMs).toISOString();
const withKeys = (kdsRootKeys: unknown) => ctx({ domain: { forestName: "contoso.com", kdsRootKeys } as DomainFacts });
const severityOf = (outcome: RuleOutcome) => (outcome.status === "fail" ? (outcome.severity ?? rule.meta.severity) : undefined);

describe("domain-kds-root-key", () => {
  describeRuleContract(rule, "domain-kds-root-key");

  describe("10-hour replication wait, measured from EffectiveTime", () => {
    it.each([
      ["10h01 before asOf", -(10 * HOUR + MINUTE), "pass", undefined],
      ["exactly 10h before asOf", -10 * HOUR, "pass", undefined],
      ["9h59 before asOf", -(9 * HOUR + 59 * MINUTE), "fail", "warning"],
      ["just now", 0, "fail", "warning"],
      ["9h59 in the future", 9 * HOUR + 59 * MINUTE, "fail", "warning"],
      ["exactly 10h in the future", 10 * HOUR, "fail", "warning"],
      ["10h01 in the future", 10 * HOUR + MINUTE, "fail", "blocker"],
      ["a month in the future", 30 * 24 * HOUR, "fail", "blocker"],
    ])("key effective %s -> %s", (_label, offset, status, severity) => {
      const outcome = rule.evaluate(withKeys([{ id: "k1", effectiveTime: at(offset) }]));
      expect(outcome.status).toBe(status);
      expect(severityOf(outcome)).toBe(severity);
    });

    it("says when the waiting key becomes usable", () => {
      const outcome = rule.evaluate(withKeys([{ id: "k1", effectiveTime: at(-3 * HOUR) }]));
      expect(outcome.message).toContain(at(7 * HOUR));
      expect(outcome.evidence[0]).toMatchObject({ fact: "domain.kdsRootKeys[0]", actual: { state: "waiting", usableFrom: at(7 * HOUR) } });
    });
  });

  it("fails as a blocker when the forest has no key (empty array = collected, none exists)", () => {
    const outcome = rule.evaluate(withKeys([]));
    expect(outcome.status).toBe("fail");
    expect(severityOf(outcome)).toBe("blocker");
    expect(outcome.message).toContain("Add-KdsRootKey -EffectiveImmediately");
  });

  it("answers unknown when the keys were not collected", () => {
    const outcome = rule.evaluate(withKeys(undefined));
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason).toMatchObject({ missingFact: "domain.kdsRootKeys", collect: expect.stringContaining("Get-KdsRootKey") });
  });

  it("warns about a back-dated key created less than 10 hours ago", () => {
    const outcome = rule.evaluate(withKeys([{ id: "lab", effectiveTime: at(-10 * HOUR), createdTime: at(-5 * MINUTE) }]));
    expect(outcome.status).toBe("fail");
    expect(severityOf(outcome)).toBe("warning");
    expect(outcome.message).toContain("back-dated");
  });

  it("passes a back-dated key once it is 10 hours old", () => {
    expect(rule.evaluate(withKeys([{ id: "lab", effectiveTime: at(-20 * HOUR), createdTime: at(-10 * HOUR) }])).status).toBe("pass");
  });

  it("uses the best of several keys", () => {
    const outcome = rule.evaluate(
      withKeys([
        { id: "future", effectiveTime: at(48 * HOUR) },
        { id: "old", effectiveTime: at(-400 * HOUR) },
        { id: "new", effectiveTime: at(-1 * HOUR) },
      ]),
    );
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("old");
    expect(outcome.evidence).toHaveLength(3);
  });

  it("answers unknown when no key is usable and another key's time is malformed", () => {
    const outcome = rule.evaluate(withKeys([{ id: "new", effectiveTime: at(-1 * HOUR) }, { id: "odd", effectiveTime: "last Tuesday" }]));
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("domain.kdsRootKeys[1].effectiveTime");
  });

  it("still passes when a usable key sits next to a malformed one", () => {
    expect(rule.evaluate(withKeys([{ effectiveTime: 42 }, { id: "old", effectiveTime: at(-100 * HOUR) }])).status).toBe("pass");
  });

  it("answers unknown when asOf is not a timestamp", () => {
    const outcome = rule.evaluate({ asOf: "yesterday", domain: { kdsRootKeys: [{ effectiveTime: at(-100 * HOUR) }] } });
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("asOf");
  });

  it.each([["none"], [{}], [42]])("treats malformed kdsRootKeys %j as unknown", (value) => {
    expect(rule.evaluate(withKeys(value)).status).toBe("unknown");
  });

  describe("remediation script", () => {
    it("is null when a usable key exists", () => {
      expect(rule.remediationScript?.(withKeys([{ effectiveTime: at(-100 * HOUR) }]))).toBeNull();
    });

    it("checks existing keys before Add-KdsRootKey and honours -WhatIf", () => {
      const script = rule.remediationScript?.(withKeys([])) ?? "";
      expect(script).toContain("$forest = 'contoso.com'");
      expect(script.indexOf("Get-KdsRootKey")).toBeLessThan(script.indexOf("Add-KdsRootKey -EffectiveImmediately\n"));
      expect(script).toContain("$PSCmdlet.ShouldProcess($forest, 'Add-KdsRootKey -EffectiveImmediately')");
    });

    it("quotes the forest name safely", () => {
      const script = rule.remediationScript?.(ctx({ domain: { forestName: "x’; Stop-Computer; ’", kdsRootKeys: [] } })) ?? "";
      expect(script).toContain("$forest = 'x’’; Stop-Computer; ’’'");
    });
  });
});
