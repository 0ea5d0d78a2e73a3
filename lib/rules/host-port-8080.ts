import { defineRule } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { createPortEvaluator } from "./host/port-rule";
import { prerequisites, SECTION } from "./host/sources";

export default defineRule({
  meta: {
    id: "host-port-8080",
    title: "The agent server can report its status over TCP 8080 (optional)",
    severity: "info",
    scope: "host",
    rationale:
      "Agents report their status every 10 minutes over port 8080 when port 443 is unavailable; the status is shown in the Microsoft Entra admin center. The port is optional.",
    source: prerequisites(SECTION.firewall),
    notes: [
      "Optional per the prerequisites, so a fail is informational only.",
      "The page does not name the status endpoint; any collected check on TCP 8080 that reaches its host counts as open.",
    ],
    remediation: {
      summary: "Optionally allow outbound TCP 8080 from the agent server so it can still report status when 443 is unavailable.",
      steps: ["Firewall: allow outbound TCP 8080 from the agent server to the Microsoft Entra service endpoints (*.msappproxy.net)."],
    },
  },
  evaluate: createPortEvaluator({
    port: 8080,
    purpose: "optional status reporting every 10 minutes when 443 is unavailable",
    probeHost: "download.msappproxy.net",
    severity: "info",
  }),
  remediationScript: () => null,
  examples: [
    {
      name: "8080 reachable",
      expect: "pass",
      context: hostContext({ network: { checks: [{ host: "download.msappproxy.net", port: 8080, reachable: true }] } }),
    },
    {
      name: "8080 blocked",
      expect: "fail",
      context: hostContext({
        network: { checks: [{ host: "download.msappproxy.net", port: 8080, reachable: false, error: "TCP connect timed out" }] },
      }),
    },
    {
      name: "8080 not probed",
      expect: "unknown",
      context: hostContext({ network: { checks: [{ host: "login.microsoftonline.com", port: 443, reachable: true }] } }),
    },
  ],
});
