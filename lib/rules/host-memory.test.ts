import { describe, expect, it } from "vitest";
import rule, { MIN_INSTALLED_BYTES, MIN_VISIBLE_BYTES } from "./host-memory";
import { hostContext } from "./host/examples";
import { expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-memory", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("uses 4 GiB installed and 3.75 GiB visible as the exact thresholds", () => {
    expect(MIN_INSTALLED_BYTES).toBe(4_294_967_296);
    expect(MIN_VISIBLE_BYTES).toBe(4_026_531_840);
  });

  it("passes at exactly 4 GiB installed and fails one byte below", () => {
    expect(rule.evaluate(hostContext({ memory: { installedBytes: MIN_INSTALLED_BYTES } })).status).toBe("pass");
    expect(rule.evaluate(hostContext({ memory: { installedBytes: MIN_INSTALLED_BYTES - 1 } })).status).toBe("fail");
  });

  it("accepts a 4 GB VM whose visible memory is slightly below 4 GiB", () => {
    const outcome = rule.evaluate(hostContext({ memory: { totalPhysicalBytes: 4_293_918_720 } }));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toMatch(/3\.75 GiB/);
    expect(outcome.message).toMatch(/Judged by visible memory/);
    expect(outcome.evidence[0]).toMatchObject({ fact: "host.memory.totalPhysicalBytes" });
    expect(outcome.evidence[0].expected).toMatch(/^judged.*4026531840/);
  });

  it("judges a machine the same by either figure: 3.5 GiB visible fails like 3.5 GiB installed", () => {
    const visible = rule.evaluate(hostContext({ memory: { totalPhysicalBytes: 3.5 * 1024 ** 3 } }));
    const installed = rule.evaluate(hostContext({ memory: { installedBytes: 3.5 * 1024 ** 3 } }));
    expect(visible.status).toBe("fail");
    expect(installed.status).toBe("fail");
    expect(visible.message).toMatch(/Judged by visible memory/);
    expect(installed.message).toMatch(/Judged by installed memory/);
  });

  it("says installed memory was judged and visible memory was not", () => {
    const outcome = rule.evaluate(hostContext({ memory: { installedBytes: 8 * 1024 ** 3, totalPhysicalBytes: 8_589_463_552 } }));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toMatch(/Judged by installed memory/);
    expect(outcome.evidence[0]).toMatchObject({ fact: "host.memory.installedBytes" });
    expect(outcome.evidence[0].expected).toMatch(/^judged/);
    expect(outcome.evidence[1].expected).toMatch(/^not judged/);
  });

  it("applies the visible tolerance boundary exactly", () => {
    expect(rule.evaluate(hostContext({ memory: { totalPhysicalBytes: MIN_VISIBLE_BYTES } })).status).toBe("pass");
    expect(rule.evaluate(hostContext({ memory: { totalPhysicalBytes: MIN_VISIBLE_BYTES - 1 } })).status).toBe("fail");
  });

  it("lets installed memory decide over visible memory", () => {
    const outcome = rule.evaluate(hostContext({ memory: { installedBytes: 3 * 1024 ** 3, totalPhysicalBytes: MIN_VISIBLE_BYTES } }));
    expect(outcome.status).toBe("fail");
  });

  it("ignores negative sizes as not collected", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ memory: { installedBytes: -1 } as never })));
    expect(outcome.reason.missingFact).toBe("host.memory.totalPhysicalBytes");
    expect(outcome.reason.collect).toContain("CsTotalPhysicalMemory");
  });

  it("has no remediation script (RAM is not fixed by a script)", () => {
    expect(rule.remediationScript?.(rule.examples[1].context)).toBeNull();
  });
});
