/**
 * `npx tsx scripts/verdict-counts.ts [demo-300] [bench-50000] [--write]`: evaluates the demo fleet (300 servers)
 * and the benchmark fleet (50,000 servers) through the real engine and compares the verdict counts, the
 * per-rule status counts and the results digest with scripts/verdict-counts/expected.json. Exits 1 on a
 * difference. `--write` records the current figures as the expectation (only from code known to be right).
 * The 300-server fleet is also checked by a unit test (scripts/verdict-counts/verdict-counts.test.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countVerdicts, FLEETS, type FleetName, type VerdictCounts } from "./verdict-counts/count";

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "verdict-counts", "expected.json");
const args = process.argv.slice(2);
const write = args.includes("--write");
const names = args.filter((a) => !a.startsWith("--")) as FleetName[];
const chosen = names.length > 0 ? names : (Object.keys(FLEETS) as FleetName[]);

const expected = JSON.parse(readFileSync(FILE, "utf8")) as Record<string, VerdictCounts>;
let failed = false;
for (const name of chosen) {
  if (!(name in FLEETS)) throw new Error(`unknown fleet ${name} (known: ${Object.keys(FLEETS).join(", ")})`);
  const started = performance.now();
  const actual = countVerdicts(name);
  const ms = performance.now() - started;
  const same = JSON.stringify(actual) === JSON.stringify(expected[name]);
  console.log(`${name}: ${JSON.stringify(actual.verdicts)} digest ${actual.digest.slice(0, 12)} (${ms.toFixed(0)} ms) ${write ? "recorded" : same ? "SAME" : "DIFFERENT"}`);
  if (!same && !write) {
    failed = true;
    const want = expected[name];
    for (const key of new Set([...Object.keys(want?.ruleStatuses ?? {}), ...Object.keys(actual.ruleStatuses)])) {
      if (want?.ruleStatuses[key] !== actual.ruleStatuses[key]) console.log(`  ${key}: expected ${want?.ruleStatuses[key]}, got ${actual.ruleStatuses[key]}`);
    }
  }
  expected[name] = actual;
}
if (write) writeFileSync(FILE, `${JSON.stringify(expected, null, 2)}\n`);
process.exit(failed ? 1 : 0);
