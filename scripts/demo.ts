// Demo data: `npm run demo [-- --servers 300] [--seed demo]`. Generates a deterministic fleet and commits it to
// DATABASE_URL (default file:./data/app.db) through the real upload path (lib/data/demo.ts): domain facts, gMSA ACL
// exports, the Graph tenant file, the sync scope plan and a collector bundle of the hosts. Running it again with the
// same options changes nothing (every file is a duplicate).
import { parseArgs } from "node:util";
import { DEMO_DEFAULT_SERVERS, DEMO_SEED, loadDemoFleet } from "@/lib/data/demo";
import { applyMigrations } from "@/lib/data/migrations/apply-migrations.mjs";
import { env } from "@/lib/env";

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { servers: { type: "string" }, seed: { type: "string" }, help: { type: "boolean" } },
    strict: true,
  });
  if (values.help) {
    console.log("usage: npm run demo -- [--servers <n, default 300, max 5000>] [--seed <text, default demo>]");
    return 0;
  }
  const servers = values.servers === undefined ? DEMO_DEFAULT_SERVERS : Number(values.servers);
  const url = env().DATABASE_URL;
  applyMigrations({ url });
  const summary = await loadDemoFleet({ servers, seed: values.seed ?? DEMO_SEED, uploadedBy: { name: "npm run demo" } });
  console.log(`Demo fleet: ${summary.servers} servers, seed ${JSON.stringify(summary.seed)}, database ${url}`);
  for (const file of summary.files) {
    const detail = file.status === "committed" ? `${file.records} record(s), ${file.servers} server(s) evaluated` : "already loaded, nothing changed";
    const warnings = file.warnings > 0 ? `, ${file.warnings} warning(s)` : "";
    console.log(`  ${file.status.padEnd(9)} ${file.name.padEnd(40)} ${file.format.padEnd(14)} ${detail}${warnings}`);
  }
  const verdicts = Object.entries(summary.verdicts)
    .map(([verdict, n]) => `${verdict} ${n}`)
    .join(", ");
  console.log(`${summary.committed} file(s) committed, ${summary.duplicates} duplicate(s) in ${summary.ms} ms. Servers by verdict: ${verdicts}`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
