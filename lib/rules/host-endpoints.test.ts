import { describe, expect, it } from "vitest";
import type { NetworkCheck } from "@/lib/facts";
import { endpointsFor } from "./endpoints";
import rule from "./host-endpoints";
import { hostContext } from "./host/examples";
import { describePowerShellProblems } from "@/lib/powershell/lint";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

const reachAll = (cloud: "public" | "usgov"): NetworkCheck[] =>
  endpointsFor(cloud).map((requirement) => ({ host: requirement.probeHost, port: requirement.port, reachable: true }));

describe("host-endpoints", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("lists each failing endpoint with pattern, probe host, port and error", () => {
    const failing = rule.examples.find((example) => example.expect === "fail");
    const outcome = expectFail(rule.evaluate(failing!.context));
    const failures = outcome.evidence.filter((item) => item.fact === "host.network.checks").map((item) => item.actual);
    expect(failures).toEqual([
      { pattern: "*.servicebus.windows.net", probeHost: "watchdog.servicebus.windows.net", port: 443, error: "HTTP 403 from proxy" },
      { pattern: "crl.microsoft.com", probeHost: "crl.microsoft.com", port: 80, error: "HTTP 403 from proxy" },
    ]);
    expect(outcome.message).toContain("2 of 15");
  });

  describe("behind a WinHTTP proxy", () => {
    const proxy = { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "<local>;*.corp.contoso.com" };
    const viaProxy = (check: NetworkCheck): NetworkCheck => ({ ...check, via: "proxy", proxy: "proxy.corp.contoso.com:8080", proxyStatus: "HTTP/1.1 200 Connection established" });

    it("is unknown naming the proxy when endpoints were only probed directly, with proxied tests to run", () => {
      const checks = reachAll("public").map((check) => ({ ...check, reachable: false, error: "TCP connect timed out" }));
      const outcome = expectUnknown(rule.evaluate(hostContext({ network: { cloud: "public", proxy, checks } })));
      expect(outcome.message).toContain("0 of 15 required public endpoints were reached; 15 were only probed directly");
      expect(outcome.message).toContain("the WinHTTP proxy proxy.corp.contoso.com:8080 (bypass: <local>;*.corp.contoso.com)");
      expect(outcome.evidence[0]).toMatchObject({ fact: "host.network.proxy", actual: { address: "proxy.corp.contoso.com:8080" } });
      const lines = outcome.reason.collect.split("\n");
      expect(lines[0]).toBe("netsh winhttp show proxy");
      expect(lines).toContain("Invoke-WebRequest -Uri 'http://crl.microsoft.com/' -Method Head -UseBasicParsing -Proxy 'http://proxy.corp.contoso.com:8080'");
      expect(describePowerShellProblems(outcome.reason.collect)).toBe("");
    });

    it("judges proxied probes, ignores direct ones beside them, and fails an endpoint the proxy refuses", () => {
      const direct = reachAll("public").map((check) => ({ ...check, reachable: false, error: "TCP connect timed out" }));
      const proxied = reachAll("public").map(viaProxy);
      expect(rule.evaluate(hostContext({ network: { cloud: "public", proxy, checks: [...direct, ...proxied] } })).status).toBe("pass");
      const refused = proxied.map((check) =>
        check.host === "login.live.com" ? { ...check, reachable: false, proxyStatus: "HTTP/1.1 403 Forbidden", error: "The proxy proxy.corp.contoso.com:8080 answered HTTP/1.1 403 Forbidden" } : check,
      );
      const outcome = expectFail(rule.evaluate(hostContext({ network: { cloud: "public", proxy, checks: refused } })));
      expect(outcome.message).toBe("1 of 15 required public endpoints are unreachable: login.live.com:443.");
      expect(outcome.evidence[0].actual).toMatchObject({ probeHost: "login.live.com", error: "The proxy proxy.corp.contoso.com:8080 answered HTTP/1.1 403 Forbidden" });
    });

    it("counts direct probes of bypassed hosts and of hosts a per-scheme proxy does not serve", () => {
      const bypassAll = { ...proxy, bypass: "*.com;*.net" };
      expect(rule.evaluate(hostContext({ network: { cloud: "public", proxy: bypassAll, checks: reachAll("public") } })).status).toBe("pass");
      const httpsOnly = { ...proxy, address: "https=proxy.corp.contoso.com:8443" };
      const checks = reachAll("public").map((check) => (check.port === 443 ? viaProxy(check) : check));
      expect(rule.evaluate(hostContext({ network: { cloud: "public", proxy: httpsOnly, checks } })).status).toBe("pass");
    });
  });

  it("accepts www.msftconnecttest.com on port 80 as well as 443, and fails it only when both failed", () => {
    const without = reachAll("public").filter((check) => check.host !== "www.msftconnecttest.com");
    const on80 = [...without, { host: "www.msftconnecttest.com", port: 80, reachable: true }];
    expect(rule.evaluate(hostContext({ network: { cloud: "public", checks: on80 } })).status).toBe("pass");
    const both = [...without, { host: "www.msftconnecttest.com", port: 443, reachable: false, error: "timeout" }, { host: "www.msftconnecttest.com", port: 80, reachable: true }];
    expect(rule.evaluate(hostContext({ network: { cloud: "public", checks: both } })).status).toBe("pass");
    const neither = [...without, { host: "www.msftconnecttest.com", port: 443, reachable: false, error: "timeout" }, { host: "www.msftconnecttest.com", port: 80, reachable: false, error: "refused" }];
    const outcome = expectFail(rule.evaluate(hostContext({ network: { cloud: "public", checks: neither } })));
    expect(outcome.message).toContain("www.msftconnecttest.com:443");
    expect(outcome.evidence[0].expected).toBe("reachable on TCP 443 or 80 (registration)");
  });

  it("judges www.microsoft.com separately on 80 and 443", () => {
    const checks = reachAll("public").map((check) => (check.host === "www.microsoft.com" && check.port === 80 ? { ...check, reachable: false } : check));
    const outcome = expectFail(rule.evaluate(hostContext({ network: { cloud: "public", checks } })));
    expect(outcome.evidence[0].actual).toMatchObject({ pattern: "www.microsoft.com", port: 80, error: "unreachable" });
  });

  it("accepts any host under a wildcard, case-insensitively, and a reachable probe among failed ones", () => {
    const checks = reachAll("public").filter((check) => check.host !== "download.msappproxy.net");
    checks.push({ host: "Contoso.Registration.MsAppProxy.net", port: 443, reachable: true });
    checks.push({ host: "login.live.com", port: 443, reachable: false, error: "timeout" });
    expect(rule.evaluate(hostContext({ network: { cloud: "public", checks } })).status).toBe("pass");
  });

  it("does not let a bare suffix satisfy a wildcard", () => {
    const checks = reachAll("public").filter((check) => check.host !== "download.msappproxy.net");
    checks.push({ host: "msappproxy.net", port: 443, reachable: true });
    const outcome = expectUnknown(rule.evaluate(hostContext({ network: { cloud: "public", checks } })));
    expect(outcome.message).toContain("*.msappproxy.net:443");
    expect(outcome.reason.collect).toContain("Test-NetConnection -ComputerName download.msappproxy.net -Port 443");
  });

  it("uses the US Government list for usgov hosts", () => {
    expect(rule.evaluate(hostContext({ network: { cloud: "usgov", checks: reachAll("usgov") } })).status).toBe("pass");
    const outcome = expectUnknown(rule.evaluate(hostContext({ network: { cloud: "usgov", checks: reachAll("public") } })));
    expect(outcome.message).toMatch(/usgov/);
  });

  it("assumes the public cloud when none is recorded, and says so", () => {
    const outcome = rule.evaluate(hostContext({ network: { checks: reachAll("public") } }));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("assumed public");
  });

  it("is unknown without checks, and for an unrecognised cloud", () => {
    expect(expectUnknown(rule.evaluate(hostContext({ network: { cloud: "public", checks: [] } }))).reason.missingFact).toBe("host.network.checks");
    const badCloud = expectUnknown(rule.evaluate(hostContext({ network: { cloud: "china" as never, checks: reachAll("public") } })));
    expect(badCloud.reason.missingFact).toBe("host.network.cloud");
  });

  it("judges the collector's probe list the same in any order and with extra checks after it", () => {
    const inOrder = rule.evaluate(hostContext({ network: { cloud: "public", checks: reachAll("public") } }));
    const reversed = rule.evaluate(hostContext({ network: { cloud: "public", checks: reachAll("public").reverse() } }));
    const withExtra = rule.evaluate(
      hostContext({ network: { cloud: "public", checks: [...reachAll("public"), { host: "download.msappproxy.net", port: 8080, reachable: false }] } }),
    );
    expect(inOrder).toEqual(reversed);
    expect(withExtra).toEqual(inOrder);
    expect(inOrder).toMatchObject({ status: "pass", message: "All 15 required public endpoints were reached." });
    expect(inOrder.evidence).toEqual([
      { fact: "host.network.checks", actual: { reached: 15 }, expected: "every required endpoint reachable" },
      { fact: "host.network.cloud", actual: "public", expected: "the cloud whose allow-list applies" },
    ]);
    // Each call returns its own outcome; the shared evidence is frozen.
    expect(rule.evaluate(hostContext({ network: { cloud: "public", checks: reachAll("public") } }))).not.toBe(inOrder);
    expect(Object.isFrozen(inOrder.evidence)).toBe(true);
  });

  it("does not take the probe list's shortcut when one probe failed or was written differently", () => {
    const failing = reachAll("public").map((check, i) => (i === 0 ? { ...check, reachable: false, error: "timed out" } : check));
    expect(expectFail(rule.evaluate(hostContext({ network: { cloud: "public", checks: failing } }))).message).toContain("*.msappproxy.net:443");
    const upperCase = reachAll("public").map((check) => ({ ...check, host: check.host.toUpperCase() }));
    expect(rule.evaluate(hostContext({ network: { cloud: "public", checks: upperCase } })).status).toBe("pass");
  });
});
