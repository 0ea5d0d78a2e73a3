import { parseServerFilters, type ServerFilters } from "@/lib/views/server-filters";
import { zodIssues } from "@/lib/auth/guards";

/** The fleet report's query: the Servers page filters plus `appendix=true|false` (default false). */
export type FleetReportQuery = { ok: true; filters: ServerFilters; appendix: boolean } | { ok: false; issues: { path: string; message: string }[] };

export function parseFleetReportQuery(params: URLSearchParams): FleetReportQuery {
  const filters = parseServerFilters(params);
  const appendix = params.get("appendix") ?? "false";
  const issues = filters.success ? [] : zodIssues(filters.error);
  if (!["true", "false", "1", "0", ""].includes(appendix)) issues.push({ path: "appendix", message: 'Expected "true" or "false".' });
  if (!filters.success || issues.length) return { ok: false, issues };
  return { ok: true, filters: filters.data, appendix: appendix === "true" || appendix === "1" };
}
