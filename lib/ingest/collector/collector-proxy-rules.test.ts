import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFile } from "@/lib/ingest/parse-file";
import { RULES, type RuleContext } from "@/lib/rules";

/**
 * A server behind a WinHTTP proxy, collected by a collector that probes through it (server2022-proxy.json): the
 * checks keep their path (via, proxy, proxyStatus) through parseFile, and the network rules judge that path.
 */

const FIXTURE = path.join(__dirname, "fixtures", "server2022-proxy.json");
const PROXY = "proxy.corp.contoso.com:8080";

function hostOf(text: string) {
  const parsed = parseFile(new TextEncoder().encode(text), "SYNC03.cloudsync-readiness.json");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
  expect(parsed.result.format).toBe("collector-json");
  return parsed.result.hosts[0].facts;
}

function statuses(text: string): Record<string, string> {
  const ctx: RuleContext = { asOf: "2026-10-08T00:00:00Z", host: hostOf(text) };
  const ids = ["host-port-80", "host-port-443", "host-port-8080", "host-endpoints", "host-proxy-chunked"];
  return Object.fromEntries(RULES.filter((rule) => ids.includes(rule.meta.id)).map((rule) => [rule.meta.id, rule.evaluate(ctx).status]));
}

describe("collector report behind a WinHTTP proxy", () => {
  const text = readFileSync(FIXTURE, "utf8");

  it("keeps each probe's path and the proxy's answer, and drops the path of direct probes", () => {
    const host = hostOf(text);
    expect(host.network?.proxy).toEqual({ configured: true, address: PROXY, bypass: "<local>;*.corp.contoso.com" });
    const checks = host.network?.checks ?? [];
    expect(checks).toHaveLength(17);
    expect(checks.every((check) => check.via === "proxy" && check.proxy === PROXY)).toBe(true);
    expect(checks[0]).toMatchObject({ host: "download.msappproxy.net", port: 443, reachable: true, proxyStatus: "HTTP/1.1 200 Connection established" });
    expect(checks.find((check) => check.host === "www.msftconnecttest.com" && check.port === 80)?.proxyStatus).toBe("HTTP/1.1 200 OK");
    expect(checks.at(-1)).toMatchObject({ port: 8080, reachable: false, proxyStatus: "HTTP/1.1 403 Forbidden", error: `The proxy ${PROXY} answered HTTP/1.1 403 Forbidden` });

    const direct = JSON.parse(text.replace(/^\uFEFF/, "")) as { host: { network: { checks: Record<string, unknown>[] } } };
    direct.host.network.checks = direct.host.network.checks.map((check) => ({ ...check, via: "direct", proxy: null, proxyStatus: null }));
    expect(hostOf(JSON.stringify(direct)).network?.checks?.[0]).toEqual({ host: "download.msappproxy.net", port: 443, reachable: true, latencyMs: 41 });
  });

  it("passes 80, 443 and the endpoints through the proxy; 8080 refused by it; chunked encoding to check", () => {
    expect(statuses(text)).toEqual({
      "host-endpoints": "pass",
      "host-port-443": "pass",
      "host-port-80": "pass",
      "host-port-8080": "fail",
      "host-proxy-chunked": "fail",
    });
  });

  it("the same server's direct-only probes (an older collector) are Unknown naming the proxy, not blockers", () => {
    const doc = JSON.parse(text.replace(/^\uFEFF/, "")) as { host: { network: { checks: Record<string, unknown>[] } } };
    doc.host.network.checks = doc.host.network.checks.map((check) => {
      const direct: Record<string, unknown> = { ...check, reachable: false, latencyMs: null, error: "No TCP connection within 3000 ms" };
      for (const key of ["via", "proxy", "proxyStatus"]) delete direct[key];
      return direct;
    });
    expect(statuses(JSON.stringify(doc))).toEqual({
      "host-endpoints": "unknown",
      "host-port-443": "unknown",
      "host-port-80": "unknown",
      "host-port-8080": "unknown",
      "host-proxy-chunked": "fail",
    });
  });
});
