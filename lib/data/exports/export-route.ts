import "server-only";
import { actorFromCaller } from "@/lib/audit/entry";
import { apiError, zodIssues } from "@/lib/auth/guards";
import type { Caller } from "@/lib/auth/caller";
import { isoDay } from "@/lib/rollout/status";
import { parseServerFilters, type ServerFilters } from "@/lib/views/server-filters";
import { getReportProvenance, provenanceForLog } from "../report-provenance";
import { recordReport } from "../report-log";
import { serverWhere } from "../servers";
import { describeServerScope } from "@/lib/views/server-filters";
import { filterOptions } from "./scope";

// What the three export route handlers share: the filter, the limits, the download headers and the audit entry.

/** results.csv refuses more rows than this (a spreadsheet could not open it anyway). */
export const MAX_RESULT_ROWS = 1_000_000;

export type ExportKind = "servers.csv" | "results.csv" | "servers.xlsx";

export function exportFilters(request: Request): { ok: true; filters: ServerFilters } | { ok: false; response: Response } {
  const parsed = parseServerFilters(new URL(request.url).searchParams);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const issues = zodIssues(parsed.error);
  return { ok: false, response: apiError(400, "bad-request", "Some filters are not valid.", issues) };
}

/** 413 with the size and a suggestion, before anything is streamed. */
export function tooLarge(what: string, rows: number, limit: number): Response {
  return apiError(
    413,
    "export-too-large",
    `This export would have ${rows.toLocaleString("en-US")} ${what}, more than the limit of ${limit.toLocaleString("en-US")}. Narrow it with a filter (domain, site, wave, readiness or rule) and export each part.`,
    [],
    { rows, limit },
  );
}

export function downloadHeaders(fileName: string, contentType: string): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

export function exportFileName(kind: "servers" | "results", extension: "csv" | "xlsx", now = new Date()): string {
  return `cloud-sync-readiness-${kind}-${isoDay(now)}.${extension}`;
}

/** Records the export in the audit log ("report.generate"); a failure to record is logged, not thrown mid-stream. */
export async function recordExport(caller: Caller, kind: ExportKind, filters: ServerFilters, size: Record<string, number>): Promise<void> {
  try {
    await recordReport(actorFromCaller(caller), { kind, scope: describeServerScope(filters), options: filterOptions(filters), provenance: provenanceForLog(await getReportProvenance({ servers: serverWhere(filters), take: 1 })), size });
  } catch (error) {
    console.error("[exports] could not record the export", error);
  }
}
