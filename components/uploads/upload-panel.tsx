"use client";

import { type DragEvent, useMemo, useRef, useState } from "react";
import { UPLOAD_ACCEPT } from "./file-kinds";
import type { FormatOption, SavedMapping } from "./types";
import { UploadEntry } from "./upload-entry";
import { useUploadQueue } from "./use-upload-queue";

/**
 * Admins' upload panel: drop several files (or pick them with the file input), each is sent as a dry run
 * first and shown with its preview; the user fixes what the server asks for and commits file by file.
 */
export function UploadPanel({
  formats,
  savedMappings,
  maxBytes,
  archiveMaxBytes = maxBytes,
}: {
  formats: readonly FormatOption[];
  savedMappings: readonly SavedMapping[];
  maxBytes: number;
  /** Archives (.zip, .gz, .tgz) and workbooks (.xlsx) have their own limit. */
  archiveMaxBytes?: number;
}) {
  const { entries, addFiles, send, setOptions, remove } = useUploadQueue(maxBytes, archiveMaxBytes);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const formatMap = useMemo(() => new Map(formats.map((format) => [format.id, format])), [formats]);
  const limit = `${Math.round(maxBytes / 1024 / 1024)} MB`;
  const archiveLimit = `${Math.round(archiveMaxBytes / 1024 / 1024)} MB`;

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    addFiles(Array.from(event.dataTransfer.files));
  };

  return (
    <div className="space-y-4">
      <button
        type="button"
        onClick={() => inputRef.current?.click()}
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
        aria-describedby="upload-drop-help"
        className={`flex w-full flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors ${
          dragging
            ? "border-brand-500 bg-brand-50 dark:border-brand-500 dark:bg-slate-800"
            : "border-slate-300 bg-slate-50 hover:border-brand-500 hover:bg-brand-50 dark:border-slate-700 dark:bg-slate-950 dark:hover:bg-slate-800"
        }`}
      >
        <span aria-hidden="true" className="text-2xl text-slate-400">
          ⇪
        </span>
        <span className="text-base font-medium">{dragging ? "Drop to check the files" : "Drop exports here, or choose files"}</span>
      </button>
      <p id="upload-drop-help" className="text-sm text-slate-600 dark:text-slate-400">
        Collector JSON, inventory CSV, systeminfo, Get-ComputerInfo, Get-Acl / dsacls, domain, Graph and sync-scope exports; several at once, up to {limit}{" "}
        each. Also a ZIP, .gz or .tgz of such files (for example the collector&apos;s reports folder, zipped), read file by file and committed as one
        upload, and Excel inventories (.xlsx: choose the sheet in the options), up to {archiveLimit}. Every file is checked first (dry run): nothing
        is stored until you commit it.
      </p>
      <div>
        <label htmlFor="upload-files" className="block text-sm font-medium">
          Files to upload
        </label>
        <input
          ref={inputRef}
          id="upload-files"
          type="file"
          multiple
          accept={UPLOAD_ACCEPT}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-100 dark:file:border-slate-600 dark:file:bg-slate-800 dark:file:text-slate-100"
          onChange={(event) => {
            const files = event.currentTarget.files;
            if (files) addFiles(Array.from(files));
            event.currentTarget.value = "";
          }}
        />
      </div>
      {entries.length > 0 && (
        <ul aria-label="Files in this session" className="space-y-4">
          {entries.map((entry) => (
            <UploadEntry
              key={entry.key}
              entry={entry}
              formats={formatMap}
              savedMappings={savedMappings}
              onSend={(e, mode) => void send(e, mode)}
              onOptions={setOptions}
              onRemove={remove}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
