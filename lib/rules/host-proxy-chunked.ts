import { evidence, fail, pass } from "@/lib/rules/outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { constantUnknown, frozenSingle } from "./host/frozen";
import { readChecks, type ProbeResult } from "./host/network";
import { describeProxy, isBypassed, proxyServerForPort, readProxy, type ProxySetting } from "./host/proxy";
import { own } from "./host/read";
import { COLLECTOR_HINT, prerequisites, prerequisites2025April, SECTION } from "./host/sources";

const FACT = "host.network.proxy";
const EXPECTED = "a proxy on the agent's path supports at least HTTP/1.1 with chunked encoding enabled";
const NOT_COLLECTED = constantUnknown(
  FACT,
  { command: "netsh winhttp show proxy", note: COLLECTOR_HINT },
  "Whether the server sends its traffic through a proxy was not collected.",
);
const NO_PROXY_EVIDENCE = frozenSingle(FACT, { configured: false }, EXPECTED);
const NO_PROXY_MESSAGE =
  "No WinHTTP proxy is configured: the agent connects directly, so the proxy requirement (HTTP/1.1 with chunked encoding) does not apply.";

/** "HTTP/1.0 200 Connection established" and the like: a proxy that answers in HTTP/1.0. */
const HTTP10 = /^HTTP\/1\.0\b/i;

function evaluate(ctx: RuleContext): RuleOutcome {
  const host = own(ctx, "host");
  const proxy = readProxy(host);
  const proxied: ProbeResult[] = [];
  const checks = readChecks(host);
  if (checks) for (const check of checks) if (check.via === "proxy") proxied.push(check);
  if (proxied.length === 0) {
    if (proxy === undefined) return NOT_COLLECTED();
    if (proxy === null) return pass(NO_PROXY_MESSAGE, NO_PROXY_EVIDENCE);
    // A proxy is set but every endpoint the collector probed bypasses it (bypass list, or no proxy for that scheme):
    // the agent's traffic does not go through it.
    const direct = checks ?? [];
    if (direct.length > 0 && direct.every((check) => isBypassed(proxy.bypass, check.host) || proxyServerForPort(proxy, check.port) === null)) {
      return pass(
        `A WinHTTP proxy is configured (${describeProxy(proxy)}), but every endpoint the agent uses bypasses it (${direct.length} probed directly): the proxy requirement (HTTP/1.1 with chunked encoding) does not apply.`,
        [evidence(FACT, { address: proxy.address, bypass: proxy.bypass }, EXPECTED), evidence(`${FACT}.bypassed`, direct.slice(0, 5).map((check) => `${check.host}:${check.port}`), "no endpoint through the proxy")],
      );
    }
  }
  const setting: ProxySetting = proxy ?? { address: proxied[0].proxy ?? "(address not recorded)", bypass: "" };
  const answers = proxied
    .filter((check) => check.proxyStatus !== undefined)
    .map((check) => ({ host: check.host, port: check.port, proxy: check.proxy ?? setting.address, proxyStatus: check.proxyStatus! }));
  const found = [evidence(FACT, { address: setting.address, bypass: setting.bypass }, EXPECTED)];
  const http10 = answers.filter((answer) => HTTP10.test(answer.proxyStatus));
  if (http10.length > 0) {
    found.push(evidence(`${FACT}.answers`, http10, "status lines in HTTP/1.1"));
    return fail(
      `The agent's traffic goes through ${describeProxy(setting)}, which answered in HTTP/1.0 (${http10
        .slice(0, 3)
        .map((answer) => `${answer.host}:${answer.port}: ${answer.proxyStatus}`)
        .join("; ")}): the agent needs a proxy that supports at least HTTP/1.1 with chunked encoding enabled.`,
      found,
      "warning",
    );
  }
  if (answers.length > 0) found.push(evidence(`${FACT}.answers`, answers.slice(0, 5), "status lines in HTTP/1.1"));
  return fail(
    `The agent's traffic goes through ${describeProxy(setting)}: check that it supports at least HTTP/1.1 with chunked encoding enabled (a probe cannot show it${
      answers.length > 0 ? `; it answered the collector's ${answers.length} request(s) in HTTP/1.1` : ""
    }).`,
    found,
    "warning",
  );
}

const PROXY = { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "<local>;*.corp.contoso.com" };

export default defineRule({
  meta: {
    id: "host-proxy-chunked",
    title: "A proxy on the agent's path supports HTTP/1.1 with chunked encoding",
    severity: "warning",
    scope: "host",
    rationale:
      "The agent keeps long-running HTTPS connections to the Microsoft Entra service; a proxy on the way must support at least HTTP/1.1 with chunked encoding enabled, or the agent's requests fail.",
    source: prerequisites(SECTION.firewall),
    otherSources: [prerequisites2025April(SECTION.firewall)],
    notes: [
      "The requirement ('Ensure that your proxy supports at least HTTP 1.1 protocol and chunked encoding is enabled') is on the 2025-04 and 2026-07-27 revisions; the 2023 revision did not have it.",
      "No probe can show that a proxy keeps chunked encoding enabled: when a proxy is configured the result is a failing warning that asks the admin to check it (a waiver records the answer). When the collector's requests through the proxy were answered in HTTP/1.0, the proxy is known not to meet the requirement and the message says so.",
      "No proxy configured: pass. Proxy setting not collected: unknown.",
    ],
    remediation: {
      summary: "Confirm that the proxy the agent uses speaks at least HTTP/1.1 with chunked transfer encoding enabled, or let the agent server bypass it for the Microsoft Entra endpoints.",
      steps: [
        "Show the proxy the agent uses: netsh winhttp show proxy",
        "Ask the proxy's administrator to confirm HTTP/1.1 and chunked transfer encoding for the agent server's traffic (no HTTP/1.0 downgrade, no buffering that strips Transfer-Encoding: chunked), and that TLS to the Microsoft Entra endpoints is not inspected.",
        "Or bypass the proxy for the agent's endpoints through the firewall, then run the collector again.",
      ],
    },
  },
  evaluate,
  remediationScript: () => null,
  examples: [
    {
      name: "no proxy configured",
      expect: "pass",
      context: hostContext({ network: { proxy: { configured: false }, checks: [{ host: "login.microsoftonline.com", port: 443, reachable: true }] } }),
    },
    {
      name: "proxy configured: check chunked encoding",
      expect: "fail",
      context: hostContext({
        network: {
          proxy: PROXY,
          checks: [
            { host: "login.microsoftonline.com", port: 443, reachable: true, via: "proxy", proxy: "proxy.corp.contoso.com:8080", proxyStatus: "HTTP/1.1 200 Connection established" },
          ],
        },
      }),
    },
    {
      name: "the proxy answers in HTTP/1.0",
      expect: "fail",
      context: hostContext({
        network: {
          proxy: PROXY,
          checks: [
            { host: "login.microsoftonline.com", port: 443, reachable: true, via: "proxy", proxy: "proxy.corp.contoso.com:8080", proxyStatus: "HTTP/1.0 200 Connection established" },
          ],
        },
      }),
    },
    {
      name: "proxy configured, but every endpoint the agent uses is on its bypass list",
      expect: "pass",
      context: hostContext({
        network: {
          proxy: { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "*.microsoftonline.com;*.msappproxy.net" },
          checks: [
            { host: "login.microsoftonline.com", port: 443, reachable: true },
            { host: "connector.msappproxy.net", port: 443, reachable: true },
          ],
        },
      }),
    },
    { name: "proxy setting not collected", expect: "unknown", context: hostContext({ network: { checks: [] } }) },
  ],
});
