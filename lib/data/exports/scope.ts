import "server-only";
import type { ServerFilters } from "@/lib/views/server-filters";

// How an export describes its scope in the audit log (lib/data/report-log.ts); the provenance is lib/data/report-provenance.ts.

/** The filter without sorting and paging, as export options (what an export covers). */
export function filterOptions(filters: ServerFilters): Record<string, unknown> {
  const { sort, dir, page: _page, pageSize: _pageSize, ...rest } = filters;
  void _page;
  void _pageSize;
  const options: Record<string, unknown> = { sort, dir };
  for (const [key, value] of Object.entries(rest)) if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)) options[key] = value;
  return options;
}
