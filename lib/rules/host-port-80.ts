import { defineRule } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { createPortEvaluator } from "./host/port-rule";
import { prerequisites, SECTION } from "./host/sources";

export default defineRule({
  meta: {
    id: "host-port-80",
    title: "The agent server can make outbound connections on TCP 80 for certificate revocation checks",
    severity: "blocker",
    scope: "host",
    rationale:
      "The agent downloads certificate revocation lists (CRLs) over port 80 while validating TLS certificates; if they cannot be fetched, certificate validation and the connection to the service fail.",
    source: prerequisites(SECTION.firewall),
    notes: [
      "The port counts as open when any collected check on TCP 80 reached its host; it fails only when every check on 80 failed. The certificate-validation hosts (mscrl.microsoft.com, crl.microsoft.com, ocsp.msocsp.com, www.microsoft.com) are checked one by one by host-endpoints.",
      "Behind a WinHTTP proxy only the agent's path counts: checks made through the proxy (a plain HTTP HEAD request sent to the proxy, recorded with its answer), and direct checks of hosts on the proxy's bypass list. When every check on 80 was direct to a proxied host, the result is Unknown naming the proxy.",
    ],
    remediation: {
      summary: "Allow outbound TCP 80 from the agent server to the certificate validation endpoints.",
      steps: [
        "Public cloud: mscrl.microsoft.com:80, crl.microsoft.com:80, ocsp.msocsp.com:80, www.microsoft.com:80.",
        "US Government cloud: mscrl.microsoft.us:80, crl.microsoft.us:80, ocsp.msocsp.us:80, www.microsoft.us:80, ctldl.windowsupdate.us:80.",
        "Test: Test-NetConnection -ComputerName crl.microsoft.com -Port 80",
        "Test behind a proxy: netsh winhttp show proxy, then Invoke-WebRequest -Uri 'http://crl.microsoft.com/' -Method Head -UseBasicParsing -Proxy 'http://<proxy>:<port>'",
      ],
    },
  },
  evaluate: createPortEvaluator({
    port: 80,
    purpose: "certificate revocation list downloads during TLS certificate validation",
    probeHost: "crl.microsoft.com",
    severity: "blocker",
  }),
  remediationScript: () => null,
  examples: [
    {
      name: "CRL hosts reachable",
      expect: "pass",
      context: hostContext({
        network: {
          checks: [
            { host: "crl.microsoft.com", port: 80, reachable: true, latencyMs: 12 },
            { host: "ocsp.msocsp.com", port: 80, reachable: true, latencyMs: 15 },
          ],
        },
      }),
    },
    {
      name: "HTTP blocked outbound",
      expect: "fail",
      context: hostContext({
        network: {
          checks: [
            { host: "crl.microsoft.com", port: 80, reachable: false, error: "Connection refused by proxy" },
            { host: "login.microsoftonline.com", port: 443, reachable: true },
          ],
        },
      }),
    },
    {
      name: "CRL hosts reached through the WinHTTP proxy (plain HTTP request)",
      expect: "pass",
      context: hostContext({
        network: {
          proxy: { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "<local>" },
          checks: [
            { host: "crl.microsoft.com", port: 80, reachable: false, error: "TCP connect timed out" },
            { host: "crl.microsoft.com", port: 80, reachable: true, via: "proxy", proxy: "proxy.corp.contoso.com:8080", proxyStatus: "HTTP/1.1 200 OK" },
          ],
        },
      }),
    },
    { name: "connectivity not collected", expect: "unknown", context: hostContext({}) },
    {
      name: "behind a proxy, port 80 probed only directly",
      expect: "unknown",
      context: hostContext({
        network: {
          proxy: { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "<local>" },
          checks: [{ host: "crl.microsoft.com", port: 80, reachable: false, error: "TCP connect timed out" }],
        },
      }),
    },
  ],
});
