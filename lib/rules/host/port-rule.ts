import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import type { RuleContext, RuleOutcome, Severity } from "@/lib/rules/types";
import { probeEvidence, readChecks, type ProbeResult } from "./network";
import { own } from "./read";
import { COLLECTOR_HINT } from "./sources";

const FACT = "host.network.checks";

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
  const collect = `Test-NetConnection -ComputerName ${options.probeHost} -Port ${port} (${COLLECTOR_HINT})`;
  const expected = `at least one outbound connection on TCP ${port} succeeds (${options.purpose})`;
  const notCollected = `No outbound connectivity checks were collected (needed for TCP ${port}).`;
  const portFact = `${FACT}[port=${port}]`;
  const passPrefix = `Outbound TCP ${port} is open: `;

  return function evaluatePortRule(ctx: RuleContext): RuleOutcome {
    const checks = readChecks(own(ctx, "host"));
    if (!checks) return unknown(FACT, collect, notCollected);
    const onPort: ProbeResult[] = [];
    let reached = "";
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i];
      if (check.port !== port) continue;
      onPort.push(check);
      if (check.reachable) reached = reached === "" ? check.host : `${reached}, ${check.host}`;
    }
    if (onPort.length === 0) {
      return unknown(portFact, collect, `No connectivity check on TCP ${port} was collected (${checks.length} check(s) on other ports).`);
    }
    if (reached !== "") {
      const probes = new Array<ReturnType<typeof probeEvidence>>(onPort.length);
      for (let i = 0; i < onPort.length; i++) probes[i] = probeEvidence(onPort[i]);
      return pass(`${passPrefix}${reached} reached.`, [evidence(FACT, probes, expected)]);
    }
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
