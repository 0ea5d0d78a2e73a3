// Behaviour shared by the three port rules (host-port-443, host-port-80, host-port-8080), one test file each.
import { expect, it } from "vitest";
import type { Rule } from "../types";
import { hostContext } from "../host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./host-kit";

export function itBehavesAsPortRule(rule: Rule, port: number): void {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("passes when any check on the port reached its host", () => {
    const outcome = rule.evaluate(
      hostContext({
        network: {
          checks: [
            { host: "a.example.net", port, reachable: false, error: "timed out" },
            { host: "b.example.net", port, reachable: true },
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
              { host: "a.example.net", port, reachable: false, error: "timed out" },
              { host: "b.example.net", port, reachable: false },
              { host: "c.example.net", port: port === 443 ? 80 : 443, reachable: false, error: "refused" },
            ],
          },
        }),
      ),
    );
    expect(outcome.severity).toBe(rule.meta.severity);
    expect(outcome.evidence.map((item) => item.actual)).toEqual([
      { host: "a.example.net", port, reachable: false, error: "timed out" },
      { host: "b.example.net", port, reachable: false, error: null },
    ]);
    expect(outcome.message).toContain("a.example.net: timed out");
  });

  it("is unknown when nothing probed the port, or when checks were not collected", () => {
    const none = expectUnknown(rule.evaluate(hostContext({ network: { checks: [] } })));
    expect(none.reason.missingFact).toBe(`host.network.checks[port=${port}]`);
    expect(none.reason.collect).toContain(`-Port ${port}`);
    const notCollected = expectUnknown(rule.evaluate(hostContext({ network: { cloud: "public" } })));
    expect(notCollected.reason.missingFact).toBe("host.network.checks");
  });

  it("skips malformed check entries", () => {
    const outcome = rule.evaluate(
      hostContext({ network: { checks: [null, { host: "x", port: String(port), reachable: true }, { host: "y", port, reachable: true }] as never } }),
    );
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("y");
  });

  it("has no remediation script (firewalls are outside the server)", () => {
    expect(rule.remediationScript?.(rule.examples[1].context)).toBeNull();
  });
}
