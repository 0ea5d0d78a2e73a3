import "server-only";
import { type Verdict, VERDICT_RANK, verdictSchema } from "@/lib/readiness";
import { failingChanges, type RuleChange } from "@/lib/views/history-changes";
import { sqlJobs } from "./sql-jobs";

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

function verdictOf(value: unknown): Verdict | null {
  const parsed = verdictSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** What upload `uploadId` changed; `page` is 1-based over the changed and new servers. */
export async function getUploadChanges(uploadId: string, page = 1, pageSize = UPLOAD_CHANGES_PAGE_SIZE): Promise<UploadChanges> {
  const job = sqlJobs().uploadChanges;
  const empty: UploadChanges = { at: null, evaluated: 0, changed: 0, improved: 0, worse: 0, added: 0, transitions: [], rows: [], total: 0 };
  const at = await job.uploadInstant(uploadId);
  if (at === null) return empty;
  const cause = `upload:${uploadId}`;

  const counts = await job.transitionCounts(at, cause);
  const result: UploadChanges = { ...empty, at: at.text };
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
  const rows = await job.changedRows(at, cause, pageSize, offset);
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
