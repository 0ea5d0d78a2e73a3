import type { ReactNode } from "react";
import { DateTime } from "@/components/ui/date-time";
import type { UploadDto } from "@/lib/data/uploads";
import { containerLabel } from "./archive-entries";
import { formatBytes, kindLabel, plural, uploaderLabel } from "./labels";

/** Where an upload came from: file, hash, format, producer, who and when. */
export function UploadProvenance({ upload, formatLabel }: { upload: UploadDto; formatLabel?: string }) {
  const rows: [string, ReactNode][] = [
    ["File name", <span key="f" className="break-all">{upload.fileName}</span>],
    ["Size", `${formatBytes(upload.sizeBytes)} (${upload.sizeBytes.toLocaleString("en-US")} bytes)`],
    ["SHA-256", <code key="s" className="break-all font-mono text-xs">{upload.sha256}</code>],
    ...(upload.container ? ([["Container", `${containerLabel(upload.container)}, ${plural(upload.entryCount, upload.container === "xlsx" ? "sheet" : "file")} read`]] as [string, ReactNode][]) : []),
    ["Kind", kindLabel(upload.kind)],
    [
      "Format",
      <span key="fmt">
        {formatLabel ?? upload.format} <span className="font-mono text-xs text-slate-500">({upload.format})</span>
      </span>,
    ],
    ["Producer version", upload.producerVersion ?? <span key="p" className="text-slate-500">not stated in the file</span>],
    ["Uploaded by", uploaderLabel(upload.uploadedBy)],
    ["Uploaded at", <DateTime key="d" value={upload.createdAt} />],
    ["Upload id", <code key="i" className="font-mono text-xs">{upload.id}</code>],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-500 dark:text-slate-400">{term}</dt>
          <dd className="min-w-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
