// The servers list's queries in-process (listServers: the count and one page, as the page sends them), p50 of n runs
// per filter, on DATABASE_URL (SQLite or PostgreSQL); for plan work without a build or an HTTP server
// (docs/decisions/021-postgresql-list-filters.md). Run: DATABASE_URL=… tsx --conditions=react-server
// scripts/bench/support/list-query-times.ts [runs] [rule=<id> …] — each argument after runs is a query string.
import { db } from "@/lib/data/db";
import { listServers } from "@/lib/data/servers";
import { serverFiltersSchema } from "@/lib/views/server-filters";

const runs = Number(process.argv[2] ?? 20);
const queries = process.argv.slice(3);
for (const query of queries) {
  const filters = serverFiltersSchema.parse(Object.fromEntries(new URLSearchParams(query)));
  await listServers(filters); // warm-up
  const times: number[] = [];
  let total = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    total = (await listServers(filters)).total;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${query.padEnd(40)} total ${String(total).padStart(6)}  p50 ${times[Math.floor(runs / 2)].toFixed(1)} ms  (min ${times[0].toFixed(1)}, max ${times.at(-1)!.toFixed(1)})`);
}
await db().$disconnect();
