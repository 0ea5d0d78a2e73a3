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
      "If the firewall filters by originating user, the rule for the agent must allow Windows services running as Network Service; a check run as an administrator may succeed where the agent fails.",
    ],
    remediation: {
      summary: "Allow outbound TCP 443 from the agent server (for Network Service) to the Microsoft Entra endpoints, directly or through an HTTP/1.1 proxy with chunked encoding.",
      steps: [
        "Firewall: allow outbound TCP 443 from the agent server to the URLs in the prerequisites (see host-endpoints), or to the Azure datacenter IP ranges if URLs cannot be used.",
        "Proxy: it must support at least HTTP/1.1 with chunked encoding enabled; do not break TLS for these endpoints.",
        "Test: Test-NetConnection -ComputerName login.microsoftonline.com -Port 443",
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
      name: "only port 80 probed",
      expect: "unknown",
      context: hostContext({ network: { checks: [{ host: "crl.microsoft.com", port: 80, reachable: true }] } }),
    },
  ],
});
