import Link from "next/link";
import { ConfidenceStars } from "@/components/readiness/confidence-stars";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import type { ServerHistory } from "@/lib/data/servers";
import { RESULT_STATUS_LABELS, VERDICT_LABELS } from "@/lib/readiness";
import { getRule, type ResultStatus } from "@/lib/rules";
import { type Cause, describeCause, parseCause, type RuleChange, statusChanges } from "@/lib/views/history-changes";

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const TD = "px-2 py-2 align-top text-sm";
const LINK = "text-brand-600 underline dark:text-brand-100";
const MAX_CHANGES = 12;

const statusText = (status: ResultStatus | null) => (status === null ? "not evaluated" : RESULT_STATUS_LABELS[status]);

function CauseText({ cause, uploadNames }: { cause: Cause; uploadNames: ReadonlyMap<string, string> }) {
  const text = describeCause(cause, uploadNames);
  if (cause.kind === "upload" && uploadNames.has(cause.uploadId)) {
    return (
      <Link href={`/uploads/${encodeURIComponent(cause.uploadId)}`} className={`${LINK} [overflow-wrap:anywhere]`}>
        {text}
      </Link>
    );
  }
  return <span className="[overflow-wrap:anywhere]">{text}</span>;
}

function Changes({ changes, verdictFrom, verdictTo }: { changes: readonly RuleChange[]; verdictFrom: string | null; verdictTo: string }) {
  const shown = changes.slice(0, MAX_CHANGES);
  return (
    <div>
      {verdictFrom !== null && verdictFrom !== verdictTo && <p className="font-medium">{`Verdict: ${verdictFrom} → ${verdictTo}`}</p>}
      {changes.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">No rule changed status.</p>
      ) : (
        <ul className="space-y-0.5">
          {shown.map((change) => (
            <li key={change.ruleId}>
              <Link href={`/rules/${encodeURIComponent(change.ruleId)}`} className={`${LINK} font-mono text-xs`} title={getRule(change.ruleId)?.meta.title}>
                {change.ruleId}
              </Link>
              {`: ${statusText(change.from)} → ${statusText(change.to)}`}
            </li>
          ))}
          {changes.length > shown.length && <li className="text-slate-600 dark:text-slate-400">{`and ${changes.length - shown.length} more`}</li>}
        </ul>
      )}
    </div>
  );
}

/** The uploads that brought this server's facts, and its evaluations with what changed between them and why. */
export function ServerHistorySection({ history, uploadNames, limit }: { history: ServerHistory; uploadNames: ReadonlyMap<string, string>; limit: number }) {
  const { uploads, evaluations } = history;
  return (
    <Card title="History" id="history">
      <h3 className="text-sm font-semibold">Uploads with facts for this server</h3>
      {uploads.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">None left: the uploads were deleted.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
            <caption className="sr-only">Uploads with facts for this server, newest facts first</caption>
            <thead>
              <tr>
                <th scope="col" className={TH}>Uploaded</th>
                <th scope="col" className={TH}>Facts collected</th>
                <th scope="col" className={TH}>File</th>
                <th scope="col" className={TH}>Format</th>
                <th scope="col" className={TH}>By</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {uploads.map((upload) => (
                <tr key={`${upload.uploadId}-${upload.collectedAt}`}>
                  <td className={`${TD} whitespace-nowrap`}><DateTime value={upload.uploadedAt} /></td>
                  <td className={`${TD} whitespace-nowrap`}><DateTime value={upload.collectedAt} /></td>
                  <td className={`${TD} max-w-72`}>
                    <Link href={`/uploads/${encodeURIComponent(upload.uploadId)}`} className={`${LINK} [overflow-wrap:anywhere]`}>
                      {upload.fileName}
                    </Link>
                  </td>
                  <td className={`${TD} font-mono text-xs`}>{upload.format}</td>
                  <td className={`${TD} max-w-56 [overflow-wrap:anywhere]`}>{upload.uploadedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 className="mt-6 text-sm font-semibold">Evaluations, newest first</h3>
      {evaluations.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Not evaluated yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
            <caption className="sr-only">Evaluations of this server, newest first, with what changed since the previous one and why</caption>
            <thead>
              <tr>
                <th scope="col" className={TH}>When</th>
                <th scope="col" className={TH}>Verdict</th>
                <th scope="col" className={TH}>Why</th>
                <th scope="col" className={TH}>What changed since the previous evaluation</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {evaluations.map((evaluation, i) => {
                const previous = evaluations[i + 1];
                return (
                  <tr key={`${evaluation.evaluatedAt}-${i}`}>
                    <td className={`${TD} whitespace-nowrap`}>
                      <DateTime value={evaluation.evaluatedAt} />
                      <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{evaluation.rulesetVersion}</span>
                    </td>
                    <td className={TD}>
                      <VerdictBadge verdict={evaluation.verdict} />
                      <span className="mt-1 block">
                        <ConfidenceStars stars={evaluation.confidenceStars} />
                      </span>
                    </td>
                    <td className={`${TD} max-w-64`}>
                      <CauseText cause={parseCause(evaluation.cause)} uploadNames={uploadNames} />
                      {evaluation.note && <span className="mt-1 block text-xs text-amber-800 [overflow-wrap:anywhere] dark:text-amber-300">{evaluation.note}</span>}
                    </td>
                    <td className={TD}>
                      {previous ? (
                        <Changes changes={statusChanges(previous.statuses, evaluation.statuses)} verdictFrom={VERDICT_LABELS[previous.verdict]} verdictTo={VERDICT_LABELS[evaluation.verdict]} />
                      ) : (
                        <span className="text-slate-600 dark:text-slate-400">{evaluations.length >= limit ? "Earlier evaluations are not shown." : "First evaluation."}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
