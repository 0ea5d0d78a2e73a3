// Behaviour shared by the three port rules (host-port-443, host-port-80, host-port-8080), one test file each.
import { describe, expect, it } from "vitest";
import { describePowerShellProblems } from "@/lib/powershell/lint";
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

  describe("behind a WinHTTP proxy", () => {
    const proxy = { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "<local>;*.corp.contoso.com" };
    const through = { via: "proxy" as const, proxy: "proxy.corp.contoso.com:8080" };

    it("is unknown naming the proxy when the port was only probed directly, even when the direct probe reached", () => {
      for (const reachable of [true, false]) {
        const outcome = expectUnknown(rule.evaluate(hostContext({ network: { proxy, checks: [{ host: "a.example.net", port, reachable }] } })));
        expect(outcome.message).toContain("proxy.corp.contoso.com:8080");
        expect(outcome.message).toContain("only probed directly");
        expect(outcome.reason.collect).toContain("netsh winhttp show proxy");
        expect(outcome.reason.collect).toContain("-Proxy 'http://proxy.corp.contoso.com:8080'");
        expect(describePowerShellProblems(outcome.reason.collect)).toBe("");
      }
    });

    it("judges the probes made through the proxy, ignoring direct ones", () => {
      const passed = rule.evaluate(
        hostContext({
          network: {
            proxy,
            checks: [
              { host: "a.example.net", port, reachable: false, error: "TCP connect timed out" },
              { host: "a.example.net", port, reachable: true, ...through, proxyStatus: "HTTP/1.1 200 Connection established" },
            ],
          },
        }),
      );
      expect(passed.status).toBe("pass");
      expect(passed.message).toBe(`Outbound TCP ${port} is open through the proxy proxy.corp.contoso.com:8080: a.example.net reached.`);
      expect(passed.evidence[0].actual).toEqual([{ host: "a.example.net", port, reachable: true, error: null, ...through, proxyStatus: "HTTP/1.1 200 Connection established" }]);
      const failed = expectFail(
        rule.evaluate(
          hostContext({
            network: {
              proxy,
              checks: [
                { host: "a.example.net", port, reachable: true },
                { host: "a.example.net", port, reachable: false, error: "Proxy answered HTTP/1.1 403 Forbidden", ...through, proxyStatus: "HTTP/1.1 403 Forbidden" },
              ],
            },
          }),
        ),
      );
      expect(failed.message).toContain("403 Forbidden");
      expect(failed.evidence).toHaveLength(1);
      expect(failed.evidence[0].actual).toMatchObject({ via: "proxy", proxyStatus: "HTTP/1.1 403 Forbidden" });
    });

    it("counts a direct probe of a bypassed host, and any probe when no proxy is set", () => {
      const bypassed = rule.evaluate(hostContext({ network: { proxy, checks: [{ host: "relay.corp.contoso.com", port, reachable: true }] } }));
      expect(bypassed.status).toBe("pass");
      const none = rule.evaluate(hostContext({ network: { proxy: { configured: false }, checks: [{ host: "a.example.net", port, reachable: false }] } }));
      expect(none.status).toBe("fail");
    });
  });
}
