import { describe, expect, it } from "vitest";
import { isBypassed, proxiedTestCommand, proxyServerFor, readProbePaths, readProxy } from "./proxy";

describe("WinHTTP proxy setting", () => {
  it("reads the setting: undefined when not collected, null when none is set", () => {
    expect(readProxy({ network: {} })).toBeUndefined();
    expect(readProxy({ network: { proxy: { configured: false, address: "p:8080" } } })).toBeNull();
    expect(readProxy({ network: { proxy: { configured: true, address: "p:8080" } } })).toEqual({ address: "p:8080", bypass: "" });
    expect(readProxy({ network: { proxy: { configured: true } } })).toEqual({ address: "(address not recorded)", bypass: "" });
  });

  it("picks the proxy server per scheme", () => {
    expect(proxyServerFor("proxy.corp:8080", "https")).toBe("proxy.corp:8080");
    expect(proxyServerFor("http://proxy.corp:8080/", "http")).toBe("proxy.corp:8080");
    expect(proxyServerFor("http=p1:80;https=p2:8443", "https")).toBe("p2:8443");
    expect(proxyServerFor("http=p1:80;https=p2:8443", "http")).toBe("p1:80");
    expect(proxyServerFor("http=p1:80", "https")).toBeNull();
  });

  it("matches the bypass list like WinHTTP: wildcards, <local> for dotless names", () => {
    expect(isBypassed("<local>;*.corp.contoso.com", "relay.corp.contoso.com")).toBe(true);
    expect(isBypassed("<local>;*.corp.contoso.com", "RELAY")).toBe(true);
    expect(isBypassed("<local>;*.corp.contoso.com", "login.microsoftonline.com")).toBe(false);
    expect(isBypassed("*.microsoftonline.com", "login.microsoftonline.com")).toBe(true);
    expect(isBypassed("login.microsoftonline.com", "Login.MicrosoftOnline.com.")).toBe(true);
    expect(isBypassed("", "anything")).toBe(false);
  });

  it("splits probes into those on the agent's path and direct-only ones", () => {
    const checks = [
      { host: "login.microsoftonline.com", port: 443, reachable: true },
      { host: "login.microsoftonline.com", port: 443, reachable: true, via: "proxy", proxy: "p:8080", proxyStatus: "HTTP/1.1 200 OK" },
      { host: "relay.corp.contoso.com", port: 443, reachable: true },
    ];
    const paths = readProbePaths({ network: { checks, proxy: { configured: true, address: "p:8080", bypass: "*.corp.contoso.com" } } })!;
    expect(paths.counted.map((check) => [check.host, check.via])).toEqual([
      ["login.microsoftonline.com", "proxy"],
      ["relay.corp.contoso.com", undefined],
    ]);
    expect(paths.directOnly).toHaveLength(1);
    const none = readProbePaths({ network: { checks, proxy: { configured: false } } })!;
    expect(none.counted).toHaveLength(3);
    expect(none.proxy).toBeNull();
    // A proxy for http only: 443 goes direct.
    const httpOnly = readProbePaths({ network: { checks, proxy: { configured: true, address: "http=p:8080" } } })!;
    expect(httpOnly.directOnly).toHaveLength(0);
  });

  it("puts the proxy in the test command only when it is a plain host:port", () => {
    expect(proxiedTestCommand({ address: "p.corp:8080", bypass: "" }, 443, "login.microsoftonline.com")).toBe(
      "Invoke-WebRequest -Uri 'https://login.microsoftonline.com/' -Method Head -UseBasicParsing -Proxy 'http://p.corp:8080'",
    );
    expect(proxiedTestCommand({ address: "p';Remove-Item x:1", bypass: "" }, 80, "crl.microsoft.com")).toBe(
      "Invoke-WebRequest -Uri 'http://crl.microsoft.com/' -Method Head -UseBasicParsing",
    );
    expect(proxiedTestCommand({ address: "p.corp:8080", bypass: "*.microsoft.com" }, 80, "crl.microsoft.com")).toBe("Test-NetConnection -ComputerName crl.microsoft.com -Port 80");
  });
});

describe("proxy memos", () => {
  it("answer the same for repeated and NUL-bearing input as for fresh input", () => {
    for (let i = 0; i < 3; i++) {
      expect(isBypassed("<local>;*.corp.contoso.com", "relay.corp.contoso.com")).toBe(true);
      expect(isBypassed("<local>;*.corp.contoso.com", "login.microsoftonline.com")).toBe(false);
      expect(proxyServerFor("http=p1:80;https=p2:8443", "https")).toBe("p2:8443");
    }
    expect(proxiedTestCommand({ address: "p\u0000x:1", bypass: "" }, 443, "login.microsoftonline.com")).toBe(
      "Invoke-WebRequest -Uri 'https://login.microsoftonline.com/' -Method Head -UseBasicParsing",
    );
    expect(proxiedTestCommand({ address: "p.corp:8080", bypass: "" }, 443, "login.microsoftonline.com")).toBe(
      "Invoke-WebRequest -Uri 'https://login.microsoftonline.com/' -Method Head -UseBasicParsing -Proxy 'http://p.corp:8080'",
    );
  });
});
