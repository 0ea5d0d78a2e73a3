import { describe, expect, it } from "vitest";
import type { RuleResult } from "@/lib/rules";
import { rollup } from "./rollup";
import { canonicalJson, evidenceFingerprint, evidenceSummary } from "./waiver-fingerprint";
import { allowedWaiverScopes, applyWaivers, checkWaiverExpiry, isWaiverActive, parseWaiverExpiry, waiverPolicy, waiverSchema, type Waiver } from "./waivers";

const asOf = "2026-08-01T12:00:00Z";

const failed: RuleResult = {
  ruleId: "host-memory",
  status: "fail",
  severity: "blocker",
  scope: "host",
  message: "2 GB of RAM; 4 GB needed.",
  evidence: [{ fact: "host.memory.totalPhysicalBytes", actual: 2147483648, expected: ">= 4 GB" }],
};
const passed: RuleResult = { ...failed, ruleId: "host-tier0", status: "pass", message: "ok" };
const unknownResult: RuleResult = {
  ...failed,
  ruleId: "host-dotnet-version",
  status: "unknown",
  reason: { code: "missing-fact", missingFact: "host.dotnet.release", collect: "Run the collector", message: "x" },
};
const sharedFail: RuleResult = {
  ruleId: "domain-kds-root-key",
  status: "fail",
  severity: "blocker",
  scope: "domain",
  message: "No KDS root key.",
  evidence: [{ fact: "domain.kdsRootKeys", actual: [], expected: "at least one key, effective before 2026-08-01T02:00:00Z" }],
};

const accept = (...results: RuleResult[]) => results.map((r) => ({ fingerprint: evidenceFingerprint(r), summary: evidenceSummary(r) }));
const waiver: Waiver = {
  id: "w1",
  ruleId: "host-memory",
  scope: "server",
  by: "alice@contoso.com",
  reason: "Lab server, accepted",
  expiresAt: "2026-09-01T00:00:00Z",
  accepted: accept(failed),
};

describe("evidenceFingerprint", () => {
  it("is stable: the same evidence in another order, with other key order, gives the same fingerprint", () => {
    const a: RuleResult = { ...failed, evidence: [{ fact: "b", actual: { x: 1, y: [1, 2] }, expected: "e" }, { fact: "a", actual: "v", expected: "e" }] };
    const b: RuleResult = { ...failed, evidence: [{ fact: "a", actual: "v", expected: "e" }, { fact: "b", actual: { y: [1, 2], x: 1 }, expected: "e" }] };
    expect(evidenceFingerprint(a)).toBe(evidenceFingerprint(b));
    expect(evidenceFingerprint(failed)).toMatch(/^ev1:[0-9a-f]{28}$/);
    expect(evidenceFingerprint(failed)).toBe(evidenceFingerprint(structuredClone(failed)));
  });

  it("ignores the message, the severity and the expected text; not the actual value, the fact, the rule or the status", () => {
    const base = evidenceFingerprint(failed);
    const fp = (r: RuleResult) => evidenceFingerprint(r);
    expect(fp({ ...failed, message: "Only 2 GiB." })).toBe(base);
    expect(fp({ ...failed, severity: "warning" })).toBe(base);
    expect(evidenceFingerprint({ ...failed, evidence: [{ ...failed.evidence[0], expected: "at least 4 GiB" }] })).toBe(base);
    expect(evidenceFingerprint({ ...failed, evidence: [{ ...failed.evidence[0], actual: 3221225472 }] })).not.toBe(base);
    expect(evidenceFingerprint({ ...failed, evidence: [{ ...failed.evidence[0], fact: "host.memory.other" }] })).not.toBe(base);
    expect(evidenceFingerprint({ ...failed, ruleId: "host-other" })).not.toBe(base);
    expect(evidenceFingerprint({ ...failed, status: "pass" })).not.toBe(base);
    // A stored waived result fingerprints like the fail it replaced.
    expect(evidenceFingerprint({ ...failed, status: "waived" })).toBe(base);
  });

  it("summarises the evidence in words", () => {
    expect(evidenceSummary(failed)).toBe("host.memory.totalPhysicalBytes = 2147483648");
    expect(evidenceSummary({ ...failed, status: "pass" })).toBe("host.memory.totalPhysicalBytes = 2147483648 (passing)");
    expect(canonicalJson({ b: 1, a: [undefined, Number.NaN] })).toBe('{"a":[null,null],"b":1}');
  });
});

describe("applyWaivers", () => {
  it("turns the accepted fail into waived, keeping severity, message and evidence", () => {
    const { results, lapsed } = applyWaivers([failed], [waiver], asOf);
    expect(results[0]).toEqual({ ...failed, status: "waived", waiver: { id: "w1", by: "alice@contoso.com", reason: "Lab server, accepted", expiresAt: "2026-09-01T00:00:00Z" } });
    expect(results[0].evidence).toBe(failed.evidence);
    expect(lapsed).toEqual([]);
  });

  it("does not lapse when only the message or other rules/facts change", () => {
    const reworded = { ...failed, message: "RAM below minimum." };
    const otherRule: RuleResult = { ...failed, ruleId: "host-ntlm-restricted", evidence: [{ fact: "host.ntlm", actual: 1, expected: "0" }] };
    const { results, lapsed } = applyWaivers([reworded, otherRule, passed], [waiver], asOf);
    expect(results.map((r) => r.status)).toEqual(["waived", "fail", "pass"]);
    expect(lapsed).toEqual([]);
  });

  it("lapses a server waiver when the evidence changes, saying was and now", () => {
    const changed: RuleResult = { ...failed, evidence: [{ ...failed.evidence[0], actual: 3221225472 }] };
    const { results, lapsed } = applyWaivers([changed], [waiver], asOf);
    expect(results[0].status).toBe("fail");
    expect(lapsed).toEqual([{ waiverId: "w1", ruleId: "host-memory", was: "host.memory.totalPhysicalBytes = 2147483648", now: "host.memory.totalPhysicalBytes = 3221225472" }]);
  });

  it("lapses a server waiver when the result passes (fixed)", () => {
    const { lapsed } = applyWaivers([{ ...failed, status: "pass" }], [waiver], asOf);
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]!.now).toContain("(passing)");
  });

  it("never waives or lapses on an unknown result (missing data is not accepted risk)", () => {
    const asUnknown: RuleResult = { ...unknownResult, ruleId: "host-memory" };
    const { results, lapsed, uncovered } = applyWaivers([asUnknown], [waiver], asOf);
    expect(results[0].status).toBe("unknown");
    expect(lapsed).toEqual([]);
    expect(uncovered).toEqual([]);
  });

  it("does nothing once expired: expiry is exclusive and compares instants", () => {
    expect(applyWaivers([failed], [{ ...waiver, expiresAt: asOf }], asOf).results[0].status).toBe("fail");
    expect(applyWaivers([failed], [{ ...waiver, expiresAt: "2026-08-01T12:00:01Z" }], asOf).results[0].status).toBe("waived");
    const changed: RuleResult = { ...failed, evidence: [{ ...failed.evidence[0], actual: 1 }] };
    expect(applyWaivers([changed], [{ ...waiver, expiresAt: "2026-07-01T00:00:00Z" }], asOf).lapsed).toEqual([]);
    expect(isWaiverActive({ expiresAt: "2026-08-01T14:00:00+02:00" }, asOf)).toBe(false);
    expect(isWaiverActive({ expiresAt: "2026-08-01T14:00:01+02:00" }, asOf)).toBe(true);
    expect(isWaiverActive({ expiresAt: "garbage" }, asOf)).toBe(false);
  });

  it("covers servers of a domain whose host-rule evidence was accepted, without lapsing for the others", () => {
    const other: RuleResult = { ...failed, evidence: [{ ...failed.evidence[0], actual: 1073741824 }] };
    const domainWaiver: Waiver = { ...waiver, id: "d1", scope: "domain", accepted: accept(failed, other) };
    expect(applyWaivers([failed], [domainWaiver], asOf).results[0].status).toBe("waived");
    expect(applyWaivers([other], [domainWaiver], asOf).results[0].status).toBe("waived");
    const third: RuleResult = { ...failed, evidence: [{ ...failed.evidence[0], actual: 5 }] };
    const out = applyWaivers([third], [domainWaiver], asOf);
    expect(out.results[0].status).toBe("fail");
    expect(out.lapsed).toEqual([]);
    expect(out.uncovered).toEqual([{ waiverId: "d1", ruleId: "host-memory", was: `${evidenceSummary(failed)} or ${evidenceSummary(other)}`, now: evidenceSummary(third) }]);
  });

  it("lapses a domain waiver of a shared rule when the domain's evidence changes", () => {
    const domainWaiver: Waiver = { ...waiver, id: "d2", ruleId: "domain-kds-root-key", scope: "domain", accepted: accept(sharedFail) };
    expect(applyWaivers([sharedFail], [domainWaiver], asOf).results[0].status).toBe("waived");
    // The expected text embeds the evaluation time: a later evaluation is still the same evidence.
    const later = { ...sharedFail, evidence: [{ ...sharedFail.evidence[0], expected: "at least one key, effective before 2026-09-01T02:00:00Z" }] };
    expect(applyWaivers([later], [domainWaiver], asOf).results[0].status).toBe("waived");
    const changed = { ...sharedFail, evidence: [{ ...sharedFail.evidence[0], actual: [{ id: "k1" }] }] };
    expect(applyWaivers([changed], [domainWaiver], asOf).lapsed.map((l) => l.waiverId)).toEqual(["d2"]);
  });

  it("is pure and makes a waived blocker stop blocking in the roll-up", () => {
    const input = Object.freeze([Object.freeze({ ...failed }), passed]);
    const out = applyWaivers(input, [waiver], asOf);
    expect(out.results).not.toBe(input);
    expect(input[0].status).toBe("fail");
    expect(out.results[1]).toBe(passed);
    expect(applyWaivers(input, [], asOf).results).toBe(input);
    expect(rollup([failed, passed]).verdict).toBe("not-ready");
    expect(rollup(out.results).verdict).toBe("ready");
  });
});

describe("waiver rules", () => {
  it("lets leads and admins waive warnings at once; blockers need an admin and a second admin", () => {
    expect(waiverPolicy("warning")).toEqual({ requesters: ["admin", "lead"], needsSecondAdmin: false });
    expect(waiverPolicy("info").needsSecondAdmin).toBe(false);
    expect(waiverPolicy("blocker")).toEqual({ requesters: ["admin"], needsSecondAdmin: true });
  });

  it("waives shared rules for whole domains only", () => {
    expect(allowedWaiverScopes("host")).toEqual(["server", "domain"]);
    expect(allowedWaiverScopes("gmsa-acl")).toEqual(["domain"]);
    expect(allowedWaiverScopes("tenant")).toEqual(["domain"]);
  });

  it("requires an expiry in the future and within 365 days", () => {
    const now = new Date("2026-12-04T10:00:00Z");
    expect(checkWaiverExpiry(new Date("2026-12-04T10:00:00Z"), now)).toMatch(/future/);
    expect(checkWaiverExpiry(new Date("2027-12-04T10:00:00Z"), now)).toBeNull();
    expect(checkWaiverExpiry(new Date("2027-12-04T23:59:59.999Z"), now)).toBeNull();
    expect(checkWaiverExpiry(new Date("2027-12-05T00:00:00Z"), now)).toMatch(/365/);
    expect(checkWaiverExpiry(new Date("nope"), now)).toMatch(/not a date/);
    expect(parseWaiverExpiry("2027-03-01")?.toISOString()).toBe("2027-03-01T23:59:59.999Z");
    expect(parseWaiverExpiry("2027-03-01T10:00:00+02:00")?.toISOString()).toBe("2027-03-01T08:00:00.000Z");
    expect(parseWaiverExpiry("2027-02-30")).toBeNull();
    expect(parseWaiverExpiry("next week")).toBeNull();
  });

  it("validates waivers", () => {
    expect(waiverSchema.safeParse(waiver).success).toBe(true);
    expect(waiverSchema.safeParse({ ...waiver, expiresAt: "next week" }).success).toBe(false);
    expect(waiverSchema.safeParse({ ...waiver, accepted: [] }).success).toBe(false);
    expect(waiverSchema.safeParse({ ...waiver, reason: "" }).success).toBe(false);
  });
});
