import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import type { RuleContext, RuleOutcome, Severity } from "@/lib/rules/types";
import { probeEvidence, readChecks } from "./network";
import { at } from "./read";
import { COLLECTOR_HINT } from "./sources";

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
 */
export function evaluatePort(ctx: RuleContext, options: PortRuleOptions): RuleOutcome {
  const { port } = options;
  const fact = "host.network.checks";
  const collect = `Test-NetConnection -ComputerName ${options.probeHost} -Port ${port} (${COLLECTOR_HINT})`;
  const checks = readChecks(at(ctx, "host"));
  if (!checks) return unknown(fact, collect, `No outbound connectivity checks were collected (needed for TCP ${port}).`);
  const onPort = checks.filter((check) => check.port === port);
  if (onPort.length === 0) {
    return unknown(
      `${fact}[port=${port}]`,
      collect,
      `No connectivity check on TCP ${port} was collected (${checks.length} check(s) on other ports).`,
    );
  }
  const reached = onPort.filter((check) => check.reachable);
  const expected = `at least one outbound connection on TCP ${port} succeeds (${options.purpose})`;
  if (reached.length > 0) {
    return pass(
      `Outbound TCP ${port} is open: ${reached.map((check) => check.host).join(", ")} reached.`,
      [evidence(fact, onPort.map(probeEvidence), expected)],
    );
  }
  return fail(
    `Outbound TCP ${port} appears blocked: all ${onPort.length} check(s) failed (${onPort
      .map((check) => `${check.host}${check.error ? `: ${check.error}` : ""}`)
      .join("; ")}).`,
    onPort.map((check) => evidence(fact, probeEvidence(check), expected)),
    options.severity,
  );
}
