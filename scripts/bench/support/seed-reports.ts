// Adds what the reports benchmark needs to a database seeded by seed-views.ts: a wave of <wave size> servers
// (planned through the real rollout writer, so its gate is computed) and a sample server.
// Run by scripts/bench/reports.ts as: tsx --conditions=react-server scripts/bench/support/seed-reports.ts <wave size>
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { bulkUpdateRollout } from "@/lib/data/rollout/bulk";
import { createWave } from "@/lib/data/rollout/waves";
import { sqlite } from "@/lib/data/sqlite/connection";

const size = Number(process.argv[2] ?? 500);
const db = sqlite();
const fqdns = (db.prepare("SELECT fqdn FROM Server ORDER BY fqdn LIMIT ?").all(size) as { fqdn: string }[]).map((row) => row.fqdn);
const wave = await createWave({ name: `Bench wave of ${size}`, description: "reports benchmark" }, SYSTEM_ACTOR);
await bulkUpdateRollout({ servers: fqdns }, { waveId: wave.id, status: "scheduled", targetDate: "2027-01-15", owner: "bench-owner@example.com" }, SYSTEM_ACTOR);
const server = db.prepare("SELECT fqdn FROM Server WHERE verdict = 'not-ready' ORDER BY fqdn LIMIT 1 OFFSET 77").get() as { fqdn: string };
console.log(JSON.stringify({ waveId: wave.id, waveServers: fqdns.length, serverFqdn: server.fqdn }));
