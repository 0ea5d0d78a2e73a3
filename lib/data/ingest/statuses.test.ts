import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { RuleResult } from "@/lib/rules";
import { RULE_CODES } from "./rule-codes";
import { decodeStatuses, delimitIds, delimitRuleIds, encodeStatuses, failingRulesOf, hasStatus, idsWithStatus, statusEntry, undelimitIds, undelimitRuleIds, waivedRulesOf } from "./statuses";

const result = (ruleId: string, status: RuleResult["status"]): RuleResult => ({
  ruleId,
  status,
  severity: "blocker",
  scope: "host",
  message: "",
  evidence: [],
});

const code = (ruleId: string) => RULE_CODES[ruleId];

describe("status encodings", () => {
  it("stores rule codes with a status letter, sorted, and reads back rule ids", () => {
    const encoded = encodeStatuses(
      [result("host-tier0", "fail"), result("host-memory", "pass")],
      [result("domain-kds-root-key", "waived"), result("tenant-idfix", "unknown")],
    );
    expect(encoded).toBe(`${code("domain-kds-root-key")}:w,${code("host-memory")}:p,${code("host-tier0")}:f,${code("tenant-idfix")}:u`);
    expect(encoded.length).toBeLessThan(20);
    expect(Object.fromEntries(decodeStatuses(encoded))).toEqual({
      "domain-kds-root-key": "waived",
      "host-memory": "pass",
      "host-tier0": "fail",
      "tenant-idfix": "unknown",
    });
    expect(decodeStatuses("").size).toBe(0);
  });

  it("reads rows written with rule ids (before the codes) and ids that have no code", () => {
    expect(Object.fromEntries(decodeStatuses("host-memory:f,host-retired-rule:p"))).toEqual({ "host-memory": "fail", "host-retired-rule": "pass" });
    expect(encodeStatuses([result("host-retired-rule", "fail")])).toBe("host-retired-rule:f");
    expect(undelimitRuleIds(",host-retired-rule,")).toEqual(["host-retired-rule"]);
  });

  it("answers one rule's status without decoding the rest", () => {
    const encoded = encodeStatuses([result("host-memory", "fail"), result("host-tier0", "waived"), result("host-port-80", "waived")]);
    expect(hasStatus(encoded, "host-memory", "fail")).toBe(true);
    expect(hasStatus(encoded, "host-memory", "pass")).toBe(false);
    expect(hasStatus(encoded, "host-port-8080", "fail")).toBe(false);
    expect(idsWithStatus(encoded, "waived").sort()).toEqual(["host-port-80", "host-tier0"]);
    expect(idsWithStatus(encoded, "unknown")).toEqual([]);
    expect(statusEntry("host-memory", "fail")).toBe(`${code("host-memory")}:f`);
  });

  it("delimits values for LIKE matching; rule lists by code", () => {
    expect(delimitIds(["a", "b"])).toBe(",a,b,");
    expect(delimitIds([])).toBe("");
    expect(undelimitIds(",a,b,")).toEqual(["a", "b"]);
    expect(delimitRuleIds(["host-tier0", "host-memory"])).toBe(`,${code("host-tier0")},${code("host-memory")},`);
    expect(delimitRuleIds([])).toBe("");
    expect(undelimitRuleIds(delimitRuleIds(["host-tier0", "host-memory"]))).toEqual(["host-tier0", "host-memory"]);
    expect(undelimitRuleIds("")).toEqual([]);
  });
});

describe("failingRulesOf and waivedRulesOf", () => {
  it("lists the failing rules' codes in the order of the statuses, delimited at both ends", () => {
    const encoded = encodeStatuses([result("host-tier0", "fail"), result("host-memory", "pass"), result("host-port-80", "fail"), result("tenant-idfix", "waived")]);
    expect(failingRulesOf(encoded)).toBe(delimitRuleIds(["host-port-80", "host-tier0"].sort((a, b) => (code(a)! < code(b)! ? -1 : 1))));
    expect(undelimitRuleIds(failingRulesOf(encoded)).sort()).toEqual(["host-port-80", "host-tier0"]);
    expect(failingRulesOf("")).toBe("");
    expect(failingRulesOf(encodeStatuses([result("host-memory", "pass"), result("host-tier0", "unknown")]))).toBe("");
  });

  it("takes uncoded ids as they are, first, middle or last, and only whole entries ending in :f", () => {
    expect(failingRulesOf("host-retired-rule:f")).toBe(",host-retired-rule,");
    expect(failingRulesOf("0a:f,x-rule:p,zz-tail:f")).toBe(",0a,zz-tail,");
    expect(failingRulesOf("0a:p,odd:fx,0b:f")).toBe(",0b,");
    expect(waivedRulesOf("0a:w,0b:f,0c:w")).toBe(",0a,0c,");
    expect(waivedRulesOf("0a:f")).toBe("");
  });

  it("equals the failing entries of any stored statuses", () => {
    const entry = fc.tuple(fc.constantFrom(...Object.keys(RULE_CODES), "host-retired-rule"), fc.constantFrom("pass", "fail", "unknown", "waived") as fc.Arbitrary<RuleResult["status"]>);
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: ([ruleId]) => ruleId, maxLength: 60 }), (entries) => {
        const encoded = encodeStatuses(entries.map(([ruleId, status]) => result(ruleId, status)));
        const failing = encoded === "" ? [] : encoded.split(",").filter((part) => part.endsWith(":f")).map((part) => part.slice(0, -2));
        expect(failingRulesOf(encoded)).toBe(failing.length === 0 ? "" : `,${failing.join(",")},`);
        expect(new Set(undelimitRuleIds(failingRulesOf(encoded)))).toEqual(new Set(idsWithStatus(encoded, "fail")));
        expect(new Set(undelimitRuleIds(waivedRulesOf(encoded)))).toEqual(new Set(idsWithStatus(encoded, "waived")));
      }),
    );
  });
});

describe("encodeStatuses", () => {
  const statuses = ["pass", "fail", "unknown", "waived"] as const;
  /** The definition: every entry, sorted as strings. */
  const reference = (...groups: RuleResult[][]) =>
    groups
      .flat()
      .map((r) => statusEntry(r.ruleId, r.status))
      .sort()
      .join(",");
  const ids = [...Object.keys(RULE_CODES), "future-rule-without-code", "another-uncoded"];

  it("equals the sorted entries for any results: coded rules, rules without a code, a rule twice, empty groups", () => {
    const results = fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...statuses)).map(([id, status]) => result(id, status)), { maxLength: 70 });
    fc.assert(
      fc.property(results, results, (own, shared) => {
        expect(encodeStatuses(own, shared)).toBe(reference(own, shared));
        // No state left behind by one call (the places are reused).
        expect(encodeStatuses(shared)).toBe(reference(shared));
      }),
      { numRuns: 500 },
    );
    // Distinct coded rules (the common case, and the one placed without sorting), split between own and shared.
    const distinct = fc.uniqueArray(fc.constantFrom(...Object.keys(RULE_CODES)), { maxLength: 60 });
    fc.assert(
      fc.property(distinct, fc.nat(60), fc.array(fc.constantFrom(...statuses), { minLength: 60, maxLength: 60 }), (chosen, split, letters) => {
        const all = chosen.map((id, i) => result(id, letters[i]));
        const [own, shared] = [all.slice(0, split), all.slice(split)];
        expect(encodeStatuses(own, shared)).toBe(reference(own, shared));
      }),
      { numRuns: 500 },
    );
    expect(encodeStatuses()).toBe("");
    expect(encodeStatuses([], [])).toBe("");
  });
});
