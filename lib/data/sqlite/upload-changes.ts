import "server-only";
import { VERDICT_RANK } from "@/lib/readiness";
import type { TransitionCount, UploadChangeRow, UploadInstant } from "../sql-jobs";
import { sqlite } from "./connection";

// RAW SQL (SQLite): what one upload changed (lib/data/upload-changes.ts). Each of the upload's rows with the rowid of
// the server's previous row, found through the (serverId, evaluatedAt) index. Rows of the same instant come in rowid
// order. lib/data/postgres/upload-changes.ts is the same with "id" for rowid.
const PAIRS = `
WITH cur AS (
  SELECT e.rowid AS rid, e.serverId, e.evaluatedAt, e.verdict, e.statuses FROM Evaluation e
  WHERE e.evaluatedAt = @at AND e.cause = @cause
),
paired AS (
  SELECT c.*, (
    SELECT p.rowid FROM Evaluation p
    WHERE p.serverId = c.serverId AND p.evaluatedAt <= c.evaluatedAt AND NOT (p.evaluatedAt = c.evaluatedAt AND p.rowid >= c.rid)
    ORDER BY p.evaluatedAt DESC, p.rowid DESC LIMIT 1
  ) AS prevRid
  FROM cur c
),
pairs AS (
  SELECT paired.rid, paired.serverId, paired.verdict AS after, paired.statuses AS afterStatuses, p.verdict AS before, p.statuses AS beforeStatuses
  FROM paired LEFT JOIN Evaluation p ON p.rowid = paired.prevRid
)`;

const RANK_SQL = (column: string) =>
  `CASE ${column} ${Object.entries(VERDICT_RANK)
    .map(([verdict, rank]) => `WHEN '${verdict}' THEN ${rank}`)
    .join(" ")} ELSE 9 END`;

/** 0 worse, 1 improved, 2 new; unchanged rows are filtered out before. */
const GROUP_SQL = `CASE WHEN before IS NULL THEN 2 WHEN ${RANK_SQL("after")} > ${RANK_SQL("before")} THEN 0 ELSE 1 END`;

export async function uploadInstant(uploadId: string): Promise<UploadInstant | null> {
  const upload = sqlite().prepare("SELECT createdAt FROM Upload WHERE id = ?").get(uploadId) as { createdAt: string } | undefined;
  return upload === undefined ? null : { text: upload.createdAt, value: upload.createdAt };
}

export async function transitionCounts(at: UploadInstant, cause: string): Promise<TransitionCount[]> {
  return sqlite().prepare(`${PAIRS} SELECT before, after, COUNT(*) AS n FROM pairs GROUP BY before, after`).all({ at: at.value, cause }) as TransitionCount[];
}

export async function changedRows(at: UploadInstant, cause: string, limit: number, offset: number): Promise<UploadChangeRow[]> {
  return sqlite()
    .prepare(
      `${PAIRS}
      SELECT s.fqdn, s.name, s.domain, pairs.before, pairs.after, pairs.beforeStatuses, pairs.afterStatuses
      FROM pairs JOIN Server s ON s.id = pairs.serverId
      WHERE pairs.before IS NULL OR pairs.before <> pairs.after
      ORDER BY ${GROUP_SQL}, s.fqdn
      LIMIT @limit OFFSET @offset`,
    )
    .all({ at: at.value, cause, limit, offset }) as UploadChangeRow[];
}
