// Seeds a benchmark database through the real ingest path and prints what the views benchmark needs:
// a session secret (pages), an API token, and sample values for filters and the detail page.
// Run by scripts/bench/views.ts as: tsx --conditions=react-server scripts/bench/support/seed-views.ts <servers> <seed>
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { createApiToken } from "@/lib/data/api-tokens";
import { ingestFile } from "@/lib/data/ingest/ingest-file";
import { createSession } from "@/lib/data/sessions";
import { sqlite } from "@/lib/data/sqlite/connection";
import { createUser } from "@/lib/data/users";
import { generateFleet } from "@/lib/demo";
import { fleetContextFiles, toInventoryCsv } from "@/lib/demo/exports";

const servers = Number(process.argv[2] ?? 50_000);
const seed = process.argv[3] ?? "views";

const fleet = generateFleet({ servers, seed });
const encoder = new TextEncoder();
const uploadedBy = { name: "bench" };
const started = performance.now();
for (const file of [...fleetContextFiles(fleet), { name: "hosts.csv", text: toInventoryCsv(fleet.hosts) }]) {
  const response = await ingestFile({ bytes: encoder.encode(file.text), fileName: file.name, options: {}, uploadedBy });
  if (response.ok && response.status !== "committed") throw new Error(`${file.name}: ${response.status}`);
  if (!response.ok) throw new Error(`${file.name}: ${response.message}`);
}
const seedMs = performance.now() - started;

const user = await createUser({ email: "bench-viewer@example.com", name: "Bench viewer", role: "viewer", password: "bench-viewer-password" }, SYSTEM_ACTOR);
const session = await createSession(user.id, 12);
const { token } = await createApiToken({ name: "bench", role: "viewer" }, SYSTEM_ACTOR);
const db = sqlite();
const sample = db.prepare("SELECT fqdn, domain, osName, site FROM Server WHERE verdict = 'not-ready' ORDER BY fqdn LIMIT 1 OFFSET 1234").get() as {
  fqdn: string;
  domain: string;
  osName: string;
  site: string;
};
const rule = db.prepare("SELECT ruleId FROM RuleSummary WHERE ruleId LIKE 'host-%' ORDER BY fail DESC LIMIT 1").get() as { ruleId: string };
const count = (db.prepare("SELECT COUNT(*) AS n FROM Server").get() as { n: number }).n;
console.log(JSON.stringify({ secret: session.secret, token, servers: count, seedMs, sample, rule: rule.ruleId }));
