import "server-only";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { ROLLOUT_STATUS_LABELS, rolloutStatusSchema } from "@/lib/rollout/status";
import { appendAuditTx } from "../audit";
import type { FreshServers } from "../ingest/fresh-servers";
import { sqlDate } from "../sqlite/connection";
import { inChunks, placeholders, type WriteTx } from "../write-tx";

// RAW SQL (portable, inside the upload's write transaction): servers whose new report shows the agent installed become
// "installed", marked "detected" with the upload that showed it (distinct from a status a person typed).

type Candidate = { id: string; fqdn: string; name: string; rolloutStatus: string };

const COLUMNS = `SELECT "id", "fqdn", "name", "rolloutStatus" FROM "Server" WHERE "agentInstalled" = TRUE AND "rolloutStatus" <> 'installed'`;

/**
 * The touched stored servers whose facts show the agent and whose status is not "installed" yet. Those whose new facts
 * are held (decision 033: written later, with their outcome) are judged by their new agent flag; the others are read
 * from the table.
 */
async function installedNotMarked(tx: WriteTx, touched: ReadonlySet<string>, fresh: FreshServers | undefined): Promise<Candidate[]> {
  const held = [...(fresh?.heldServers() ?? [])].filter((s) => touched.has(s.id));
  const heldIds = new Set(held.map((s) => s.id));
  const candidates = await storedInstalledNotMarked(tx, heldIds.size === 0 ? touched : new Set([...touched].filter((id) => !heldIds.has(id))));
  for (const s of held) {
    if (s.agentInstalled === 1 && s.stored.rolloutStatus !== "installed") candidates.push({ id: s.id, fqdn: s.fqdn, name: s.name, rolloutStatus: s.stored.rolloutStatus });
  }
  return candidates;
}

/** Looked up by id when the upload touched a part of the fleet, one scan when it touched most of it (a fleet-wide upload). */
async function storedInstalledNotMarked(tx: WriteTx, touched: ReadonlySet<string>): Promise<Candidate[]> {
  if (touched.size === 0) return [];
  // Counted only as far as the choice needs (a full COUNT(*) reads every row of a large fleet: 0.1 s at 50,000 servers).
  const limit = touched.size * 4 + 1;
  const total = Number((await tx.get<{ n: unknown }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM (SELECT 1 FROM "Server" LIMIT ?) AS s`, [limit]))?.n ?? 0);
  if (touched.size * 4 >= total) return (await tx.all<Candidate>(COLUMNS)).filter((row) => touched.has(row.id));
  return inChunks([...touched], (chunk) => tx.all<Candidate>(`${COLUMNS} AND "id" IN (${placeholders(chunk.length)})`, chunk));
}

/**
 * Marks the servers of `touched` whose current facts show the agent installed; returns how many changed. New servers
 * of the running upload that are not written yet (`fresh`) are marked as soon as their row is written.
 */
export async function markDetectedInstalls(tx: WriteTx, uploadId: string, fileName: string, touched: ReadonlySet<string>, now: Date, fresh?: FreshServers): Promise<number> {
  if (touched.size === 0) return 0;
  const candidates = await installedNotMarked(tx, touched, fresh);
  // A new server's rollout status is the column default, "not-started".
  const unsaved = new Set<string>();
  if (fresh) {
    for (const s of fresh.pendingServers()) {
      if (s.agentInstalled === 1 && touched.has(s.id)) {
        candidates.push({ id: s.id, fqdn: s.fqdn, name: s.name, rolloutStatus: "not-started" });
        unsaved.add(s.id);
      }
    }
  }
  if (candidates.length === 0) return 0;
  const at = sqlDate(now);
  const by = `collector report (${fileName})`.slice(0, 300);
  const mark = (ids: string[]) => async (on: WriteTx) => {
    await inChunks(ids, async (chunk) => [
      await on.run(
        `UPDATE "Server" SET "rolloutStatus" = 'installed', "rolloutStatusSource" = 'detected', "rolloutDetectedUploadId" = ?, "rolloutInstalledAt" = ?,
           "rolloutVersion" = "rolloutVersion" + 1, "rolloutUpdatedAt" = ?, "rolloutUpdatedBy" = ? WHERE "id" IN (${placeholders(chunk.length)})`,
        [uploadId, at, at, by, ...chunk],
      ),
    ]);
  };
  const stored = candidates.filter((row) => !unsaved.has(row.id)).map((row) => row.id);
  if (stored.length > 0) await mark(stored)(tx);
  if (unsaved.size > 0) fresh!.whenInserted(mark([...unsaved]));
  await appendAuditTx(
    tx,
    candidates.map((row) => ({
      actor: SYSTEM_ACTOR,
      action: "rollout.detected-installed" as const,
      targetType: "server" as const,
      targetId: row.fqdn,
      targetLabel: row.name,
      before: { status: row.rolloutStatus },
      after: { status: "installed", source: "detected", uploadId },
      summary: `agent detected installed by upload ${fileName} (was ${ROLLOUT_STATUS_LABELS[rolloutStatusSchema.catch("not-started").parse(row.rolloutStatus)]})`,
    })),
    now,
  );
  return candidates.length;
}
