/**
 * Rules benchmark: evaluate every rule and roll up readiness for 50,000 synthetic servers on one core.
 * Budget: 1 second for evaluate + roll-up (fleet facts, shared rules once per domain, host rules per
 * server, per-server roll-up). The fleet is generated first and not timed. One warm-up run on a
 * slice, then RUNS timed runs over the whole fleet; the median is the figure and is held to the budget.
 * Every result of a run is kept until the run is timed, as the application keeps them.
 *
 * Before the warm-up and before each timed run the heap is collected (a full GC, not timed), so that a run
 * does not pay for collecting the fleet generator's garbage or the previous run's results, which a single
 * evaluation in the application would not have. Garbage collection caused by the run itself stays in its
 * time; the details list it per run (scavenges, and any full GC), with the process CPU time: V8 scavenges
 * with helper threads, so CPU time above wall time means the second core helped. To see the figure with
 * one core only, pin the process: `taskset -c 0 npm run bench -- rules`.
 *
 * Options: --servers=<n> (default 50000; the budget scales linearly), --runs=<n> (default 3), --seed=<s>,
 * --per-rule (also time each rule alone and list the slowest, in µs per server: where to optimise).
 */
import os from "node:os";
import { constants, PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { generateFleet } from "@/lib/demo";
import { createEvaluator, evaluateFleet, RULESET_VERSION, type Verdict, VERDICTS } from "@/lib/readiness";
import type { DemoFleet } from "@/lib/demo";
import { RULES } from "@/lib/rules";
import { formatInt, intOption, median, timed, type BenchSuite } from "./suite";

const DEFAULT_SERVERS = 50_000;
const BUDGET_MS_PER_50K = 1_000;

/** A full garbage collection: `global.gc` when Node runs with --expose-gc, else the same function fetched at runtime. */
function fullGc(): () => void {
  const exposed: unknown = Reflect.get(globalThis, "gc");
  if (typeof exposed === "function") return () => void Reflect.apply(exposed, undefined, []);
  v8.setFlagsFromString("--expose-gc");
  const gc: unknown = vm.runInNewContext("gc");
  if (typeof gc !== "function") throw new Error("cannot collect garbage between runs (run node with --expose-gc)");
  return () => void Reflect.apply(gc, undefined, []);
}

/** Lets the GC observer deliver its entries (they arrive asynchronously, a few event-loop turns later). */
function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 25));
}

interface GcTotals {
  scavenges: number;
  scavengeMs: number;
  full: number;
  fullMs: number;
}

/** Collects V8 GC events; `take()` returns and resets the totals since the last call. */
function gcRecorder(): { take: () => GcTotals; stop: () => void } {
  let totals: GcTotals = { scavenges: 0, scavengeMs: 0, full: 0, fullMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) record(entry);
  });
  const record = (entry: PerformanceEntry) => {
    const detail: unknown = Reflect.get(entry, "detail");
    const kind: unknown = typeof detail === "object" && detail !== null ? Reflect.get(detail, "kind") : undefined;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      totals.scavenges++;
      totals.scavengeMs += entry.duration;
    } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      totals.full++;
      totals.fullMs += entry.duration;
    }
  };
  observer.observe({ entryTypes: ["gc"] });
  return {
    take() {
      const taken = totals;
      totals = { scavenges: 0, scavengeMs: 0, full: 0, fullMs: 0 };
      return taken;
    },
    stop: () => observer.disconnect(),
  };
}

const suite: BenchSuite = {
  name: "rules",
  description: "evaluate + roll-up for 50,000 servers on one core (budget 1 s per 50,000)",
  async run(options) {
    const servers = intOption(options, "servers", DEFAULT_SERVERS);
    const runs = intOption(options, "runs", 3);
    const seed = options.seed ?? "bench";
    const budgetMs = (BUDGET_MS_PER_50K * servers) / DEFAULT_SERVERS;
    const collect = fullGc();

    const generated = timed(() => generateFleet({ servers, seed }));
    const fleet = generated.value;
    collect();
    const warmup = timed(() => evaluateFleet({ ...fleet, hosts: fleet.hosts.slice(0, Math.min(2_000, servers)) }));

    const times: number[] = [];
    const runDetails: string[] = [];
    let counts: Record<Verdict, number> = { ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 };
    let results = 0;
    const gc = gcRecorder();
    for (let run = 0; run < runs; run++) {
      collect();
      await flush();
      gc.take();
      const cpuBefore = process.cpuUsage();
      const { ms, value } = timed(() => evaluateFleet(fleet));
      const cpu = process.cpuUsage(cpuBefore);
      await flush();
      const { scavenges, scavengeMs, full, fullMs } = gc.take();
      times.push(ms);
      runDetails.push(
        `${ms.toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; GC: ${scavenges} scavenges ${scavengeMs.toFixed(0)} ms` +
          `${full > 0 ? `, ${full} full ${fullMs.toFixed(0)} ms` : ", no full GC"})`,
      );
      counts = { ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 };
      results = 0;
      for (const host of value.hosts) {
        counts[host.readiness.verdict]++;
        results += host.hostResults.length + host.sharedResults.length;
      }
    }
    gc.stop();
    const ms = median(times);
    const perRule = options["per-rule"] === undefined ? [] : perRuleCosts(fleet, collect);
    const ok = ms <= budgetMs;
    const perSecond = (servers / ms) * 1000;
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const load = os.loadavg().map((value) => value.toFixed(2)).join(", ");
    return {
      ok,
      figure:
        `rules: evaluate + roll-up of ${formatInt(servers)} servers in ${ms.toFixed(0)} ms ` +
        `(${formatInt(perSecond)} servers/s, median of ${runs}; budget ${formatInt(budgetMs)} ms) ${ok ? "PASS" : "FAIL"}`,
      details: [
        `ruleset ${RULESET_VERSION}: ${RULES.length} rules; ${formatInt(results)} results per run`,
        `runs: ${runDetails.join("; ")}`,
        `warm-up on ${formatInt(Math.min(2_000, servers))} servers: ${warmup.ms.toFixed(0)} ms; full GC (not timed) before the warm-up and each run`,
        `fleet generated in ${generated.ms.toFixed(0)} ms (seed ${JSON.stringify(seed)}, not timed)`,
        `verdicts: ${VERDICTS.map((v) => `${v} ${formatInt(counts[v])}`).join(", ")}`,
        `machine: ${cpu}, ${os.cpus().length} logical cores, Node ${process.version}, single thread; load average ${load} (1, 5, 15 min)`,
        ...perRule,
      ],
    };
  },
};

/**
 * Each host rule alone over the whole fleet, minus the engine's own cost: µs per server, slowest first
 * (median of three runs each, heap collected before each). A rule alone pays for what it shares with
 * other rules in a full run (the parsed probes of the port rules and host-endpoints, the resolved OS of
 * the OS rules), so these costs add up to more than the full run.
 * Shared rules (domain, gMSA ACL, scope, tenant, fleet) run once per domain, so they are timed together.
 */
function perRuleCosts(fleet: DemoFleet, collect: () => void): string[] {
  const servers = fleet.hosts.length;
  const time = (rules: typeof RULES) => {
    const evaluator = createEvaluator(rules, "per-rule");
    evaluator.evaluateFleet({ ...fleet, hosts: fleet.hosts.slice(0, 500) });
    const runs: number[] = [];
    for (let run = 0; run < 3; run++) {
      collect();
      runs.push(timed(() => evaluator.evaluateFleet(fleet)).ms);
    }
    return median(runs);
  };
  const base = time([]);
  const cost = (rules: typeof RULES) => Math.max(0, time(rules) - base);
  const hostRules = RULES.filter((rule) => rule.meta.scope === "host");
  const rows = hostRules.map((rule) => ({ id: rule.meta.id, us: (cost([rule]) * 1000) / servers })).sort((a, b) => b.us - a.us);
  const sharedMs = cost(RULES.filter((rule) => rule.meta.scope !== "host"));
  return [
    `per host rule (each alone, median of 3; engine overhead ${((base * 1000) / servers).toFixed(2)} µs/server subtracted):`,
    ...rows.map((row) => `  ${row.id.padEnd(30)} ${row.us.toFixed(2).padStart(8)} µs/server`),
    `  sum of the host rules alone: ${rows.reduce((sum, row) => sum + row.us, 0).toFixed(2)} µs/server`,
    `shared rules (${RULES.length - hostRules.length}, once per domain): ${sharedMs.toFixed(1)} ms in all`,
  ];
}

export default suite;
