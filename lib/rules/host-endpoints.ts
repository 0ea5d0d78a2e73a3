import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type CollectHint, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import type { Cloud, NetworkCheck } from "@/lib/facts";
import { compilePattern, endpointsFor, matchesCompiled, normalizeHostName, type CompiledPattern, type EndpointRequirement } from "./endpoints";
import { hostContext } from "./host/examples";
import { readCloud, type ProbeResult } from "./host/network";
import { describeProxy, proxiedTestCommand, readProbePaths, type ProxySetting } from "./host/proxy";
import { constantUnknown, frozenEvidence } from "./host/frozen";
import { own } from "./host/read";
import { COLLECTOR_HINT, prerequisites, prerequisites2025April, SECTION } from "./host/sources";

const FACT = "host.network.checks";
const BAD_CLOUD = constantUnknown(
  "host.network.cloud",
  { command: "", note: "Record the host's cloud (public or usgov) in the inventory, or run the collector with -Cloud Public or -Cloud USGov." },
  "The host's cloud is not one of public or usgov.",
);

/** Said beside the Test-NetConnection lines: why a wildcard entry is tested through one host under it. */
const WILDCARD_NOTE =
  "A wildcard entry (such as *.msappproxy.net) cannot be tested as such: its line tests one host under it, named in the comment " +
  "(lib/rules/endpoints.ts says why each; a pass there is good evidence, not proof, that the firewall allows the whole wildcard).";

/** A requirement with everything the evaluation needs worked out once, at module load. */
interface PlannedRequirement {
  requirement: EndpointRequirement;
  port: number;
  /** The entry's second port (EndpointRequirement.alsoPort), -1 when none. */
  alsoPort: number;
  pattern: CompiledPattern;
  /** "*.msappproxy.net:443" */
  label: string;
  expected: string;
  /** The Test-NetConnection line that collects it (a wildcard's pattern as a trailing comment). */
  collect: string;
}

interface CloudPlan {
  requirements: readonly PlannedRequirement[];
  /** Pass messages, without and with the "assumed public" note. */
  passMessage: string;
  passMessageAssumed: string;
  /** Pass evidence (every endpoint reached, and the cloud), without and with the cloud assumed. */
  passEvidence: Evidence[];
  passEvidenceAssumed: Evidence[];
  /**
   * The collector's probes for this cloud (each requirement's probe host and port, in table order), when
   * reaching all of them reaches every requirement: then a host whose first checks are exactly these, all
   * reached, passes without matching each pattern against each check. Null if that did not hold.
   */
  standard: { hosts: readonly string[]; ports: readonly number[] } | null;
}

function planFor(cloud: Cloud): CloudPlan {
  const requirements = endpointsFor(cloud).map(
    (requirement): PlannedRequirement => ({
      requirement,
      port: requirement.port,
      alsoPort: requirement.alsoPort ?? -1,
      pattern: compilePattern(requirement.pattern),
      label: `${requirement.pattern}:${requirement.port}`,
      expected: `reachable on TCP ${requirement.port}${requirement.alsoPort ? ` or ${requirement.alsoPort}` : ""} (${requirement.category})`,
      collect:
        `Test-NetConnection -ComputerName ${requirement.probeHost} -Port ${requirement.port}` +
        (requirement.pattern === requirement.probeHost ? "" : `  # ${requirement.pattern}`),
    }),
  );
  const passMessage = `All ${requirements.length} required ${cloud} endpoints were reached`;
  const reached = (): Evidence => evidence(FACT, { reached: requirements.length }, "every required endpoint reachable");
  const standardChecks: ProbeResult[] = requirements.map(({ requirement }) => ({ host: requirement.probeHost, port: requirement.port, reachable: true, error: null }));
  const standardNames = standardChecks.map((check) => normalizeHostName(check.host));
  const coversAll = requirements.every((planned) => standardChecks.some((check, i) => check.port === planned.port && matchesCompiled(standardNames[i], planned.pattern)));
  const isNormalized = standardChecks.every((check, i) => standardNames[i] === check.host);
  return {
    requirements,
    standard: coversAll && isNormalized ? { hosts: standardChecks.map((check) => check.host), ports: standardChecks.map((check) => check.port) } : null,
    passMessage: `${passMessage}.`,
    passMessageAssumed: `${passMessage}${ASSUMED_NOTE}.`,
    passEvidence: frozenEvidence(reached(), cloudEvidence(cloud, false)),
    passEvidenceAssumed: frozenEvidence(reached(), cloudEvidence(cloud, true)),
  };
}

function cloudEvidence(cloud: Cloud, assumed: boolean): Evidence {
  return evidence("host.network.cloud", assumed ? "public (assumed)" : cloud, "the cloud whose allow-list applies");
}

const ASSUMED_NOTE = " (cloud not recorded; assumed public)";
const PLANS: Readonly<Record<Cloud, CloudPlan>> = { public: planFor("public"), usgov: planFor("usgov") };

/** No checks at all: one Test-NetConnection line per required endpoint of the host's cloud (public when not recorded). */
const NO_CHECKS: Readonly<Record<Cloud, () => RuleOutcome>> = {
  public: constantUnknown(FACT, collectHint(PLANS.public.requirements), "No outbound connectivity checks were collected."),
  usgov: constantUnknown(FACT, collectHint(PLANS.usgov.requirements), "No outbound connectivity checks were collected."),
};

const REACHED = 0;
const FAILED = 1;
const NOT_PROBED = 2;

/** Scratch space reused by every evaluation (rules run synchronously, one at a time). */
let names: string[] = [];
let states = new Uint8Array(64);

/** REACHED when any check on the requirement's port whose host the pattern covers was reachable; FAILED when all failed. */
function stateOf(planned: PlannedRequirement, checks: readonly ProbeResult[]): number {
  let state = NOT_PROBED;
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i];
    if ((check.port !== planned.port && check.port !== planned.alsoPort) || !matchesCompiled(names[i], planned.pattern)) continue;
    if (check.reachable) return REACHED;
    state = FAILED;
  }
  return state;
}

/** True when the first checks are the standard probes (same host text and port, in order), each reached. */
function allStandardReached(checks: readonly ProbeResult[], standard: NonNullable<CloudPlan["standard"]>): boolean {
  const { hosts, ports } = standard;
  if (checks.length < hosts.length) return false;
  for (let i = 0; i < hosts.length; i++) {
    const check = checks[i];
    if (!check.reachable || check.port !== ports[i] || check.host !== hosts[i]) return false;
  }
  return true;
}

/**
 * The checks a requirement covers (only built for the endpoints reported as failed or unknown). `names` holds the
 * normalized names of the counted checks; another list (`normalize`) has its names normalized here.
 */
function probesOf(planned: PlannedRequirement, checks: readonly ProbeResult[], normalize = false): ProbeResult[] {
  const probes: ProbeResult[] = [];
  for (let i = 0; i < checks.length; i++) {
    const name = normalize ? normalizeHostName(checks[i].host) : names[i];
    if ((checks[i].port === planned.port || checks[i].port === planned.alsoPort) && matchesCompiled(name, planned.pattern)) probes.push(checks[i]);
  }
  return probes;
}

function failureEvidence(planned: PlannedRequirement, checks: readonly ProbeResult[]): Evidence {
  const { requirement } = planned;
  const probes = probesOf(planned, checks);
  const probe = probes.find((check) => check.host.toLowerCase() === requirement.probeHost) ?? probes[0];
  return evidence(
    FACT,
    { pattern: requirement.pattern, probeHost: probe.host, port: requirement.port, error: probe.error ?? "unreachable" },
    planned.expected,
  );
}

/** One Test-NetConnection line per endpoint (the same probe twice is tested once), with the wildcard note. */
function collectHint(missing: readonly PlannedRequirement[]): CollectHint {
  const lines = [...new Set(missing.map((planned) => planned.collect))];
  const wildcard = missing.some((planned) => planned.requirement.pattern.includes("*"));
  return { command: lines.join("\n"), note: wildcard ? `${WILDCARD_NOTE} ${COLLECTOR_HINT}` : COLLECTOR_HINT };
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const host = own(ctx, "host");
  const paths = readProbePaths(host);
  const checks = paths?.counted;
  const cloudFact = readCloud(host);
  if (!paths || (checks!.length === 0 && paths.directOnly.length === 0)) {
    return NO_CHECKS[cloudFact?.cloud ?? "public"]();
  }
  if (!cloudFact) {
    return BAD_CLOUD();
  }
  const { cloud, assumed } = cloudFact;
  const plan = PLANS[cloud];
  const requirements = plan.requirements;
  const total = requirements.length;

  if (!checks) return BAD_CLOUD();
  if (plan.standard !== null && allStandardReached(checks, plan.standard)) {
    return assumed ? pass(plan.passMessageAssumed, plan.passEvidenceAssumed) : pass(plan.passMessage, plan.passEvidence);
  }

  if (names.length < checks.length) names = new Array<string>(checks.length);
  for (let i = 0; i < checks.length; i++) names[i] = normalizeHostName(checks[i].host);
  if (states.length < total) states = new Uint8Array(total);
  let failedCount = 0;
  let notProbedCount = 0;
  for (let r = 0; r < total; r++) {
    const state = stateOf(requirements[r], checks);
    states[r] = state;
    if (state === FAILED) failedCount++;
    else if (state === NOT_PROBED) notProbedCount++;
  }

  if (failedCount === 0 && notProbedCount === 0) {
    return assumed ? pass(plan.passMessageAssumed, plan.passEvidenceAssumed) : pass(plan.passMessage, plan.passEvidence);
  }
  const cloudFound = cloudEvidence(cloud, assumed);

  const failed: PlannedRequirement[] = [];
  const notProbed: PlannedRequirement[] = [];
  for (let r = 0; r < total; r++) {
    if (states[r] === FAILED) failed.push(requirements[r]);
    else if (states[r] === NOT_PROBED) notProbed.push(requirements[r]);
  }
  const cloudNote = assumed ? ASSUMED_NOTE : "";
  const notProbedEvidence =
    notProbed.length > 0 ? [evidence(FACT, { notProbed: notProbed.map((planned) => planned.label) }, "every required endpoint probed")] : [];

  if (failed.length > 0) {
    const found = failed.map((planned) => failureEvidence(planned, checks));
    for (const item of notProbedEvidence) found.push(item);
    found.push(cloudFound);
    return fail(
      `${failed.length} of ${total} required ${cloud} endpoints are unreachable${cloudNote}: ${failed.map((planned) => planned.label).join(", ")}.`,
      found,
    );
  }
  const proxy = paths.proxy;
  if (proxy !== null && paths.directOnly.length > 0) {
    const directOnly = notProbed.filter((planned) => probesOf(planned, paths.directOnly, true).length > 0);
    if (directOnly.length > 0) return directOnlyUnknown(proxy, cloud, total, notProbed, directOnly, [...notProbedEvidence, cloudFound], cloudNote);
  }
  return unknown(
    FACT,
    collectHint(notProbed),
    `${total - notProbed.length} of ${total} required ${cloud} endpoints were reached${cloudNote}; not probed: ${notProbed
      .map((planned) => planned.label)
      .join(", ")}.`,
    [...notProbedEvidence, cloudFound],
  );
}

/** Unknown naming the proxy: some endpoints were probed only directly, on a host whose agent goes through the proxy. */
function directOnlyUnknown(
  proxy: ProxySetting,
  cloud: Cloud,
  total: number,
  notProbed: readonly PlannedRequirement[],
  directOnly: readonly PlannedRequirement[],
  found: Evidence[],
  cloudNote: string,
): RuleOutcome {
  const lines = [...new Set(directOnly.map((planned) => proxiedTestCommand(proxy, planned.port, planned.requirement.probeHost)))];
  const others = notProbed.length - directOnly.length;
  found.unshift(evidence("host.network.proxy", { address: proxy.address, bypass: proxy.bypass }, "probes on the agent's path: through the proxy, or direct to a bypassed host"));
  return unknown(
    FACT,
    { command: ["netsh winhttp show proxy", ...lines].join("\n"), note: `Each line sends one HEAD request through the proxy the agent uses (any HTTP answer from the service means the path is open; 403 or 407 from the proxy means it is not). ${COLLECTOR_HINT}` },
    `${total - notProbed.length} of ${total} required ${cloud} endpoints were reached${cloudNote}; ${directOnly.length} were only probed directly, but this server sends the agent's traffic through ${describeProxy(proxy)}: ${directOnly
      .map((planned) => planned.label)
      .join(", ")}${others > 0 ? `; ${others} not probed at all` : ""}.`,
    found,
  );
}

/** Every required public-cloud endpoint reached through its probe host (for the examples). */
function allPublicReached(): NetworkCheck[] {
  return endpointsFor("public").map((requirement) => ({ host: requirement.probeHost, port: requirement.port, reachable: true }));
}

const EXAMPLE_PROXY = { configured: true, address: "proxy.corp.contoso.com:8080", bypass: "<local>;*.corp.contoso.com" };

/** A probe as the collector makes it through the example proxy (CONNECT for 443, a plain request for 80). */
function throughProxy(check: NetworkCheck): NetworkCheck {
  const status = check.port === 80 ? "HTTP/1.1 200 OK" : "HTTP/1.1 200 Connection established";
  return { ...check, via: "proxy", proxy: "proxy.corp.contoso.com:8080", proxyStatus: status };
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
      "Behind a WinHTTP proxy only the agent's path counts: probes made through the proxy (an HTTP CONNECT for 443, a plain request for 80, each with the proxy's answer), and direct probes of hosts on the proxy's bypass list. An endpoint probed only directly on a proxied host is Unknown, and the message names the proxy; a 403 from the proxy is a fail of that endpoint.",
      "www.msftconnecttest.com is listed without a port, which by the page's convention means 443; it is also Windows' network connectivity test host, fetched over HTTP (port 80). The collector probes both ports and either one reached satisfies the entry; it fails only when every probe on both ports failed.",
      "The list changed over time: 2023 included *.cloudwebappproxy.net (gone by 2025-04); the 2025-04 registration list had only login.windows.net; login.live.com, aadcdn.msauth.net, aadcdn.msftauth.net and www.msftconnecttest.com appear in 2026-07-27. The US Government list's 'mfstauthimages.us' typo (2025) is fixed in 2026.",
    ],
    remediation: {
      summary: "Allow the agent server (Windows services running as Network Service) to reach every listed URL of its cloud, through the firewall and any proxy.",
      steps: [
        "Public cloud, TCP 443: *.msappproxy.net, *.servicebus.windows.net, *.microsoftonline.com, *.microsoft.com, *.msappproxy.com, *.windowsazure.com, login.windows.net, login.live.com, aadcdn.msauth.net, aadcdn.msftauth.net, www.msftconnecttest.com.",
        "Public cloud, TCP 80: mscrl.microsoft.com, crl.microsoft.com, ocsp.msocsp.com, www.microsoft.com.",
        "US Government cloud: see the U.S. Government Cloud tab of the prerequisites page (*.msappproxy.us, *.servicebus.usgovcloudapi.net, *.microsoftonline.us, login.windows.us, ... and the .us certificate-validation hosts on port 80).",
        "If URLs cannot be allowed, allow the Azure datacenter IP ranges (updated weekly).",
        "Proxy: at least HTTP/1.1 with chunked encoding enabled, and every listed URL allowed at the proxy too (a 403 from the proxy fails the endpoint).",
        "Test behind a proxy: netsh winhttp show proxy, then for each endpoint Invoke-WebRequest -Uri 'https://<host>/' -Method Head -UseBasicParsing -Proxy 'http://<proxy>:<port>' (http:// for the port 80 hosts).",
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
      name: "every public endpoint reached through the WinHTTP proxy",
      expect: "pass",
      context: hostContext({ network: { cloud: "public", proxy: EXAMPLE_PROXY, checks: allPublicReached().map(throughProxy) } }),
    },
    {
      name: "the proxy answers 403 for Service Bus",
      expect: "fail",
      context: hostContext({
        network: {
          cloud: "public",
          proxy: EXAMPLE_PROXY,
          checks: allPublicReached()
            .map(throughProxy)
            .map((check) =>
              check.host === "watchdog.servicebus.windows.net"
                ? { ...check, reachable: false, proxyStatus: "HTTP/1.1 403 Forbidden", error: "The proxy proxy.corp.contoso.com:8080 answered HTTP/1.1 403 Forbidden" }
                : check,
            ),
        },
      }),
    },
    {
      name: "behind a proxy, every endpoint probed only directly",
      expect: "unknown",
      context: hostContext({ network: { cloud: "public", proxy: EXAMPLE_PROXY, checks: allPublicReached() } }),
    },
    {
      name: "only the sign-in endpoint probed",
      expect: "unknown",
      context: hostContext({ network: { cloud: "public", checks: [{ host: "login.microsoftonline.com", port: 443, reachable: true }] } }),
    },
  ],
});
