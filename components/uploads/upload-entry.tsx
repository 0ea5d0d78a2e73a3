"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ArchiveEntries } from "./archive-entries";
import { ColumnMappingStep } from "./column-mapping-step";
import { entryNeeds } from "./entry-needs";
import { isWorkbookName } from "./file-kinds";
import { stageLabel } from "./job-stage";
import { IssuesTable } from "./issues-table";
import { formatBytes, kindLabel, plural } from "./labels";
import { ProgressBar } from "./progress-bar";
import type { FormatOption, SavedMapping } from "./types";
import { UploadCounts } from "./upload-counts";
import type { UploadMode, UploadOptions } from "./upload-fields";
import { AclFields, UploadOptionsFields } from "./upload-options";
import type { UploadAccepted } from "./upload-response";
import type { QueueEntry } from "./use-upload-queue";

const LINK = "font-medium text-brand-600 underline dark:text-brand-100";
const ISSUES_SHOWN = 200;

function statusText(entry: QueueEntry): string {
  if (entry.sending?.job) return entry.sending.mode === "dry-run" ? `Dry run: ${stageLabel(entry.sending.job)}` : stageLabel(entry.sending.job);
  if (entry.sending) return entry.sending.mode === "dry-run" ? "Checking (dry run)…" : "Sending…";
  if (entry.result) return entry.result.status === "duplicate" ? "Already uploaded — nothing changed" : "Committed";
  if (entry.error) return entry.error.stage === "dry-run" ? "Refused — nothing stored" : "Not committed — nothing stored";
  if (entry.preview) {
    if (entry.stale) return "Options changed — check again";
    if (entry.preview.previous) return "Dry run: already uploaded — nothing would change";
    return entry.preview.counts.rejected > 0 ? `Dry run: ${plural(entry.preview.counts.rejected, "record")} rejected` : "Dry run: ready to commit";
  }
  return "Waiting…";
}

function statusTone(entry: QueueEntry): string {
  if (entry.sending) return "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100";
  if (entry.result) return "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200";
  if (entry.error) return "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200";
  if (entry.preview && (entry.stale || entry.preview.counts.rejected > 0 || entry.preview.previous)) return "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200";
  return "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-brand-100";
}

function Issues({ issues, caption }: { issues: UploadAccepted["issues"]; caption: string }) {
  const [all, setAll] = useState(false);
  const shown = all ? issues : issues.slice(0, ISSUES_SHOWN);
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold">{issues.length === 0 ? "No issues" : `Issues (${issues.length.toLocaleString("en-US")})`}</h4>
      {issues.length > 0 && <IssuesTable issues={shown} caption={caption} />}
      {shown.length < issues.length && (
        <Button variant="secondary" type="button" onClick={() => setAll(true)}>
          Show all {issues.length.toLocaleString("en-US")} issues
        </Button>
      )}
    </div>
  );
}

function whenText(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** A dry run of bytes that were committed before: committing again would change nothing. */
function AlreadyUploaded({ previous }: { previous: NonNullable<UploadAccepted["previous"]> }) {
  return (
    <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
      <strong>Already uploaded</strong> on {whenText(previous.uploadedAt)} by {previous.uploadedBy} (as {previous.fileName}): these exact bytes are stored,
      so committing would change nothing.{" "}
      <Link href={`/uploads/${encodeURIComponent(previous.id)}`} className={LINK}>
        Open that upload
      </Link>
    </p>
  );
}

/** Where the gMSA account came from: pre-filled from the file's only `$` trustee, or the `$` trustees to choose from. */
function GmsaHint({ gmsa, account, onUse }: { gmsa: NonNullable<QueueEntry["gmsa"]>; account: string; onUse: (account: string) => void }) {
  if (gmsa.prefilled !== undefined && account === gmsa.prefilled) {
    return (
      <span data-testid="gmsa-prefilled">
        <strong className="font-semibold text-slate-700 dark:text-slate-200">Pre-filled from the file: {gmsa.prefilled}</strong> — the only gMSA or computer account
        ($) among its trustees. Change it if the permissions should be checked for another account.
      </span>
    );
  }
  const others = gmsa.candidates.filter((candidate) => candidate.toLowerCase() !== account.trim().toLowerCase());
  return (
    <span data-testid="gmsa-candidates">
      {gmsa.candidates.length === 1 ? "The only gMSA or computer account ($) among the file's trustees is " : `The file's trustees include ${gmsa.candidates.length} gMSA or computer accounts ($), so none was pre-filled; pick the gMSA: `}
      {others.length === 0
        ? gmsa.candidates.join(", ")
        : others.map((candidate, i) => (
            <span key={candidate}>
              {i > 0 && ", "}
              <button type="button" className="font-mono text-brand-600 underline hover:no-underline dark:text-brand-100" onClick={() => onUse(candidate)} aria-label={`Use ${candidate} as the gMSA account`}>
                {candidate}
              </button>
            </span>
          ))}
      .
    </span>
  );
}

function Detected({ kind, format, formats }: { kind: string; format: string; formats: ReadonlyMap<string, FormatOption> }) {
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
      <div className="flex gap-1">
        <dt className="text-slate-500 dark:text-slate-400">Kind:</dt>
        <dd className="font-medium">{kindLabel(kind)}</dd>
      </div>
      <div className="flex gap-1">
        <dt className="text-slate-500 dark:text-slate-400">Format:</dt>
        <dd className="font-medium">
          {formats.get(format)?.label ?? format} <span className="font-mono text-xs text-slate-500">({format})</span>
        </dd>
      </div>
    </dl>
  );
}

/** One file in the upload panel: progress, dry-run preview, fixes (options, ACL account, mapping), commit, result. */
export function UploadEntry({
  entry,
  formats,
  savedMappings,
  onSend,
  onOptions,
  onRemove,
}: {
  entry: QueueEntry;
  formats: ReadonlyMap<string, FormatOption>;
  savedMappings: readonly SavedMapping[];
  onSend: (entry: QueueEntry, mode: UploadMode) => void;
  onOptions: (key: string, patch: Partial<UploadOptions>) => void;
  onRemove: (key: string) => void;
}) {
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [mappingOpen, setMappingOpen] = useState(false);
  const { key, file, preview, result, error, sending, stale, options } = entry;
  const titleId = `${key}-title`;
  const isCsv = Array.isArray(entry.headers);
  const needs = entryNeeds(error?.stage === "dry-run" ? error : null, isCsv);
  const gmsa = entry.gmsa;
  const aclPrompt = !result && (needs.account || needs.target || gmsa !== undefined);
  const showMapping = !result && isCsv && (needs.mapping || mappingOpen);
  const busy = sending !== null;
  const canCommit = !result && preview !== null && !stale && !busy;
  const canCheckAgain = !result && !busy && (stale || (error?.stage === "dry-run" && error.code !== "too-large"));
  const change = (patch: Partial<UploadOptions>) => onOptions(key, patch);
  const formatList = [...formats.values()];

  return (
    <li>
      <section aria-labelledby={titleId} className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 id={titleId} className="break-all font-medium">
              {file.name}
            </h3>
            <p className="text-xs text-slate-500 dark:text-slate-400">{formatBytes(file.size)}</p>
          </div>
          <div className="flex items-center gap-2">
            <span role="status" className={`rounded px-2 py-0.5 text-xs font-semibold ${statusTone(entry)}`}>
              {statusText(entry)}
            </span>
            {!busy && (
              <Button type="button" variant="ghost" className="px-2 py-1" onClick={() => onRemove(key)} aria-label={`Remove ${file.name} from the list`}>
                Remove
              </Button>
            )}
          </div>
        </div>

        <ProgressBar percent={entry.percent} label={`Upload of ${file.name}`} />

        {result && (
          <div className="space-y-3">
            <div className="rounded-md border border-green-300 bg-green-50 p-3 text-sm dark:border-green-800 dark:bg-green-950">
              {result.status === "duplicate" ? (
                <p>
                  <strong>Already uploaded — nothing changed.</strong> These exact bytes (same SHA-256) were committed before
                  {result.previous ? ` on ${whenText(result.previous.uploadedAt)} by ${result.previous.uploadedBy} (as ${result.previous.fileName})` : ""}; the existing
                  upload is kept.
                </p>
              ) : (
                <p>
                  <strong>Committed.</strong> {plural(result.counts.accepted, "record")} stored; {plural(result.counts.servers, "server")} re-evaluated.
                </p>
              )}
              <p className="mt-2 flex flex-wrap gap-4">
                {result.id && (
                  <Link href={`/uploads/${encodeURIComponent(result.id)}`} className={LINK}>
                    Open the upload
                  </Link>
                )}
                <Link href="/servers" className={LINK}>
                  See the servers
                </Link>
              </p>
            </div>
            <Detected kind={result.kind} format={result.format} formats={formats} />
            <UploadCounts counts={result.counts} label={`Counts for ${file.name}`} />
            {result.archive && <ArchiveEntries archive={result.archive} caption={`Files read from ${file.name}`} />}
            {result.issues.length > 0 && <Issues issues={result.issues} caption={`Issues kept with ${file.name}`} />}
          </div>
        )}

        {!result && preview && (
          <div className="space-y-3">
            <h4 className="text-sm font-semibold">
              Dry-run preview <span className="font-normal text-slate-600 dark:text-slate-400">— nothing is stored until you commit.</span>
            </h4>
            {preview.previous && <AlreadyUploaded previous={preview.previous} />}
            <Detected kind={preview.kind} format={preview.format} formats={formats} />
            <UploadCounts counts={preview.counts} label={`Dry-run counts for ${file.name}`} />
            {preview.archive && <ArchiveEntries archive={preview.archive} caption={`Files found in ${file.name}`} />}
            <Issues issues={preview.issues} caption={`Issues found in ${file.name}`} />
          </div>
        )}

        {error && (
          <div role="alert" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950/60">
            <p className="text-sm">
              <strong>{error.stage === "dry-run" ? "The file was refused." : "Nothing was committed."}</strong> <span className="break-words">{error.message}</span>
            </p>
            {error.archive && <ArchiveEntries archive={error.archive} caption={`Files read from ${file.name}`} />}
            {error.issues.length > 0 && !(error.stage === "commit" && error.code === "rows-rejected") && <IssuesTable issues={error.issues} caption={`Why ${file.name} was refused`} />}
          </div>
        )}

        {aclPrompt && (
          <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950/60">
            <p className="text-sm font-medium">
              {needs.account || needs.target
                ? `This ACL export needs ${needs.account && needs.target ? "the gMSA account and the target DN" : needs.account ? "the gMSA account" : "the target DN"}. Enter ${needs.account && needs.target ? "them" : "it"}, then check again.`
                : "This ACL export does not name its gMSA: check the account below before committing."}
            </p>
            <AclFields
              idPrefix={key}
              options={options}
              onChange={change}
              required={{ account: needs.account || gmsa !== undefined, target: needs.target }}
              accountHint={gmsa && <GmsaHint gmsa={gmsa} account={options.account} onUse={(account) => change({ account })} />}
            />
          </div>
        )}

        {showMapping && entry.headers && (
          <ColumnMappingStep idPrefix={key} fileName={file.name} headers={entry.headers} samples={entry.samples} options={options} savedMappings={savedMappings} onChange={change} />
        )}

        {!result && (
          <div>
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="ghost" className="px-2 py-1" aria-expanded={optionsOpen} aria-controls={`${key}-options`} onClick={() => setOptionsOpen((open) => !open)}>
                <span aria-hidden="true">{optionsOpen ? "▾" : "▸"}</span> Options
              </Button>
              {isCsv && !needs.mapping && (
                <Button type="button" variant="ghost" className="px-2 py-1" aria-expanded={mappingOpen} onClick={() => setMappingOpen((open) => !open)}>
                  <span aria-hidden="true">{mappingOpen ? "▾" : "▸"}</span> Map columns
                </Button>
              )}
            </div>
            {optionsOpen && (
              <div id={`${key}-options`} className="mt-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
                <UploadOptionsFields idPrefix={`${key}-opt`} options={options} formats={formatList} onChange={change} withAcl={!aclPrompt} withSheet={isWorkbookName(file.name)} />
              </div>
            )}
          </div>
        )}

        {!result && (
          <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3 dark:border-slate-800">
            {preview && preview.counts.rejected > 0 && preview.counts.accepted === 0 && (
              <p className="basis-full text-sm text-slate-700 dark:text-slate-300">
                No record of this file can be stored as it is: fix the rejected {preview.counts.rejected === 1 ? "record" : "records"} above and check again.
              </p>
            )}
            {preview && preview.counts.rejected > 0 && preview.counts.accepted > 0 && (
              <div className="flex basis-full items-center gap-2">
                <input
                  id={`${key}-partial`}
                  type="checkbox"
                  className="h-4 w-4"
                  checked={options.allowPartial}
                  onChange={(event) => change({ allowPartial: event.target.checked })}
                />
                <label htmlFor={`${key}-partial`} className="text-sm">
                  Commit only the {preview.counts.accepted.toLocaleString("en-US")} valid {preview.counts.accepted === 1 ? "record" : "records"} ({preview.counts.rejected === 1 ? "the rejected record is" : `the ${preview.counts.rejected.toLocaleString("en-US")} rejected records are`} left out)
                </label>
              </div>
            )}
            {canCheckAgain && (
              <Button type="button" variant="secondary" onClick={() => onSend(entry, "dry-run")}>
                Check again
              </Button>
            )}
            {preview && (
              <Button type="button" disabled={!canCommit} onClick={() => onSend(entry, "commit")}>
                Commit
              </Button>
            )}
            {stale && preview && <p className="text-sm text-amber-800 dark:text-amber-300">The options changed: check again before committing.</p>}
          </div>
        )}
      </section>
    </li>
  );
}
