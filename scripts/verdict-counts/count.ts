/**
 * Verdict counts of a fleet evaluated through the real engine: servers per verdict, results per rule and
 * status, and a digest of every result's rule, status, severity, message and reason code. Captured once
 * from the code before a refactor (expected.json) and compared after it: a refactor that changes what a
 * user sees changes one of these.
 */
import { createHash } from "node:crypto";
import { generateFleet } from "@/lib/demo";
import { evaluateFleet } from "@/lib/readiness";

export interface VerdictCounts {
  servers: number;
  verdicts: Record<string, number>;
  /** "<ruleId> <status>" -> results (host results per server plus each server's shared results). */
  ruleStatuses: Record<string, number>;
  /** sha256 of every server's verdict and results (rule, status, severity, message, reason code), in order. */
  digest: string;
  /** sha256 of every result's evidence and reason, in order (what the result cards show). */
  evidenceDigest: string;
}

/** The fleets the check covers: the demo (lib/data/demo.ts defaults) and the rules benchmark's fleet. */
export const FLEETS = {
  "demo-300": { servers: 300, seed: "demo" },
  "bench-50000": { servers: 50_000, seed: "bench" },
} as const;

export type FleetName = keyof typeof FLEETS;

function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function countVerdicts(name: FleetName): VerdictCounts {
  const evaluation = evaluateFleet(generateFleet(FLEETS[name]));
  const verdicts: Record<string, number> = {};
  const ruleStatuses: Record<string, number> = {};
  const hash = createHash("sha256");
  const evidenceHash = createHash("sha256");
  for (const host of evaluation.hosts) {
    verdicts[host.readiness.verdict] = (verdicts[host.readiness.verdict] ?? 0) + 1;
    hash.update(`${host.readiness.verdict}\n`);
    for (const list of [host.hostResults, host.sharedResults]) {
      for (const result of list) {
        const key = `${result.ruleId} ${result.status}`;
        ruleStatuses[key] = (ruleStatuses[key] ?? 0) + 1;
        hash.update(`${result.ruleId}|${result.status}|${result.severity}|${result.message}|${result.reason?.code ?? ""}\n`);
        evidenceHash.update(`${JSON.stringify(result.evidence)}|${JSON.stringify(result.reason ?? null)}\n`);
      }
    }
  }
  return { servers: evaluation.hosts.length, verdicts: sorted(verdicts), ruleStatuses: sorted(ruleStatuses), digest: hash.digest("hex"), evidenceDigest: evidenceHash.digest("hex") };
}
