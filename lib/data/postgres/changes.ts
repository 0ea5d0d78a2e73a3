import "server-only";
import { db } from "../db";
import type { ChangedServerRow } from "../sql-jobs";

// RAW SQL (PostgreSQL): lib/data/sqlite/changes.ts with "id" where SQLite uses rowid (PostgreSQL has none) as the
// tie-break between evaluations of one server at the same instant, quoted identifiers, and the change time as ISO text.

const CHANGES_SQL = `
WITH win AS (
  SELECT "id" AS "rid", "serverId", "evaluatedAt", "verdict" FROM "Evaluation" WHERE "evaluatedAt" > $1 AND "evaluatedAt" <= $2
),
touched AS (SELECT DISTINCT "serverId" FROM win),
base AS (
  SELECT t."serverId",
    (SELECT e."id" FROM "Evaluation" e WHERE e."serverId" = t."serverId" AND e."evaluatedAt" <= $1 ORDER BY e."evaluatedAt" DESC, e."id" DESC LIMIT 1) AS "rid"
  FROM touched t
),
seq AS (
  SELECT "serverId", "rid", "evaluatedAt", "verdict", 0 AS "isBase" FROM win
  UNION ALL
  SELECT b."serverId", b."rid", e."evaluatedAt", e."verdict", 1 FROM base b JOIN "Evaluation" e ON e."id" = b."rid"
),
flagged AS (
  SELECT "serverId", "rid", "evaluatedAt", "verdict", "isBase",
    LAG("verdict") OVER (PARTITION BY "serverId" ORDER BY "evaluatedAt", "rid") AS "prev",
    ROW_NUMBER() OVER (PARTITION BY "serverId" ORDER BY "evaluatedAt" DESC, "rid" DESC) AS "lastRank"
  FROM seq
),
marked AS (
  SELECT *, CASE WHEN "isBase" = 0 AND "prev" IS NOT NULL AND "prev" <> "verdict" THEN 1 ELSE 0 END AS "isFlip" FROM flagged
),
ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY "serverId", "isFlip" ORDER BY "evaluatedAt" DESC, "rid" DESC) AS "flipRank" FROM marked
),
per AS (
  SELECT "serverId",
    MAX(CASE WHEN "isBase" = 1 THEN "rid" END) AS "baseRid",
    MAX(CASE WHEN "lastRank" = 1 THEN "rid" END) AS "lastRid",
    MAX(CASE WHEN "isFlip" = 1 AND "flipRank" = 1 THEN "rid" END) AS "flipRid"
  FROM ranked GROUP BY "serverId"
)
SELECT p."serverId", s."fqdn", s."name", s."domain",
  b."verdict" AS "beforeVerdict", b."statuses" AS "beforeStatuses", l."verdict" AS "afterVerdict", l."statuses" AS "afterStatuses",
  c."evaluatedAt" AS "changedAt", c."cause", c."note"
FROM per p
JOIN "Server" s ON s.id = p."serverId"
JOIN "Evaluation" l ON l."id" = p."lastRid"
LEFT JOIN "Evaluation" b ON b."id" = p."baseRid"
LEFT JOIN "Evaluation" c ON c."id" = p."flipRid"
WHERE p."baseRid" IS NULL OR b."verdict" <> l."verdict"`;

type PgRow = Omit<ChangedServerRow, "changedAt"> & { changedAt: Date | null };

export async function changedServers(from: Date, to: Date): Promise<ChangedServerRow[]> {
  const rows = await db().$queryRawUnsafe<PgRow[]>(CHANGES_SQL, from, to);
  return rows.map((row) => ({ ...row, changedAt: row.changedAt === null ? null : new Date(row.changedAt).toISOString() }));
}
