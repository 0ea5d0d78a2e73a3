import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import type { RuleContext, RuleOutcome, Severity } from "@/lib/rules/types";
import type { Cloud } from "@/lib/facts";
import { endpointsFor } from "@/lib/rules/endpoints";
import { constantUnknown, freezeOutcome } from "./frozen";
import { probeEvidence, type ProbeResult } from "./network";
import { describeProxy, proxiedTestCommand, readProbePaths, type ProbePaths } from "./proxy";
import { own } from "./read";
import { COLLECTOR_HINT, hostCollect } from "./sources";

const FACT = "host.network.checks";
const PASS_SUFFIX = " reached.";
const PROXY_NOTE =
  "The first line shows the proxy the agent uses; the second sends one HEAD request through it (any HTTP answer from the service means the path is open; 403 or 407 from the proxy means it is not). " +
  COLLECTOR_HINT;

export interface PortRuleOptions {
  port: number;
  /** What the port is for, e.g. "certificate revocation list downloads". */
  purpose: string;
  /** A representative probe, e.g. "crl.microsoft.com". */
  probeHost: string;
  /** Severity of a fail (the rule's own severity). */
  severity: Severity;
}

/**
 * Shared evaluation for host-port-80/443/8080: the port is open when any probe on it reached its host;
 * it fails (listing the failed probes) when every probe on it failed; unknown when nothing probed it.
 * The texts that depend only on the options are built once, when the rule is defined.
 */
export function createPortEvaluator(options: PortRuleOptions): (ctx: RuleContext) => RuleOutcome {
  const { port, severity } = options;
  const collect = hostCollect(`Test-NetConnection -ComputerName ${options.probeHost} -Port ${port}`);
  const expected = `at least one outbound connection on TCP ${port} succeeds (${options.purpose})`;
  const notCollected = constantUnknown(FACT, collect, `No outbound connectivity checks were collected (needed for TCP ${port}).`);
  const portFact = `${FACT}[port=${port}]`;
  const passPrefix = `Outbound TCP ${port} is open: `;

  // With and without the probes of an entry's second port (collectors before 1.2 did not make them).
  const standard = [standardPass("public", true), standardPass("public", false), standardPass("usgov", true), standardPass("usgov", false)];

  /**
   * The pass outcome when the probes on this port are exactly the collector's standard probes for a cloud
   * (its allow-list hosts on this port, in table order; for a port the list does not name, the first service
   * endpoint, as the collector probes it), all reached without error: the most common case, whose message and
   * evidence depend only on that table, so they are built once here by the same code as below.
   */
  function standardPass(cloud: Cloud, secondPorts: boolean): { hosts: readonly string[]; outcome: RuleOutcome } {
    const endpoints = endpointsFor(cloud);
    let hosts = endpoints
      .filter((endpoint) => endpoint.port === port || (secondPorts && endpoint.alsoPort === port))
      .map((endpoint) => endpoint.probeHost);
    if (hosts.length === 0) hosts = endpoints.filter((endpoint) => endpoint.category === "service").slice(0, 1).map((endpoint) => endpoint.probeHost);
    const probes: ProbeResult[] = hosts.map((host) => Object.freeze({ host, port, reachable: true, error: null }));
    return { hosts, outcome: freezeOutcome(passWith(probes, hosts.slice())) };
  }

  function passWith(onPort: ProbeResult[], reached: string[], proxy: string | undefined = undefined): RuleOutcome {
    // One join() gives the whole message as one flat string; concatenating would keep a chain of partial
    // strings per server (the temporary first and last parts are garbage at once).
    reached[0] = (proxy === undefined ? passPrefix : `Outbound TCP ${port} is open through the proxy ${proxy}: `) + reached[0];
    reached[reached.length - 1] += PASS_SUFFIX;
    return pass(reached.join(", "), [evidence(FACT, onPort, expected)]);
  }

  /** True when the probes on this port are `hosts`, in order, each reached without error. */
  function isStandard(checks: readonly ProbeResult[], hosts: readonly string[]): boolean {
    let next = 0;
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i];
      if (check.port !== port) continue;
      // A proxied probe is not standard: its evidence carries the path.
      if (next >= hosts.length || check.host !== hosts[next] || !check.reachable || check.error !== null || check.via !== undefined) return false;
      next++;
    }
    return next === hosts.length;
  }

  /**
   * Unknown on a proxied host whose probes on this port were all direct: they test a path the agent does not take.
   * The evidence lists them (with the proxy), the hint tests the port through the proxy.
   */
  function directOnly(paths: ProbePaths, onPort: ProbeResult[]): RuleOutcome {
    const proxy = paths.proxy!;
    const reached = onPort.filter((check) => check.reachable).length;
    return unknown(
      portFact,
      { command: `netsh winhttp show proxy\n${proxiedTestCommand(proxy, port, options.probeHost)}`, note: PROXY_NOTE },
      `TCP ${port} was only probed directly (${reached} of ${onPort.length} check(s) reached), but this server sends the agent's traffic through ${describeProxy(proxy)}: a direct probe does not test that path. Collect again with a collector that probes through the proxy.`,
      [evidence(`host.network.proxy`, { address: proxy.address, bypass: proxy.bypass }, "probes on the agent's path: through the proxy, or direct to a bypassed host"), evidence(FACT, onPort, expected)],
    );
  }

  return function evaluatePortRule(ctx: RuleContext): RuleOutcome {
    const paths = readProbePaths(own(ctx, "host"));
    if (!paths) return notCollected();
    const checks = paths.counted;
    // Counted first, so the lists kept in the result are allocated once at their exact size.
    let onPortCount = 0;
    let reachedCount = 0;
    for (let i = 0; i < checks.length; i++) {
      if (checks[i].port !== port) continue;
      onPortCount++;
      if (checks[i].reachable) reachedCount++;
    }
    if (onPortCount === 0) {
      const direct = paths.directOnly.filter((check) => check.port === port);
      if (direct.length > 0) return directOnly(paths, direct);
      return unknown(portFact, collect, `No connectivity check on TCP ${port} was collected (${checks.length} check(s) on other ports).`);
    }
    if (reachedCount === onPortCount) {
      for (let s = 0; s < standard.length; s++) {
        if (standard[s].hosts.length === onPortCount && isStandard(checks, standard[s].hosts)) return standard[s].outcome;
      }
    }
    const onPort = new Array<ProbeResult>(onPortCount);
    const reached = new Array<string>(reachedCount);
    let proxy: string | undefined;
    for (let i = 0, p = 0, r = 0; i < checks.length; i++) {
      const check = checks[i];
      if (check.port !== port) continue;
      onPort[p++] = probeEvidence(check);
      if (!check.reachable) continue;
      reached[r++] = check.host;
      // Named when every reached probe went through the same proxy.
      if (r === 1) proxy = check.via === "proxy" ? check.proxy : undefined;
      else if (proxy !== undefined && (check.via !== "proxy" || check.proxy !== proxy)) proxy = undefined;
    }
    if (reachedCount > 0) return passWith(onPort, reached, proxy);
    return fail(
      `Outbound TCP ${port} appears blocked: all ${onPort.length} check(s) failed (${onPort
        .map((check) => `${check.host}${check.error ? `: ${check.error}` : ""}`)
        .join("; ")}).`,
      onPort.map((check) => evidence(FACT, probeEvidence(check), expected)),
      severity,
    );
  };
}

/** One-off evaluation with the given options (the rules use `createPortEvaluator`, which prepares the texts once). */
export function evaluatePort(ctx: RuleContext, options: PortRuleOptions): RuleOutcome {
  return createPortEvaluator(options)(ctx);
}
