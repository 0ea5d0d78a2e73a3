"use client";

import { useRouter } from "next/navigation";
import { useCallback, useReducer, useRef } from "react";
import { csvPreviewOf, HEADER_PROBE_BYTES } from "./csv-header";
import { sendPercent, stagePercent } from "./job-stage";
import { sizeLimitFor } from "./file-kinds";
import { postUpload } from "./post-upload";
import { changesPreview, DEFAULT_UPLOAD_OPTIONS, uploadFields, type UploadMode, type UploadOptions } from "./upload-fields";
import type { UploadAccepted, UploadAnswer, UploadJobProgress, UploadRefused } from "./upload-response";

/** One file in the upload panel and where it stands. */
export interface QueueEntry {
  key: string;
  file: File;
  /** The CSV headers (read in the browser), null when the file is not CSV, undefined while reading. */
  headers: string[] | null | undefined;
  /** Per header, a few sample values from the first rows (quoted, shortened), for the column-mapping step. */
  samples?: string[][];
  options: UploadOptions;
  /** Options changed since the preview or refusal shown: check again before committing. */
  stale: boolean;
  /** While a request runs: the bytes sent, then the server's job (its stage, place in line and counts). */
  sending: { mode: UploadMode; loaded: number; total: number; job: UploadJobProgress | null } | null;
  /** Last upload progress in percent (kept after the request ends). */
  percent: number;
  preview: UploadAccepted | null;
  result: UploadAccepted | null;
  /**
   * The `$` accounts the last refused dry run found among the trustees of an ACL export without its gMSA;
   * `prefilled` is the account put in the form from the file (exactly one `$` account and the field was empty).
   */
  gmsa?: { prefilled?: string; candidates: string[] };
  error: (UploadRefused & { stage: UploadMode }) | null;
}

type QueueAction =
  | { type: "add"; entries: QueueEntry[] }
  | { type: "headers"; key: string; headers: string[] | null; samples?: string[][] }
  | { type: "options"; key: string; patch: Partial<UploadOptions> }
  | { type: "start"; key: string; mode: UploadMode; total: number }
  | { type: "progress"; key: string; loaded: number; total: number }
  | { type: "job"; key: string; job: UploadJobProgress }
  | { type: "answer"; key: string; mode: UploadMode; answer: UploadAnswer }
  | { type: "remove"; key: string };

function update(entries: QueueEntry[], key: string, change: (entry: QueueEntry) => QueueEntry): QueueEntry[] {
  return entries.map((entry) => (entry.key === key ? change(entry) : entry));
}


export function queueReducer(entries: QueueEntry[], action: QueueAction): QueueEntry[] {
  switch (action.type) {
    case "add":
      return [...entries, ...action.entries];
    case "remove":
      return entries.filter((entry) => entry.key !== action.key);
    case "headers":
      return update(entries, action.key, (entry) => ({ ...entry, headers: action.headers, samples: action.samples }));
    case "options":
      return update(entries, action.key, (entry) => ({
        ...entry,
        options: { ...entry.options, ...action.patch },
        stale: entry.stale || (changesPreview(action.patch) && (entry.preview !== null || entry.error !== null)),
      }));
    case "start":
      return update(entries, action.key, (entry) => ({ ...entry, sending: { mode: action.mode, loaded: 0, total: action.total, job: null }, percent: 0 }));
    case "progress":
      return update(entries, action.key, (entry) =>
        entry.sending && !entry.sending.job
          ? { ...entry, sending: { ...entry.sending, loaded: action.loaded, total: action.total }, percent: sendPercent(action.loaded, action.total) }
          : entry,
      );
    case "job": {
      const { stage, position, records, servers } = action.job;
      return update(entries, action.key, (entry) =>
        entry.sending ? { ...entry, sending: { ...entry.sending, job: { stage, position, records, servers } }, percent: Math.max(entry.percent, stagePercent(action.job)) } : entry,
      );
    }
    case "answer":
      return update(entries, action.key, (entry) => {
        const base = { ...entry, sending: null, percent: 100 };
        const { answer, mode } = action;
        if (mode === "dry-run") {
          if (answer.ok) return { ...base, preview: answer.value, error: null, result: null, stale: false };
          const refused = { ...base, preview: null, error: { ...answer.error, stage: mode }, result: null, stale: false };
          const suggested = answer.error.suggestedGmsa;
          if (suggested === undefined) return refused;
          const account = prefillAccount(entry.options, answer.error);
          return account === undefined
            ? { ...refused, gmsa: { candidates: suggested.candidates } }
            : { ...refused, options: { ...entry.options, account }, gmsa: { prefilled: account, candidates: suggested.candidates } };
        }
        return answer.ok ? { ...base, result: answer.value, error: null } : { ...base, error: { ...answer.error, stage: mode } };
      });
  }
}

/** The account to pre-fill from a refusal: the file's only `$` trustee, when the account field is still empty. */
export function prefillAccount(options: UploadOptions, error: UploadRefused): string | undefined {
  const account = error.suggestedGmsa?.account;
  return account !== undefined && options.account.trim() === "" ? account : undefined;
}

/** The upload panel's state and what can be done with each file. */
export function useUploadQueue(maxBytes: number, archiveMaxBytes = maxBytes) {
  const router = useRouter();
  const [entries, dispatch] = useReducer(queueReducer, []);
  const nextKey = useRef(0);

  const send = useCallback(
    async (entry: QueueEntry, mode: UploadMode) => {
      let options = entry.options;
      // At most twice: an ACL export refused for want of its gMSA is checked again at once with the account
      // pre-filled from the file (its only `$` trustee); the form shows where the value came from.
      for (let attempt = 0; attempt < 2; attempt++) {
        dispatch({ type: "start", key: entry.key, mode, total: entry.file.size });
        const answer = await postUpload(
          entry.file,
          uploadFields(options, mode),
          (loaded, total) => dispatch({ type: "progress", key: entry.key, loaded, total }),
          (job) => dispatch({ type: "job", key: entry.key, job }),
        );
        dispatch({ type: "answer", key: entry.key, mode, answer });
        if (mode === "commit" && answer.ok) router.refresh();
        const prefilled = mode === "dry-run" && !answer.ok ? prefillAccount(options, answer.error) : undefined;
        if (prefilled === undefined) break;
        options = { ...options, account: prefilled };
      }
    },
    [router],
  );

  const addFiles = useCallback(
    (files: Iterable<File>) => {
      const added: QueueEntry[] = [...files].map((file) => ({
        key: `upload-${++nextKey.current}`,
        file,
        headers: undefined,
        options: DEFAULT_UPLOAD_OPTIONS,
        stale: false,
        sending: null,
        percent: 0,
        preview: null,
        result: null,
        error: null,
      }));
      if (added.length === 0) return;
      dispatch({ type: "add", entries: added });
      for (const entry of added) {
        void entry.file
          .slice(0, HEADER_PROBE_BYTES)
          .arrayBuffer()
          .then(
            (buffer) => {
              const preview = csvPreviewOf(new Uint8Array(buffer), entry.file.size <= HEADER_PROBE_BYTES);
              dispatch({ type: "headers", key: entry.key, headers: preview?.headers ?? null, samples: preview?.samples });
            },
            () => dispatch({ type: "headers", key: entry.key, headers: null }),
          );
        const max = sizeLimitFor(entry.file.name, { plain: maxBytes, archive: archiveMaxBytes });
        if (entry.file.size > max) {
          const limit = `${Math.round(max / 1024 / 1024)} MB`;
          const error: UploadRefused = { code: "too-large", message: `${entry.file.name} is larger than the ${limit} upload limit; it was not sent.`, issues: [] };
          dispatch({ type: "answer", key: entry.key, mode: "dry-run", answer: { ok: false, error } });
        } else {
          void send(entry, "dry-run");
        }
      }
    },
    [maxBytes, archiveMaxBytes, send],
  );

  const setOptions = useCallback((key: string, patch: Partial<UploadOptions>) => dispatch({ type: "options", key, patch }), []);
  const remove = useCallback((key: string) => dispatch({ type: "remove", key }), []);

  return { entries, addFiles, send, setOptions, remove };
}
