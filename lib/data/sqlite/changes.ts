import "server-only";
import type { ChangedServerRow } from "../sql-jobs";
import { sqlDate, sqlite } from "./connection";

// RAW SQL (SQLite, window functions; lib/data/postgres/changes.ts is the same with "id" for rowid). Only servers
// evaluated inside the window are read: their window rows plus their newest row at or before `from` (found through
// the (serverId, evaluatedAt) index).
const CHANGES_SQL = `
WITH win AS (
  SELECT rowid AS rid, serverId, evaluatedAt, verdict FROM Evaluation WHERE evaluatedAt > @from AND evaluatedAt <= @to
),
touched AS (SELECT DISTINCT serverId FROM win),
base AS (
  SELECT t.serverId,
    (SELECT e.rowid FROM Evaluation e WHERE e.serverId = t.serverId AND e.evaluatedAt <= @from ORDER BY e.evaluatedAt DESC, e.rowid DESC LIMIT 1) AS rid
  FROM touched t
),
seq AS (
  SELECT serverId, rid, evaluatedAt, verdict, 0 AS isBase FROM win
  UNION ALL
  SELECT b.serverId, b.rid, e.evaluatedAt, e.verdict, 1 FROM base b JOIN Evaluation e ON e.rowid = b.rid
),
flagged AS (
  SELECT serverId, rid, evaluatedAt, verdict, isBase,
    LAG(verdict) OVER (PARTITION BY serverId ORDER BY evaluatedAt, rid) AS prev,
    ROW_NUMBER() OVER (PARTITION BY serverId ORDER BY evaluatedAt DESC, rid DESC) AS lastRank
  FROM seq
),
marked AS (
  SELECT *, CASE WHEN isBase = 0 AND prev IS NOT NULL AND prev <> verdict THEN 1 ELSE 0 END AS isFlip FROM flagged
),
ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY serverId, isFlip ORDER BY evaluatedAt DESC, rid DESC) AS flipRank FROM marked
),
per AS (
  SELECT serverId,
    MAX(CASE WHEN isBase = 1 THEN rid END) AS baseRid,
    MAX(CASE WHEN lastRank = 1 THEN rid END) AS lastRid,
    MAX(CASE WHEN isFlip = 1 AND flipRank = 1 THEN rid END) AS flipRid
  FROM ranked GROUP BY serverId
)
SELECT p.serverId, s.fqdn, s.name, s.domain,
  b.verdict AS beforeVerdict, b.statuses AS beforeStatuses, l.verdict AS afterVerdict, l.statuses AS afterStatuses,
  c.evaluatedAt AS changedAt, c.cause, c.note
FROM per p
JOIN Server s ON s.id = p.serverId
JOIN Evaluation l ON l.rowid = p.lastRid
LEFT JOIN Evaluation b ON b.rowid = p.baseRid
LEFT JOIN Evaluation c ON c.rowid = p.flipRid
WHERE p.baseRid IS NULL OR b.verdict <> l.verdict`;

/** Servers evaluated inside (from, to] whose verdict at `to` differs from the one at `from` (or that had none). */
export async function changedServers(from: Date, to: Date): Promise<ChangedServerRow[]> {
  return sqlite().prepare(CHANGES_SQL).all({ from: sqlDate(from), to: sqlDate(to) }) as ChangedServerRow[];
}
