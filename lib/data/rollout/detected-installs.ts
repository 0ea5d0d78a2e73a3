import "server-only";
import type Database from "better-sqlite3";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { ROLLOUT_STATUS_LABELS, rolloutStatusSchema } from "@/lib/rollout/status";
import { appendAuditSql } from "../audit";
import type { FreshServers } from "../ingest/fresh-servers";
import { sqlDate } from "../sqlite/connection";

// RAW SQL (SQLite, inside the upload transaction): servers whose new report shows the agent installed become
// "installed", marked "detected" with the upload that showed it (distinct from a status a person typed).

type Candidate = { id: string; fqdn: string; name: string; rolloutStatus: string };

const COLUMNS = "SELECT id, fqdn, name, rolloutStatus FROM Server WHERE agentInstalled = 1 AND rolloutStatus <> 'installed'";
/** Ids per lookup statement (well under SQLite's 32,766 parameters). */
const IDS_PER_LOOKUP = 500;

/**
 * The touched servers (already written) whose facts show the agent and whose status is not "installed" yet: looked up
 * by id when the upload touched a part of the fleet, one scan when it touched most of it (a fleet-wide upload).
 */
function installedNotMarked(db: Database.Database, touched: ReadonlySet<string>): Candidate[] {
  const total = (db.prepare("SELECT COUNT(*) AS n FROM Server").get() as { n: number }).n;
  if (touched.size * 4 >= total) return (db.prepare(COLUMNS).all() as Candidate[]).filter((row) => touched.has(row.id));
  const ids = [...touched];
  const found: Candidate[] = [];
  for (let from = 0; from < ids.length; from += IDS_PER_LOOKUP) {
    const chunk = ids.slice(from, from + IDS_PER_LOOKUP);
    found.push(...(db.prepare(`${COLUMNS} AND id IN (${chunk.map(() => "?").join(", ")})`).all(...chunk) as Candidate[]));
  }
  return found;
}

/**
 * Marks the servers of `touched` whose current facts show the agent installed; returns how many changed. New servers
 * of the running upload that are not written yet (`fresh`) are marked as soon as their row is written.
 */
export function markDetectedInstalls(db: Database.Database, uploadId: string, fileName: string, touched: ReadonlySet<string>, now: Date, fresh?: FreshServers): number {
  if (touched.size === 0) return 0;
  const candidates = installedNotMarked(db, touched);
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
  const update = db.prepare(
    `UPDATE Server SET rolloutStatus = 'installed', rolloutStatusSource = 'detected', rolloutDetectedUploadId = ?, rolloutInstalledAt = ?,
       rolloutVersion = rolloutVersion + 1, rolloutUpdatedAt = ?, rolloutUpdatedBy = ? WHERE id = ?`,
  );
  const by = `collector report (${fileName})`.slice(0, 300);
  for (const row of candidates) {
    const mark = () => update.run(uploadId, at, at, by, row.id);
    if (unsaved.has(row.id)) fresh!.whenInserted(mark);
    else mark();
  }
  appendAuditSql(
    db,
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
