import "server-only";
import { VERDICT_RANK } from "@/lib/readiness";
import { db } from "../db";
import type { TransitionCount, UploadChangeRow, UploadInstant } from "../sql-jobs";

// RAW SQL (PostgreSQL): lib/data/sqlite/upload-changes.ts with "id" as the tie-break where SQLite uses rowid, quoted
// identifiers, and the upload's instant as a timestamp parameter.
const PAIRS = `
WITH cur AS (
  SELECT e."id" AS rid, e."serverId", e."evaluatedAt", e."verdict", e."statuses" FROM "Evaluation" e
  WHERE e."evaluatedAt" = $1 AND e."cause" = $2
),
paired AS (
  SELECT c.*, (
    SELECT p."id" FROM "Evaluation" p
    WHERE p."serverId" = c."serverId" AND p."evaluatedAt" <= c."evaluatedAt" AND NOT (p."evaluatedAt" = c."evaluatedAt" AND p."id" >= c.rid)
    ORDER BY p."evaluatedAt" DESC, p."id" DESC LIMIT 1
  ) AS "prevRid"
  FROM cur c
),
pairs AS (
  SELECT paired.rid, paired."serverId", paired."verdict" AS "after", paired."statuses" AS "afterStatuses", p."verdict" AS "before", p."statuses" AS "beforeStatuses"
  FROM paired LEFT JOIN "Evaluation" p ON p."id" = paired."prevRid"
)`;

const RANK_SQL = (column: string) =>
  `CASE ${column} ${Object.entries(VERDICT_RANK)
    .map(([verdict, rank]) => `WHEN '${verdict}' THEN ${rank}`)
    .join(" ")} ELSE 9 END`;

/** 0 worse, 1 improved, 2 new; unchanged rows are filtered out before. */
const GROUP_SQL = `CASE WHEN "before" IS NULL THEN 2 WHEN ${RANK_SQL('"after"')} > ${RANK_SQL('"before"')} THEN 0 ELSE 1 END`;

export async function uploadInstant(uploadId: string): Promise<UploadInstant | null> {
  const upload = await db().upload.findUnique({ where: { id: uploadId }, select: { createdAt: true } });
  return upload === null ? null : { text: upload.createdAt.toISOString(), value: upload.createdAt };
}

export async function transitionCounts(at: UploadInstant, cause: string): Promise<TransitionCount[]> {
  const rows = await db().$queryRawUnsafe<TransitionCount[]>(
    `${PAIRS} SELECT "before", "after", COUNT(*)::int AS n FROM pairs GROUP BY "before", "after"`,
    at.value,
    cause,
  );
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}

export async function changedRows(at: UploadInstant, cause: string, limit: number, offset: number): Promise<UploadChangeRow[]> {
  return db().$queryRawUnsafe<UploadChangeRow[]>(
    `${PAIRS}
      SELECT s."fqdn", s."name", s."domain", pairs."before", pairs."after", pairs."beforeStatuses", pairs."afterStatuses"
      FROM pairs JOIN "Server" s ON s."id" = pairs."serverId"
      WHERE pairs."before" IS NULL OR pairs."before" <> pairs."after"
      ORDER BY ${GROUP_SQL}, s."fqdn"
      LIMIT $3 OFFSET $4`,
    at.value,
    cause,
    limit,
    offset,
  );
}
