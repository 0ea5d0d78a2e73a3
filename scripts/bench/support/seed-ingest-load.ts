// Seeds the ingest-load benchmark's database through the real ingest path and prints an admin API token.
// Run by scripts/bench/ingest-load.ts as: tsx --conditions=react-server scripts/bench/support/seed-ingest-load.ts <servers> <seed>
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { createApiToken } from "@/lib/data/api-tokens";
import { ingestFile } from "@/lib/data/ingest/ingest-file";
import { sqlite } from "@/lib/data/sqlite/connection";
import { generateFleet } from "@/lib/demo";
import { fleetContextFiles, toInventoryCsv } from "@/lib/demo/exports";

const servers = Number(process.argv[2] ?? 50_000);
const seed = process.argv[3] ?? "ingest-load";

const fleet = generateFleet({ servers, seed });
const encoder = new TextEncoder();
const started = performance.now();
for (const file of [...fleetContextFiles(fleet), { name: "hosts.csv", text: toInventoryCsv(fleet.hosts) }]) {
  const response = await ingestFile({ bytes: encoder.encode(file.text), fileName: file.name, options: {}, uploadedBy: { name: "bench" } });
  if (!response.ok) throw new Error(`${file.name}: ${response.message}`);
}
const seedMs = performance.now() - started;
const { token } = await createApiToken({ name: "bench-uploader", role: "admin" }, SYSTEM_ACTOR);
const count = (sqlite().prepare("SELECT COUNT(*) AS n FROM Server").get() as { n: number }).n;
console.log(JSON.stringify({ token, servers: count, seedMs }));
