/**
 * A fingerprint of what the rules say about a generated fleet: sha256 over the JSON of every host's evaluation, the
 * shared results and the fleet facts. Run it before and after a change that must not change any result (a speed-up,
 * a refactor): the two lines must be equal.
 *
 *   npx tsx scripts/rules-fingerprint.ts [servers=20000] [seed=bench]
 */
import { createHash } from "node:crypto";
import { generateFleet } from "@/lib/demo";
import { evaluateFleet } from "@/lib/readiness";

const servers = Number(process.argv[2] ?? 20_000);
const seed = process.argv[3] ?? "bench";
if (!Number.isInteger(servers) || servers < 1) {
  console.error("usage: npx tsx scripts/rules-fingerprint.ts [servers] [seed]");
  process.exit(2);
}
const evaluation = evaluateFleet(generateFleet({ servers, seed }));
const hash = createHash("sha256");
for (const host of evaluation.hosts) hash.update(JSON.stringify(host));
hash.update(JSON.stringify(evaluation.shared ?? null));
hash.update(JSON.stringify(evaluation.fleet ?? null));
console.log(`${hash.digest("hex")}  ${servers} servers, seed ${JSON.stringify(seed)}, ruleset ${evaluation.rulesetVersion}`);
