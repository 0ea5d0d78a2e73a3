/**
 * Rules benchmark: evaluate every rule and roll up readiness for 50,000 synthetic servers on one core.
 * Budget: 1 second for evaluate + roll-up (fleet facts, shared rules once per domain, host rules per
 * server, per-server roll-up). The fleet is generated first and not timed. One warm-up run on a
 * slice, then RUNS timed runs over the whole fleet; the median is the figure and is held to the budget.
 *
 * Options: --servers=<n> (default 50000; the budget scales linearly), --runs=<n> (default 3), --seed=<s>,
 * --per-rule (also time each rule alone and list the slowest, in µs per server: where to optimise).
 */
import os from "node:os";
import { generateFleet } from "@/lib/demo";
import { evaluateFleet, RULESET_VERSION } from "@/lib/readiness/engine";
import { createEvaluator } from "@/lib/readiness/evaluator";
import type { DemoFleet } from "@/lib/demo";
import { VERDICTS, type Verdict } from "@/lib/readiness/verdict";
import { RULES } from "@/lib/rules";
import { formatInt, intOption, median, timed, type BenchSuite } from "./suite";

const DEFAULT_SERVERS = 50_000;
const BUDGET_MS_PER_50K = 1_000;

const suite: BenchSuite = {
  name: "rules",
  description: "evaluate + roll-up for 50,000 servers on one core (budget 1 s per 50,000)",
  run(options) {
    const servers = intOption(options, "servers", DEFAULT_SERVERS);
    const runs = intOption(options, "runs", 3);
    const seed = options.seed ?? "bench";
    const budgetMs = (BUDGET_MS_PER_50K * servers) / DEFAULT_SERVERS;

    const generated = timed(() => generateFleet({ servers, seed }));
    const fleet = generated.value;
    const warmup = timed(() => evaluateFleet({ ...fleet, hosts: fleet.hosts.slice(0, Math.min(2_000, servers)) }));

    const times: number[] = [];
    let counts: Record<Verdict, number> = { ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 };
    let results = 0;
    for (let run = 0; run < runs; run++) {
      const { ms, value } = timed(() => evaluateFleet(fleet));
      times.push(ms);
      counts = { ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 };
      results = 0;
      for (const host of value.hosts) {
        counts[host.readiness.verdict]++;
        results += host.hostResults.length + host.sharedResults.length;
      }
    }
    const ms = median(times);
    const perRule = options["per-rule"] === undefined ? [] : perRuleCosts(fleet);
    const ok = ms <= budgetMs;
    const perSecond = (servers / ms) * 1000;
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    return {
      ok,
      figure:
        `rules: evaluate + roll-up of ${formatInt(servers)} servers in ${ms.toFixed(0)} ms ` +
        `(${formatInt(perSecond)} servers/s, median of ${runs}; budget ${formatInt(budgetMs)} ms) ${ok ? "PASS" : "FAIL"}`,
      details: [
        `ruleset ${RULESET_VERSION}: ${RULES.length} rules; ${formatInt(results)} results per run`,
        `runs: ${times.map((t) => `${t.toFixed(0)} ms`).join(", ")} (warm-up on ${formatInt(Math.min(2_000, servers))} servers: ${warmup.ms.toFixed(0)} ms)`,
        `fleet generated in ${generated.ms.toFixed(0)} ms (seed ${JSON.stringify(seed)}, not timed)`,
        `verdicts: ${VERDICTS.map((v) => `${v} ${formatInt(counts[v])}`).join(", ")}`,
        `machine: ${cpu}, ${os.cpus().length} logical cores, Node ${process.version}, single thread`,
        ...perRule,
      ],
    };
  },
};

/**
 * Each host rule alone over the whole fleet, minus the engine's own cost: µs per server, slowest first.
 * Shared rules (domain, gMSA ACL, scope, tenant, fleet) run once per domain, so they are timed together.
 */
function perRuleCosts(fleet: DemoFleet): string[] {
  const servers = fleet.hosts.length;
  const engineOnly = createEvaluator([], "per-rule");
  engineOnly.evaluateFleet(fleet);
  const base = timed(() => engineOnly.evaluateFleet(fleet)).ms;
  const cost = (rules: typeof RULES) => {
    const evaluator = createEvaluator(rules, "per-rule");
    evaluator.evaluateFleet({ ...fleet, hosts: fleet.hosts.slice(0, 500) });
    return Math.max(0, timed(() => evaluator.evaluateFleet(fleet)).ms - base);
  };
  const hostRules = RULES.filter((rule) => rule.meta.scope === "host");
  const rows = hostRules.map((rule) => ({ id: rule.meta.id, us: (cost([rule]) * 1000) / servers })).sort((a, b) => b.us - a.us);
  const sharedMs = cost(RULES.filter((rule) => rule.meta.scope !== "host"));
  return [
    `per host rule (each alone; engine overhead ${((base * 1000) / servers).toFixed(2)} µs/server subtracted):`,
    ...rows.map((row) => `  ${row.id.padEnd(30)} ${row.us.toFixed(2).padStart(8)} µs/server`),
    `shared rules (${RULES.length - hostRules.length}, once per domain): ${sharedMs.toFixed(1)} ms in all`,
  ];
}

export default suite;
