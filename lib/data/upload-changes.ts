import "server-only";
import { type Verdict, VERDICT_RANK, verdictSchema } from "@/lib/readiness";
import { failingChanges, type RuleChange } from "@/lib/views/history-changes";
import { sqlite } from "./sqlite/connection";

// What one upload changed: every server the upload re-evaluated has one Evaluation row with cause "upload:<id>",
// written at the upload's own instant (commit-upload passes the same `now` to the Upload row and to reevaluate).
// Its verdict is compared with the server's evaluation just before it. Counts per transition are aggregated in SQL
// (a 50,000-server upload never loads 50,000 status lists); only the rows shown are read with their statuses.

/** Rows listed per page on the upload page. */
export const UPLOAD_CHANGES_PAGE_SIZE = 50;

export interface UploadTransition {
  /** null: the server was first evaluated by this upload. */
  before: Verdict | null;
  after: Verdict;
  count: number;
}

export interface UploadVerdictChange {
  fqdn: string;
  name: string;
  domain: string;
  before: Verdict | null;
  after: Verdict;
  /** Rules that started or stopped failing with this upload (none for a new server). */
  rules: RuleChange[];
}

export interface UploadChanges {
  /** The instant of the upload's evaluation (ISO). */
  at: string | null;
  /** Servers the upload re-evaluated. */
  evaluated: number;
  /** Servers whose verdict changed (new servers not included). */
  changed: number;
  improved: number;
  worse: number;
  /** Servers first evaluated by this upload. */
  added: number;
  /** Per before → after pair, changed verdicts first (worse, then improved), then new servers; unchanged left out. */
  transitions: UploadTransition[];
  /** One page of changed and new servers, in the same order (worse first), then by FQDN. */
  rows: UploadVerdictChange[];
  /** Changed + added: what `rows` pages through. */
  total: number;
}

// RAW SQL (SQLite; PostgreSQL has the same): each of the upload's rows with the rowid of the server's previous row,
// found through the (serverId, evaluatedAt) index. Rows of the same instant come in rowid order.
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

function verdictOf(value: unknown): Verdict | null {
  const parsed = verdictSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** What upload `uploadId` changed; `page` is 1-based over the changed and new servers. */
export function getUploadChanges(uploadId: string, page = 1, pageSize = UPLOAD_CHANGES_PAGE_SIZE): UploadChanges {
  const db = sqlite();
  const upload = db.prepare("SELECT createdAt FROM Upload WHERE id = ?").get(uploadId) as { createdAt: string } | undefined;
  const empty: UploadChanges = { at: null, evaluated: 0, changed: 0, improved: 0, worse: 0, added: 0, transitions: [], rows: [], total: 0 };
  if (upload === undefined) return empty;
  const params = { at: upload.createdAt, cause: `upload:${uploadId}` };

  const counts = db
    .prepare(`${PAIRS} SELECT before, after, COUNT(*) AS n FROM pairs GROUP BY before, after`)
    .all(params) as { before: string | null; after: string; n: number }[];
  const result: UploadChanges = { ...empty, at: upload.createdAt };
  for (const row of counts) {
    const after = verdictOf(row.after);
    if (after === null) continue;
    result.evaluated += row.n;
    const before = row.before === null ? null : verdictOf(row.before);
    if (row.before !== null && before === null) continue;
    if (before === after) continue;
    if (before === null) result.added += row.n;
    else {
      result.changed += row.n;
      if (VERDICT_RANK[after] > VERDICT_RANK[before]) result.worse += row.n;
      else result.improved += row.n;
    }
    result.transitions.push({ before, after, count: row.n });
  }
  const group = (t: UploadTransition) => (t.before === null ? 2 : VERDICT_RANK[t.after] > VERDICT_RANK[t.before] ? 0 : 1);
  result.transitions.sort((a, b) => group(a) - group(b) || b.count - a.count || VERDICT_RANK[b.after] - VERDICT_RANK[a.after]);
  result.total = result.changed + result.added;
  if (result.total === 0) return result;

  const offset = (Math.max(1, page) - 1) * pageSize;
  const rows = db
    .prepare(
      `${PAIRS}
      SELECT s.fqdn, s.name, s.domain, pairs.before, pairs.after, pairs.beforeStatuses, pairs.afterStatuses
      FROM pairs JOIN Server s ON s.id = pairs.serverId
      WHERE pairs.before IS NULL OR pairs.before <> pairs.after
      ORDER BY ${GROUP_SQL}, s.fqdn
      LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: pageSize, offset }) as {
    fqdn: string;
    name: string;
    domain: string;
    before: string | null;
    after: string;
    beforeStatuses: string | null;
    afterStatuses: string;
  }[];
  for (const row of rows) {
    const after = verdictOf(row.after);
    if (after === null) continue;
    const before = verdictOf(row.before);
    result.rows.push({
      fqdn: row.fqdn,
      name: row.name,
      domain: row.domain,
      before,
      after,
      rules: row.beforeStatuses === null ? [] : failingChanges(row.beforeStatuses, row.afterStatuses),
    });
  }
  return result;
}
