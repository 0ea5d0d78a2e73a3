import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { endpointsFor, hostMatchesPattern, type EndpointRequirement } from "./endpoints";
import { hostContext } from "./host/examples";
import { readChecks, readCloud, type ProbeResult } from "./host/network";
import { at } from "./host/read";
import { COLLECTOR_HINT, prerequisites, prerequisites2025April, SECTION } from "./host/sources";

const FACT = "host.network.checks";

interface EndpointStatus {
  requirement: EndpointRequirement;
  /** Checks on the requirement's port whose host the pattern covers. */
  probes: ProbeResult[];
  state: "reached" | "failed" | "not-probed";
}

function statusOf(requirement: EndpointRequirement, checks: readonly ProbeResult[]): EndpointStatus {
  const probes = checks.filter((check) => check.port === requirement.port && hostMatchesPattern(check.host, requirement.pattern));
  const state = probes.length === 0 ? "not-probed" : probes.some((check) => check.reachable) ? "reached" : "failed";
  return { requirement, probes, state };
}

function expectedFor(requirement: EndpointRequirement): string {
  return `reachable on TCP ${requirement.port} (${requirement.category})`;
}

function failureEvidence(status: EndpointStatus): Evidence {
  const { requirement, probes } = status;
  const probe = probes.find((check) => check.host.toLowerCase() === requirement.probeHost) ?? probes[0];
  return evidence(
    FACT,
    { pattern: requirement.pattern, probeHost: probe.host, port: requirement.port, error: probe.error ?? "unreachable" },
    expectedFor(requirement),
  );
}

function collectHint(missing: readonly EndpointStatus[]): string {
  const shown = missing.slice(0, 5).map(({ requirement }) => `Test-NetConnection -ComputerName ${requirement.probeHost} -Port ${requirement.port}`);
  const more = missing.length > 5 ? `; and ${missing.length - 5} more endpoint(s)` : "";
  return `${shown.join("; ")}${more} (${COLLECTOR_HINT})`;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const host = at(ctx, "host");
  const checks = readChecks(host);
  if (!checks || checks.length === 0) {
    return unknown(FACT, `Test-NetConnection to each required endpoint (${COLLECTOR_HINT})`, "No outbound connectivity checks were collected.");
  }
  const cloudFact = readCloud(host);
  if (!cloudFact) {
    return unknown("host.network.cloud", "Record the host's cloud (public or usgov) in the inventory or collector output.", "The host's cloud is not one of public or usgov.");
  }
  const { cloud, assumed } = cloudFact;
  const cloudNote = assumed ? " (cloud not recorded; assumed public)" : "";
  const cloudEvidence = evidence("host.network.cloud", assumed ? "public (assumed)" : cloud, "the cloud whose allow-list applies");
  const statuses = endpointsFor(cloud).map((requirement) => statusOf(requirement, checks));
  const failed = statuses.filter((status) => status.state === "failed");
  const notProbed = statuses.filter((status) => status.state === "not-probed");
  const notProbedEvidence =
    notProbed.length > 0
      ? [evidence(FACT, { notProbed: notProbed.map(({ requirement }) => `${requirement.pattern}:${requirement.port}`) }, "every required endpoint probed")]
      : [];

  if (failed.length > 0) {
    return fail(
      `${failed.length} of ${statuses.length} required ${cloud} endpoints are unreachable${cloudNote}: ${failed
        .map(({ requirement }) => `${requirement.pattern}:${requirement.port}`)
        .join(", ")}.`,
      [...failed.map(failureEvidence), ...notProbedEvidence, cloudEvidence],
    );
  }
  if (notProbed.length > 0) {
    return unknown(
      FACT,
      collectHint(notProbed),
      `${statuses.length - notProbed.length} of ${statuses.length} required ${cloud} endpoints were reached${cloudNote}; not probed: ${notProbed
        .map(({ requirement }) => `${requirement.pattern}:${requirement.port}`)
        .join(", ")}.`,
      [...notProbedEvidence, cloudEvidence],
    );
  }
  return pass(`All ${statuses.length} required ${cloud} endpoints were reached${cloudNote}.`, [
    evidence(FACT, { reached: statuses.length }, "every required endpoint reachable"),
    cloudEvidence,
  ]);
}

/** Every required public-cloud endpoint reached through its probe host (for the examples). */
function allPublicReached(): ProbeResult[] {
  return endpointsFor("public").map((requirement) => ({ host: requirement.probeHost, port: requirement.port, reachable: true }));
}

export default defineRule({
  meta: {
    id: "host-endpoints",
    title: "The agent server can reach every required Microsoft Entra endpoint of its cloud",
    severity: "blocker",
    scope: "host",
    rationale:
      "If a firewall or proxy sits between the agent and Microsoft Entra ID, the agent must be allowed to reach the service, registration and certificate-validation URLs listed in the prerequisites for its cloud.",
    source: prerequisites(SECTION.firewall),
    otherSources: [prerequisites2025April(SECTION.firewall)],
    notes: [
      "The lists (public and US Government) are those of the 2026-07-27 page, in lib/rules/endpoints.ts. Entries written host:80 are checked on port 80; all others on 443.",
      "Wildcard entries cannot be probed directly; each has a representative probe host under the wildcard (lib/rules/endpoints.ts justifies each; some are marked UNCERTAIN). Any check on the right port whose host the pattern covers counts.",
      "The cloud comes from host.network.cloud; when not recorded, the public cloud is assumed and the message says so.",
      "Endpoints not probed make the result unknown (never fail) unless another endpoint failed; the evidence lists each failing endpoint with its pattern, probe host, port and error.",
      "The list changed over time: 2023 included *.cloudwebappproxy.net (gone by 2025-04); the 2025-04 registration list had only login.windows.net; login.live.com, aadcdn.msauth.net, aadcdn.msftauth.net and www.msftconnecttest.com appear in 2026-07-27. The US Government list's 'mfstauthimages.us' typo (2025) is fixed in 2026.",
    ],
    remediation: {
      summary: "Allow the agent server (Windows services running as Network Service) to reach every listed URL of its cloud, through the firewall and any proxy.",
      steps: [
        "Public cloud, TCP 443: *.msappproxy.net, *.servicebus.windows.net, *.microsoftonline.com, *.microsoft.com, *.msappproxy.com, *.windowsazure.com, login.windows.net, login.live.com, aadcdn.msauth.net, aadcdn.msftauth.net, www.msftconnecttest.com.",
        "Public cloud, TCP 80: mscrl.microsoft.com, crl.microsoft.com, ocsp.msocsp.com, www.microsoft.com.",
        "US Government cloud: see the U.S. Government Cloud tab of the prerequisites page (*.msappproxy.us, *.servicebus.usgovcloudapi.net, *.microsoftonline.us, login.windows.us, ... and the .us certificate-validation hosts on port 80).",
        "If URLs cannot be allowed, allow the Azure datacenter IP ranges (updated weekly).",
        "Proxy: at least HTTP/1.1 with chunked encoding enabled.",
      ],
    },
  },
  evaluate,
  remediationScript: () => null,
  examples: [
    {
      name: "every public endpoint reached",
      expect: "pass",
      context: hostContext({ network: { cloud: "public", checks: allPublicReached() } }),
    },
    {
      name: "Service Bus and CRL blocked by the proxy",
      expect: "fail",
      context: hostContext({
        network: {
          cloud: "public",
          checks: allPublicReached().map((check) =>
            check.host === "watchdog.servicebus.windows.net" || (check.host === "crl.microsoft.com" && check.port === 80)
              ? { ...check, reachable: false, error: "HTTP 403 from proxy" }
              : check,
          ),
        },
      }),
    },
    {
      name: "only the sign-in endpoint probed",
      expect: "unknown",
      context: hostContext({ network: { cloud: "public", checks: [{ host: "login.microsoftonline.com", port: 443, reachable: true }] } }),
    },
  ],
});
