import { describe, expect, it } from "vitest";
import rule from "./host-proxy-chunked";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

const PROXY = { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "<local>" };
const through = (proxyStatus: string, host = "login.microsoftonline.com", port = 443) => ({
  host,
  port,
  reachable: true,
  via: "proxy" as const,
  proxy: "proxy.corp.contoso.com:8080",
  proxyStatus,
});

describe("host-proxy-chunked", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("passes when no proxy is configured", () => {
    const outcome = rule.evaluate(hostContext({ network: { proxy: { configured: false } } }));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toMatch(/does not apply/);
  });

  it("passes when a proxy is set but every probed endpoint bypasses it, and warns when only some do", () => {
    const bypassing = { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "*.microsoftonline.com" };
    const login = { host: "login.microsoftonline.com", port: 443, reachable: true };
    const bus = { host: "contoso.servicebus.windows.net", port: 443, reachable: true };
    const all = rule.evaluate(hostContext({ network: { proxy: bypassing, checks: [login] } }));
    expect(all.status).toBe("pass");
    expect(all.message).toMatch(/every endpoint the agent uses bypasses it \(1 probed directly\)/);
    // Service Bus is not on the bypass list: its traffic goes through the proxy (here only probed directly).
    expectFail(rule.evaluate(hostContext({ network: { proxy: bypassing, checks: [login, bus] } })));
    // A proxy for http only: HTTPS endpoints go direct.
    const httpOnly = { configured: true, address: "http=proxy.corp.contoso.com:8080", bypass: "" };
    expect(rule.evaluate(hostContext({ network: { proxy: httpOnly, checks: [login, bus] } })).status).toBe("pass");
  });

  it("fails as a warning that names the proxy and asks to check chunked encoding", () => {
    const outcome = expectFail(rule.evaluate(hostContext({ network: { proxy: PROXY, checks: [through("HTTP/1.1 200 Connection established")] } })));
    expect(outcome.severity).toBe("warning");
    expect(outcome.message).toContain("proxy.corp.contoso.com:8080");
    expect(outcome.message).toContain("chunked encoding");
    expect(outcome.message).toContain("answered the collector's 1 request(s) in HTTP/1.1");
  });

  it("says so when the proxy answered in HTTP/1.0", () => {
    const outcome = expectFail(
      rule.evaluate(
        hostContext({
          network: { proxy: PROXY, checks: [through("HTTP/1.1 200 Connection established"), through("HTTP/1.0 200 OK", "crl.microsoft.com", 80)] },
        }),
      ),
    );
    expect(outcome.severity).toBe("warning");
    expect(outcome.message).toContain("answered in HTTP/1.0 (crl.microsoft.com:80: HTTP/1.0 200 OK)");
    expect(outcome.evidence[1].actual).toEqual([{ host: "crl.microsoft.com", port: 80, proxy: "proxy.corp.contoso.com:8080", proxyStatus: "HTTP/1.0 200 OK" }]);
  });

  it("also judges a configured proxy with only direct probes, and proxied probes without the setting", () => {
    expect(rule.evaluate(hostContext({ network: { proxy: PROXY, checks: [{ host: "a.example.net", port: 443, reachable: false }] } })).status).toBe("fail");
    const fromProbes = expectFail(rule.evaluate(hostContext({ network: { checks: [through("HTTP/1.0 200 OK")] } })));
    expect(fromProbes.message).toContain("proxy.corp.contoso.com:8080");
  });

  it("is unknown when the proxy setting was not collected", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ network: { checks: [{ host: "a.example.net", port: 443, reachable: true }] } })));
    expect(outcome.reason.missingFact).toBe("host.network.proxy");
    expect(outcome.reason.collect).toBe("netsh winhttp show proxy");
  });

  it("has no remediation script (the proxy is outside the server)", () => {
    expect(rule.remediationScript?.(rule.examples[1].context)).toBeNull();
  });
});
