import { defineRule } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { createPortEvaluator } from "./host/port-rule";
import { prerequisites, SECTION } from "./host/sources";

export default defineRule({
  meta: {
    id: "host-port-443",
    title: "The agent server can make outbound connections on TCP 443",
    severity: "blocker",
    scope: "host",
    rationale: "Port 443 handles all outbound communication between the provisioning agent and the Microsoft Entra service.",
    source: prerequisites(SECTION.firewall),
    notes: [
      "The port counts as open when any collected check on TCP 443 reached its host; it fails only when every check on 443 failed (the failed checks are listed). Which endpoints must be reachable is host-endpoints' job.",
      "Behind a WinHTTP proxy only the agent's path counts: checks made through the proxy (an HTTP CONNECT, recorded with the proxy's answer), and direct checks of hosts on the proxy's bypass list. When every check on 443 was direct to a proxied host, the result is Unknown naming the proxy: a direct connection neither proves nor disproves the path the agent uses.",
      "If the firewall filters by originating user, the rule for the agent must allow Windows services running as Network Service; a check run as an administrator may succeed where the agent fails.",
    ],
    remediation: {
      summary: "Allow outbound TCP 443 from the agent server (for Network Service) to the Microsoft Entra endpoints, directly or through an HTTP/1.1 proxy with chunked encoding.",
      steps: [
        "Firewall: allow outbound TCP 443 from the agent server to the URLs in the prerequisites (see host-endpoints), or to the Azure datacenter IP ranges if URLs cannot be used.",
        "Proxy: it must support at least HTTP/1.1 with chunked encoding enabled; do not break TLS for these endpoints.",
        "Test: Test-NetConnection -ComputerName login.microsoftonline.com -Port 443",
        "Test behind a proxy: netsh winhttp show proxy, then Invoke-WebRequest -Uri 'https://login.microsoftonline.com/' -Method Head -UseBasicParsing -Proxy 'http://<proxy>:<port>'",
      ],
    },
  },
  evaluate: createPortEvaluator({ port: 443, purpose: "all outbound service traffic", probeHost: "login.microsoftonline.com", severity: "blocker" }),
  remediationScript: () => null,
  examples: [
    {
      name: "443 reachable",
      expect: "pass",
      context: hostContext({
        network: {
          cloud: "public",
          checks: [
            { host: "login.microsoftonline.com", port: 443, reachable: true, latencyMs: 18 },
            { host: "watchdog.servicebus.windows.net", port: 443, reachable: false, error: "TCP connect timed out" },
          ],
        },
      }),
    },
    {
      name: "443 blocked by the perimeter firewall",
      expect: "fail",
      context: hostContext({
        network: {
          checks: [
            { host: "login.microsoftonline.com", port: 443, reachable: false, error: "TCP connect timed out" },
            { host: "download.msappproxy.net", port: 443, reachable: false, error: "TCP connect timed out" },
            { host: "crl.microsoft.com", port: 80, reachable: true },
          ],
        },
      }),
    },
    {
      name: "443 reached through the WinHTTP proxy (HTTP CONNECT)",
      expect: "pass",
      context: hostContext({
        network: {
          proxy: { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "<local>;*.corp.contoso.com" },
          checks: [
            { host: "login.microsoftonline.com", port: 443, reachable: true, via: "proxy", proxy: "proxy.corp.contoso.com:8080", proxyStatus: "HTTP/1.1 200 Connection established" },
          ],
        },
      }),
    },
    {
      name: "behind a proxy, 443 probed only directly",
      expect: "unknown",
      context: hostContext({
        network: {
          proxy: { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "<local>;*.corp.contoso.com" },
          checks: [{ host: "login.microsoftonline.com", port: 443, reachable: false, error: "TCP connect timed out" }],
        },
      }),
    },
    {
      name: "only port 80 probed",
      expect: "unknown",
      context: hostContext({ network: { checks: [{ host: "crl.microsoft.com", port: 80, reachable: true }] } }),
    },
  ],
});
