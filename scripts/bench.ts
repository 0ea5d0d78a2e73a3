/**
 * `npm run bench` runs every suite in scripts/bench/ (files whose default export is a BenchSuite);
 * `npm run bench -- rules ingest` runs the named ones; `--key=value` arguments go to the suites
 * (e.g. `npm run bench -- rules --servers=100000`); `--list` lists them.
 * Each suite prints one figure line; the process exits 1 when any suite is over its budget.
 * Adding a suite = adding scripts/bench/<name>.ts with `export default { name, description, run }`.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isBenchSuite, type BenchSuite } from "./bench/suite";

const BENCH_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "bench");

async function loadSuites(): Promise<BenchSuite[]> {
  const suites: BenchSuite[] = [];
  const files = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "suite.ts")
    .sort();
  for (const file of files) {
    const mod: unknown = await import(pathToFileURL(path.join(BENCH_DIR, file)).href);
    const suite = typeof mod === "object" && mod !== null && "default" in mod ? mod.default : undefined;
    if (isBenchSuite(suite)) suites.push(suite);
  }
  return suites;
}

function parseArgs(argv: readonly string[]): { names: string[]; options: Record<string, string>; list: boolean } {
  const names: string[] = [];
  const options: Record<string, string> = {};
  let list = false;
  for (const arg of argv) {
    if (arg === "--list") list = true;
    else if (arg.startsWith("--")) {
      const [key, ...rest] = arg.slice(2).split("=");
      options[key] = rest.length > 0 ? rest.join("=") : "true";
    } else names.push(arg);
  }
  return { names, options, list };
}

async function main(): Promise<number> {
  const { names, options, list } = parseArgs(process.argv.slice(2));
  const suites = await loadSuites();
  if (list) {
    for (const suite of suites) console.log(`${suite.name.padEnd(12)} ${suite.description}`);
    return 0;
  }
  const unknownNames = names.filter((name) => !suites.some((s) => s.name === name));
  if (unknownNames.length > 0) {
    console.error(`unknown suite(s): ${unknownNames.join(", ")}; available: ${suites.map((s) => s.name).join(", ")}`);
    return 2;
  }
  const selected = names.length === 0 ? suites : suites.filter((s) => names.includes(s.name));
  let failed = 0;
  for (const suite of selected) {
    console.log(`\n== ${suite.name}: ${suite.description}`);
    const result = await suite.run(options);
    for (const line of result.details) console.log(`   ${line}`);
    console.log(result.figure);
    if (!result.ok) failed++;
  }
  if (failed > 0) console.error(`\n${failed} suite(s) over budget`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
