import { describe, expect, it } from "vitest";
import { endpointsFor } from "./endpoints";
import rule from "./host-port-443";
import { hostContext } from "./host/examples";
import { itBehavesAsPortRule } from "./testing/port-rule-behaviour";

describe("host-port-443", () => {
  itBehavesAsPortRule(rule, 443);

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
    // The standard case is a constant of the rule: the same frozen outcome for every server (one shared result).
    expect(rule.evaluate(hostContext({ network: { checks: standard } }))).toBe(outcome);
    expect(Object.isFrozen(outcome) && Object.isFrozen(outcome.evidence)).toBe(true);
    // The same probes in another order, or one more, are reported as collected.
    const reversed = rule.evaluate(hostContext({ network: { checks: [...standard].reverse() } }));
    expect(reversed.message).toBe(`Outbound TCP 443 is open: ${[...onPort].reverse().map((check) => check.host).join(", ")} reached.`);
    const extra = rule.evaluate(hostContext({ network: { checks: [...standard, { host: "extra.example.net", port: 443, reachable: true }] } }));
    expect(extra.message).toContain(", extra.example.net reached.");
    expect(extra.evidence[0].actual).toHaveLength(onPort.length + 1);
  });
});
