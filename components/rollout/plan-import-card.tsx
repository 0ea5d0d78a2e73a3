"use client";

import { useRouter } from "next/navigation";
import { type DragEvent, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { IssuesTable } from "@/components/uploads/issues-table";
import { ROLLOUT_STATUS_LABELS, type RolloutStatus } from "@/lib/rollout/status";
import { type PlanAnswer, type PlanOutcome, postPlan } from "./plan-import-answer";

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const TD = "px-3 py-2 align-top text-sm";
/** Rows of the changes table rendered at once (the API lists up to 5,000; the counts above say how many). */
const SHOWN_CHANGES = 500;
const MAX_BYTES = 10 * 1024 * 1024;

const FIELD_LABELS = { wave: "Wave", status: "Status", owner: "Owner", targetDate: "Target date", note: "Note" } as const;

type Phase = { kind: "idle" } | { kind: "busy"; dryRun: boolean } | { kind: "done"; dryRun: boolean; answer: PlanAnswer };

function shown(field: keyof typeof FIELD_LABELS, value: string | null) {
  if (value === null) return <span className="text-slate-500 dark:text-slate-400">(empty)</span>;
  if (field === "status" && value in ROLLOUT_STATUS_LABELS) return ROLLOUT_STATUS_LABELS[value as RolloutStatus];
  return value;
}

function ChangesTable({ outcome }: { outcome: PlanOutcome }) {
  const rows = outcome.changes.slice(0, SHOWN_CHANGES);
  if (rows.length === 0) return null;
  const caption = outcome.status === "preview" ? "Changes the plan would make" : "Changes made";
  return (
    <div className="space-y-1">
      <div tabIndex={0} role="region" aria-label={caption} className="max-h-[28rem] overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
            <tr>
              <th scope="col" className={TH}>Row</th>
              <th scope="col" className={TH}>Server</th>
              <th scope="col" className={TH}>Changes (before → after)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((change) => (
              <tr key={change.row}>
                <td className={`${TD} tabular-nums`}>{change.row}</td>
                <td className={`${TD} max-w-64 [overflow-wrap:anywhere]`}>
                  <span className="font-medium">{change.name}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{change.server}</span>
                </td>
                <td className={`${TD} min-w-64`}>
                  <ul className="space-y-0.5">
                    {change.changes.map((item) => (
                      <li key={item.field} className="[overflow-wrap:anywhere] whitespace-pre-line">
                        <span className="font-medium">{FIELD_LABELS[item.field]}:</span> {shown(item.field, item.before)} <span aria-hidden="true">→</span>
                        <span className="sr-only">changes to</span> {shown(item.field, item.after)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {outcome.changed > rows.length && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Showing the first {rows.length.toLocaleString("en-US")} of {outcome.changed.toLocaleString("en-US")} changed servers.
        </p>
      )}
    </div>
  );
}

function Result({ answer, dryRun }: { answer: PlanAnswer; dryRun: boolean }) {
  if (!answer.ok) {
    const errors = answer.issues.length;
    return (
      <div className="space-y-3">
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 [overflow-wrap:anywhere] dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {answer.message}
        </p>
        {errors > 0 && <IssuesTable issues={answer.issues} caption="Problems in the plan" />}
      </div>
    );
  }
  const { outcome } = answer;
  const warnings = outcome.issues;
  return (
    <div className="space-y-3">
      <p
        role="status"
        className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm [overflow-wrap:anywhere] dark:border-slate-700 dark:bg-slate-800"
      >
        {outcome.message}
      </p>
      {outcome.wavesToCreate.length > 0 && (
        <div className="text-sm">
          <p className="font-medium">{dryRun ? "Waves that will be created (at the end of the order):" : "Waves created:"}</p>
          <ul className="ml-5 list-disc">
            {outcome.wavesToCreate.map((name) => (
              <li key={name} className="[overflow-wrap:anywhere]">
                {name}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ChangesTable outcome={outcome} />
      {warnings.length > 0 && <IssuesTable issues={warnings} caption="Warnings about the plan" />}
    </div>
  );
}

/**
 * Leads and admins: upload a plan CSV (server, wave, owner, targetDate, status, note), preview what it changes
 * (dry run), then apply it. All rows or none; every value is rendered as text.
 */
export function PlanImportCard() {
  const router = useRouter();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const [tooLarge, setTooLarge] = useState<string | null>(null);

  const choose = (chosen: File | null | undefined) => {
    setPhase({ kind: "idle" });
    if (chosen && chosen.size > MAX_BYTES) {
      setFile(null);
      setTooLarge(`${chosen.name} is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; a plan may be at most 10 MB. Split it into smaller files.`);
      return;
    }
    setTooLarge(null);
    setFile(chosen ?? null);
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setPhase({ kind: "busy", dryRun });
    const answer = await postPlan(file, dryRun);
    setPhase({ kind: "done", dryRun, answer });
    if (!dryRun && answer.ok) router.refresh();
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };

  const busy = phase.kind === "busy";
  const previewed = phase.kind === "done" && phase.dryRun && phase.answer.ok ? phase.answer.outcome : null;
  const canApply = previewed !== null && (previewed.changed > 0 || previewed.wavesToCreate.length > 0);
  const applied = phase.kind === "done" && !phase.dryRun && phase.answer.ok;

  return (
    <div className="space-y-4">
      <p id={`${id}-help`} className="text-sm text-slate-600 dark:text-slate-400">
        A CSV with the columns <code>server</code>, <code>wave</code>, <code>owner</code>, <code>targetDate</code> (YYYY-MM-DD), <code>status</code> and <code>note</code>;
        only <code>server</code> (FQDN or NetBIOS name) is required. An empty cell leaves a field as it is; <code>-</code> clears it (in <code>wave</code>: removes the
        server from its wave). Unknown waves are created. Nothing changes until you apply the plan, and a plan with any bad row is refused whole.
      </p>
      <div
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-lg border-2 border-dashed px-4 py-4 transition-colors ${
          dragging ? "border-brand-500 bg-brand-50 dark:border-brand-500 dark:bg-slate-800" : "border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-950"
        }`}
      >
        <label htmlFor={`${id}-file`} className="block text-sm font-medium">
          Plan CSV {dragging ? "(drop it here)" : "(choose it, or drop it here)"}
        </label>
        <input
          ref={inputRef}
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          aria-describedby={`${id}-help`}
          disabled={busy}
          onChange={(event) => choose(event.target.files?.[0])}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-200 file:px-3 file:py-1.5 file:text-sm file:font-medium dark:file:bg-slate-700 dark:file:text-slate-100"
        />
        {file && <p className="mt-1 text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">Selected: {file.name}</p>}
      </div>
      {tooLarge && (
        <p role="alert" className="text-sm text-red-800 [overflow-wrap:anywhere] dark:text-red-200">
          {tooLarge}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" disabled={!file || busy} onClick={() => void send(true)}>
          {busy && phase.dryRun ? "Checking…" : "Preview"}
        </Button>
        <Button type="button" disabled={!file || busy || !canApply} onClick={() => void send(false)} aria-describedby={`${id}-apply-help`}>
          {busy && !phase.dryRun ? "Applying…" : "Apply plan"}
        </Button>
        <span id={`${id}-apply-help`} className="sr-only">
          Preview the plan first; it can be applied when the preview shows changes.
        </span>
      </div>
      <div aria-live="polite">
        {phase.kind === "done" && <Result answer={phase.answer} dryRun={phase.dryRun} />}
        {applied && (
          <Button
            type="button"
            variant="ghost"
            className="mt-2"
            onClick={() => {
              setFile(null);
              setPhase({ kind: "idle" });
              if (inputRef.current) inputRef.current.value = "";
            }}
          >
            Import another plan
          </Button>
        )}
      </div>
    </div>
  );
}
