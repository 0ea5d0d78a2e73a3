import Link from "next/link";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import { UPLOAD_CHANGES_PAGE_SIZE, type UploadChanges } from "@/lib/data/upload-changes";
import { VERDICT_LABELS } from "@/lib/readiness";
import { ruleChangeText } from "@/lib/views/history-changes";
import { Pagination } from "./pagination";

const LINK = "font-medium text-brand-600 underline dark:text-brand-100";
const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const MUTED = "text-sm text-slate-600 dark:text-slate-400";

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function NewBadge() {
  return <span className="whitespace-nowrap rounded-full border border-slate-400/40 px-2 py-0.5 text-xs font-medium text-slate-700 dark:text-slate-200">New server</span>;
}

/**
 * What an upload changed: servers whose verdict changed (before → after, at the upload), counted per transition,
 * one page of them with the rules that started or stopped failing, and an honest line when nothing changed.
 */
export function UploadChangesView({
  changes,
  page,
  basePath,
  keep,
}: {
  changes: UploadChanges;
  page: number;
  basePath: string;
  /** Query parameters of the page to keep in the paging links. */
  keep: Record<string, string | undefined>;
}) {
  const { evaluated, changed, improved, worse, added, transitions, rows, total, at } = changes;
  if (evaluated === 0) {
    return <p className={MUTED}>This upload re-evaluated no server (it held no host facts, or none that any server uses), so no verdict changed.</p>;
  }
  if (total === 0) {
    return (
      <p className={MUTED} data-testid="upload-no-changes">
        Nothing changed: the {count(evaluated, "server", "servers")} this upload re-evaluated kept {evaluated === 1 ? "its" : "their"} verdict.
      </p>
    );
  }
  const pageCount = Math.max(1, Math.ceil(total / UPLOAD_CHANGES_PAGE_SIZE));
  const kept = evaluated - total;
  const parts = [
    ...(changed > 0 ? [`${changed.toLocaleString("en-US")} changed verdict (${worse.toLocaleString("en-US")} worse, ${improved.toLocaleString("en-US")} better)`] : []),
    ...(added > 0 ? [`${added.toLocaleString("en-US")} new`] : []),
    ...(kept > 0 ? [`${kept.toLocaleString("en-US")} kept ${kept === 1 ? "its" : "their"} verdict`] : []),
  ];
  const reportHref = at ? `/reports/changes?from=${encodeURIComponent(new Date(new Date(at).getTime() - 1).toISOString())}&to=${encodeURIComponent(new Date(at).toISOString())}` : null;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        This upload re-evaluated {count(evaluated, "server", "servers")}: {parts.join(", ")}. Verdicts are as they were right after the upload; a server page
        shows where each stands now.
      </p>
      <table className="w-auto divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="upload-transitions">
        <caption className="sr-only">Servers per verdict change</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>Before</th>
            <th scope="col" className={TH}>
              <span className="sr-only">changed to</span>
            </th>
            <th scope="col" className={TH}>After</th>
            <th scope="col" className={`${TH} text-right`}>Servers</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {transitions.map((t) => (
            <tr key={`${t.before ?? "new"}-${t.after}`}>
              <td className="px-3 py-1.5">{t.before === null ? <NewBadge /> : <VerdictBadge verdict={t.before} />}</td>
              <td className="px-1 py-1.5 text-slate-500 dark:text-slate-400" aria-hidden="true">
                →
              </td>
              <td className="px-3 py-1.5">
                <VerdictBadge verdict={t.after} />
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{t.count.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="upload-changed-servers">
          <caption className="sr-only">Servers whose verdict changed with this upload (page {page})</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>Server</th>
              <th scope="col" className={TH}>Before → after</th>
              <th scope="col" className={TH}>Rules that started or stopped failing</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((row) => (
              <tr key={row.fqdn} className="align-top">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <Link href={`/servers/${encodeURIComponent(row.fqdn)}`} className={`break-all font-mono text-xs ${LINK}`}>
                    {row.fqdn}
                  </Link>
                </th>
                <td className="px-3 py-2">
                  <span className="inline-flex flex-wrap items-center gap-1.5">
                    {row.before === null ? <NewBadge /> : <VerdictBadge verdict={row.before} />}
                    <span aria-hidden="true" className="text-slate-500 dark:text-slate-400">
                      →
                    </span>
                    <span className="sr-only">{row.before === null ? "first evaluated as" : "changed to"}</span>
                    <VerdictBadge verdict={row.after} />
                  </span>
                </td>
                <td className="px-3 py-2 text-xs text-slate-700 dark:text-slate-300">
                  {row.before === null ? (
                    <span className="text-slate-600 dark:text-slate-400">New with this upload: {VERDICT_LABELS[row.after]}</span>
                  ) : row.rules.length === 0 ? (
                    <span className="text-slate-600 dark:text-slate-400">No rule started or stopped failing (an unknown or waived result changed)</span>
                  ) : (
                    <ul className="space-y-0.5">
                      {row.rules.slice(0, 5).map((rule) => (
                        <li key={rule.ruleId} className="font-mono">
                          {ruleChangeText(rule)}
                        </li>
                      ))}
                      {row.rules.length > 5 && <li>and {row.rules.length - 5} more</li>}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageCount={pageCount} total={total} basePath={basePath} noun={total === 1 ? "server changed or new" : "servers changed or new"} param="changes" label="Pages of changed servers" keep={keep} />
      <p className={MUTED}>
        {reportHref && (
          <>
            <Link href={reportHref} className={LINK}>
              The same changes in the changes report
            </Link>{" "}
            (grouped by cause, exportable as PDF) ·{" "}
          </>
        )}
        <Link href="/servers" className={LINK}>
          The servers list
        </Link>{" "}
        (every server as it is now)
      </p>
    </div>
  );
}
