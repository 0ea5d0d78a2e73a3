// Seeds a rollout benchmark database through the real ingest path, then measures the rollout's data paths
// directly (no HTTP): assigning ~10,000 servers to a wave from a list filter, the gate of a 5,000-server wave,
// and what refreshing every gate adds to an upload. Prints one JSON line with the figures, a lead's session
// secret and token, and the wave ids for the HTTP part (scripts/bench/rollout.ts).
// Run as: tsx --conditions=react-server scripts/bench/support/seed-rollout.ts <servers> <seed> <repeats>
import { SYSTEM_ACTOR, type AuditActor } from "@/lib/audit/entry";
import { createApiToken } from "@/lib/data/api-tokens";
import { ingestFile } from "@/lib/data/ingest/ingest-file";
import { bulkUpdateRollout } from "@/lib/data/rollout/bulk";
import { getWaveGate, refreshWaveGates } from "@/lib/data/rollout/gates";
import { createWave } from "@/lib/data/rollout/waves";
import { createSession } from "@/lib/data/sessions";
import { sqlite } from "@/lib/data/sqlite/connection";
import { createUser } from "@/lib/data/users";
import { generateFleet } from "@/lib/demo";
import { fleetContextFiles, toInventoryCsv } from "@/lib/demo/exports";

const servers = Number(process.argv[2] ?? 50_000);
const seed = process.argv[3] ?? "rollout";
const repeats = Number(process.argv[4] ?? 20);
const encoder = new TextEncoder();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const fleet = generateFleet({ servers, seed });
const seedStarted = performance.now();
for (const file of [...fleetContextFiles(fleet), { name: "hosts.csv", text: toInventoryCsv(fleet.hosts) }]) {
  const response = await ingestFile({ bytes: encoder.encode(file.text), fileName: file.name, options: {}, uploadedBy: { name: "bench" } });
  if (!response.ok) throw new Error(`${file.name}: ${response.message}`);
}
const seedMs = performance.now() - seedStarted;

const lead = await createUser({ email: "bench-lead@example.com", name: "Bench lead", role: "lead", password: "bench-lead-password" }, SYSTEM_ACTOR);
const actor: AuditActor = { kind: "user", id: lead.id, name: lead.email };
const db = sqlite();

// A filter that matches at least 10,000 servers, as close to 10,000 as the fleet allows (a site, else a domain).
const candidates = [
  ...(db.prepare("SELECT 'site' AS field, site AS value, COUNT(*) AS n FROM Server WHERE site IS NOT NULL GROUP BY site").all() as { field: string; value: string; n: number }[]),
  ...(db.prepare("SELECT 'domain' AS field, domain AS value, COUNT(*) AS n FROM Server WHERE domain <> '' GROUP BY domain").all() as { field: string; value: string; n: number }[]),
].filter((c) => c.n >= Math.min(10_000, Math.floor(servers / 5)));
candidates.sort((a, b) => a.n - b.n);
const target = candidates[0] ?? { field: "domain", value: "", n: servers };
const filter = `${target.field}=${encodeURIComponent(target.value)}`;

const waves = [];
for (let i = 1; i <= 8; i++) waves.push(await createWave({ name: `Wave ${i}`, description: "", startDate: `2026-12-${String(i * 3).padStart(2, "0")}`, endDate: `2026-12-${String(i * 3 + 2).padStart(2, "0")}` }, actor));

let started = performance.now();
const assigned = await bulkUpdateRollout({ filter }, { waveId: waves[0]!.id, status: "scheduled", targetDate: "2026-12-10" }, actor);
const assignMs = performance.now() - started;

// A 5,000-server wave, chosen by name (a selection), outside the first wave.
const fiveThousand = (db.prepare("SELECT fqdn FROM Server WHERE waveId IS NULL ORDER BY fqdn LIMIT 5000").all() as { fqdn: string }[]).map((row) => row.fqdn);
started = performance.now();
await bulkUpdateRollout({ servers: fiveThousand }, { waveId: waves[1]!.id, status: "scheduled", targetDate: "2026-12-12" }, actor);
const selectionMs = performance.now() - started;
// Spread a few thousand more over the other waves so every gate has work.
const rest = (db.prepare("SELECT fqdn FROM Server WHERE waveId IS NULL ORDER BY fqdn LIMIT 6000").all() as { fqdn: string }[]).map((row) => row.fqdn);
for (let i = 0; i < 6; i++) await bulkUpdateRollout({ servers: rest.slice(i * 1000, (i + 1) * 1000) }, { waveId: waves[i + 2]!.id }, actor);

const gateTimes: number[] = [];
let gate = (await getWaveGate(waves[1]!.id))!;
for (let i = 0; i < repeats; i++) {
  started = performance.now();
  gate = (await getWaveGate(waves[1]!.id))!;
  gateTimes.push(performance.now() - started);
}

const refreshTimes: number[] = [];
for (let i = 0; i < repeats; i++) {
  started = performance.now();
  await refreshWaveGates("bench");
  refreshTimes.push(performance.now() - started);
}

// A 1,000-server update (new owners) committed with every gate refreshed inside its transaction.
const update = toInventoryCsv(fleet.hosts.slice(0, 1_000).map((host) => ({ ...host, owner: "Bench update" })));
started = performance.now();
const uploaded = await ingestFile({ bytes: encoder.encode(update), fileName: "update-1000.csv", options: {}, uploadedBy: { name: "bench" } });
const uploadMs = performance.now() - started;
if (!uploaded.ok) throw new Error(`update: ${uploaded.message}`);

const session = await createSession(lead.id, 12);
const { token } = await createApiToken({ name: "bench-lead", role: "lead" }, SYSTEM_ACTOR);
const count = (db.prepare("SELECT COUNT(*) AS n FROM Server").get() as { n: number }).n;
console.log(
  JSON.stringify({
    servers: count,
    seedMs,
    filter,
    assigned: assigned.changed,
    assignMs,
    selectionMs,
    gateWaveServers: 5_000,
    gateStatus: gate.status,
    gateBlockers: gate.blockerCount,
    gateP50: median(gateTimes),
    refreshP50: median(refreshTimes),
    uploadMs,
    waveIds: waves.map((wave) => wave.id),
    secret: session.secret,
    token,
  }),
);
