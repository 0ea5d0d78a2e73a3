import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { getSessionCallerFromCookies } from "@/lib/auth/caller";
import { can } from "@/lib/auth/roles";

/** The filter part of a query string (page and page size do not change what an export covers). */
export function exportSearch(search: string): string {
  const params = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  params.delete("page");
  params.delete("pageSize");
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * Download links for the servers a page shows: the servers CSV, the results CSV and the Excel workbook
 * (/api/exports/*) for `search` (a server-list query string such as "?wave=abc" or "" for every server).
 * Shown only to roles with the "report" permission; `children` adds more links (e.g. a PDF) to the group.
 */
export async function ExportLinks({ search, label = "Export", children }: { search: string; label?: string; children?: ReactNode }) {
  const caller = await getSessionCallerFromCookies();
  if (!caller || !can(caller.role, "report")) return null;
  const query = exportSearch(search);
  const link = buttonClass("secondary", "px-2.5 py-1.5");
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2">
      <span className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</span>
      <a href={`/api/exports/servers.csv${query}`} download data-export="servers-csv" className={link} title="The servers as CSV (UTF-8, opens in Excel)">
        CSV
      </a>
      <a href={`/api/exports/results.csv${query}`} download data-export="results-csv" className={link} title="Every rule result of these servers as CSV">
        Results CSV
      </a>
      <a href={`/api/exports/servers.xlsx${query}`} download data-export="servers-xlsx" className={link} title="Servers and results as an Excel workbook">
        Excel
      </a>
      {children}
    </div>
  );
}
