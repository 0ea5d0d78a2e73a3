// Synthetic fleet files: `npm run gen:fleet -- --servers 50000 [--seed 42] [--out bench-output/fleet]`.
// Writes the files an administrator would upload for a deterministic fleet (lib/demo + lib/demo/exports):
//   hosts.collector.json   collector bundle (JSON array of Get-CloudSyncReadiness outputs, compact)
//   hosts.csv              the same hosts as an inventory CSV
//   domain-<dns>.json      domain facts, per domain
//   gmsa-acl-<dns>.json    the gMSA's ACL at the domain root (Get-Acl access rules as JSON), per domain with a gMSA
//   tenant.graph.json      Microsoft Graph /domains + Hybrid Identity Administrator members
//   scope-plan.json        the sync scope plan of every domain
// and prints their sizes. Same options, same bytes.
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateFleet } from "@/lib/demo";
import { fleetCollectorChunks, fleetContextFiles, fleetInventoryChunks, HOSTS_COLLECTOR_FILE, HOSTS_CSV_FILE } from "@/lib/demo/exports";

const USAGE = "usage: npm run gen:fleet -- --servers <n> [--seed <seed, default 42>] [--out <dir, default bench-output/fleet>]";
const FLUSH_BYTES = 1 << 20;

/** Writes text chunks to a file in ~1 MB writes, without holding the whole file in memory. */
function writeChunks(file: string, chunks: Iterable<string>): void {
  const fd = openSync(file, "w");
  try {
    let pending: string[] = [];
    let size = 0;
    for (const chunk of chunks) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= FLUSH_BYTES) {
        writeSync(fd, pending.join(""));
        pending = [];
        size = 0;
      }
    }
    if (pending.length > 0) writeSync(fd, pending.join(""));
  } finally {
    closeSync(fd);
  }
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function main(): number {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { servers: { type: "string" }, seed: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } },
    strict: true,
  });
  if (values.help || values.servers === undefined) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const servers = Number(values.servers.replace(/_/g, ""));
  if (!Number.isInteger(servers) || servers < 1) {
    console.error(`--servers must be a positive whole number, got ${values.servers}\n${USAGE}`);
    return 2;
  }
  const seed = values.seed ?? "42";
  const out = path.resolve(values.out ?? "bench-output/fleet");
  mkdirSync(out, { recursive: true });

  const started = performance.now();
  const fleet = generateFleet({ servers, seed: /^\d+$/.test(seed) ? Number(seed) : seed });
  const generatedMs = performance.now() - started;
  const written: { name: string; format: string }[] = [];
  writeChunks(path.join(out, HOSTS_COLLECTOR_FILE), fleetCollectorChunks(fleet));
  written.push({ name: HOSTS_COLLECTOR_FILE, format: "collector-json" });
  writeChunks(path.join(out, HOSTS_CSV_FILE), fleetInventoryChunks(fleet));
  written.push({ name: HOSTS_CSV_FILE, format: "inventory-csv" });
  for (const file of fleetContextFiles(fleet)) {
    writeFileSync(path.join(out, file.name), file.text);
    written.push({ name: file.name, format: file.format });
  }
  const totalMs = performance.now() - started;

  console.log(`${servers.toLocaleString("en-US")} servers, seed ${JSON.stringify(seed)} -> ${out}`);
  for (const file of written) {
    const size = statSync(path.join(out, file.name)).size;
    console.log(`  ${file.name.padEnd(34)} ${file.format.padEnd(15)} ${megabytes(size).padStart(10)}`);
  }
  console.log(`generated in ${Math.round(generatedMs)} ms, written in ${Math.round(totalMs - generatedMs)} ms`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
