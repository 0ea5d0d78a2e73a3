import { describe, expect, it } from "vitest";
import { endpointsFor } from "./endpoints";
import rule from "./host-port-443";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./host/testing";

describe("host-port-443", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("passes when any check on the port reached its host", () => {
    const outcome = rule.evaluate(
      hostContext({
        network: {
          checks: [
            { host: "a.example.net", port: 443, reachable: false, error: "timed out" },
            { host: "b.example.net", port: 443, reachable: true },
          ],
        },
      }),
    );
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("b.example.net");
  });

  it("fails with the rule's severity and lists only the failed checks on this port", () => {
    const outcome = expectFail(
      rule.evaluate(
        hostContext({
          network: {
            checks: [
              { host: "a.example.net", port: 443, reachable: false, error: "timed out" },
              { host: "b.example.net", port: 443, reachable: false },
              { host: "c.example.net", port: 80, reachable: false, error: "refused" },
            ],
          },
        }),
      ),
    );
    expect(outcome.severity).toBe(rule.meta.severity);
    expect(outcome.evidence.map((item) => item.actual)).toEqual([
      { host: "a.example.net", port: 443, reachable: false, error: "timed out" },
      { host: "b.example.net", port: 443, reachable: false, error: null },
    ]);
    expect(outcome.message).toContain("a.example.net: timed out");
  });

  it("is unknown when nothing probed the port, or when checks were not collected", () => {
    const none = expectUnknown(rule.evaluate(hostContext({ network: { checks: [] } })));
    expect(none.reason.missingFact).toBe("host.network.checks[port=443]");
    expect(none.reason.collect).toContain("-Port 443");
    const notCollected = expectUnknown(rule.evaluate(hostContext({ network: { cloud: "public" } })));
    expect(notCollected.reason.missingFact).toBe("host.network.checks");
  });

  it("skips malformed check entries", () => {
    const outcome = rule.evaluate(
      hostContext({ network: { checks: [null, { host: "x", port: "443", reachable: true }, { host: "y", port: 443, reachable: true }] as never } }),
    );
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("y");
  });

  it("has no remediation script (firewalls are outside the server)", () => {
    expect(rule.remediationScript?.(rule.examples[1].context)).toBeNull();
  });

  it("reports the collector's standard probes like any others, in the order collected", () => {
    const standard = endpointsFor("public").map((e) => ({ host: e.probeHost, port: e.port, reachable: true }));
    const onPort = standard.filter((check) => check.port === 443);
    const expected = {
      status: "pass",
      message: `Outbound TCP 443 is open: ${onPort.map((check) => check.host).join(", ")} reached.`,
      evidence: [
        {
          fact: "host.network.checks",
          actual: onPort.map((check) => ({ ...check, error: null })),
          expected: "at least one outbound connection on TCP 443 succeeds (all outbound service traffic)",
        },
      ],
    };
    const outcome = rule.evaluate(hostContext({ network: { checks: standard } }));
    expect(outcome).toEqual(expected);
    expect(rule.evaluate(hostContext({ network: { checks: standard } }))).not.toBe(outcome);
    // The same probes in another order, or one more, are reported as collected.
    const reversed = rule.evaluate(hostContext({ network: { checks: [...standard].reverse() } }));
    expect(reversed.message).toBe(`Outbound TCP 443 is open: ${[...onPort].reverse().map((check) => check.host).join(", ")} reached.`);
    const extra = rule.evaluate(hostContext({ network: { checks: [...standard, { host: "extra.example.net", port: 443, reachable: true }] } }));
    expect(extra.message).toContain(", extra.example.net reached.");
    expect(extra.evidence[0].actual).toHaveLength(onPort.length + 1);
  });
});
