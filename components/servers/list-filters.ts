import { parseServerFilters, type ServerFilters, serverFiltersSchema, serverFiltersToSearch } from "@/lib/views/server-filters";
import type { SortableColumn } from "./servers-table";
import type { SortLink } from "./sort-header";

// Pure: the servers page's reading of its URL (what to list, what to tell the user, where to redirect).

type SearchParams = Record<string, string | string[] | undefined>;

export const DEFAULT_FILTERS: ServerFilters = serverFiltersSchema.parse({});

const FIELD_LABELS: Record<string, string> = {
  q: "Search",
  fqdn: "Server",
  readiness: "Readiness",
  rule: "Failing rule",
  domain: "Domain",
  os: "Operating system",
  site: "Site",
  tag: "Tag",
  owner: "Owner",
  stale: "Stale",
  wave: "Wave",
  rollout: "Rollout status",
  overdue: "Overdue",
};

const shown = (value: string | string[] | undefined) => {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

export interface ResolvedFilters {
  filters: ServerFilters;
  /** Why the URL's filters were ignored (shown above the unfiltered list); empty when they apply. */
  problems: string[];
  /** The canonical URL when the request carried empty or redundant parameters (a submitted GET form does). */
  redirectTo: string | null;
}

/** URL -> filters. Invalid filters give the unfiltered list and a message, never an error. */
export function resolveFilters(params: SearchParams, ruleExists: (id: string) => boolean): ResolvedFilters {
  const parsed = parseServerFilters(params);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")))];
    const problems = fields.map((field) =>
      FIELD_LABELS[field] ? `${FIELD_LABELS[field]}: “${shown(params[field])}” is not a valid value.` : `The filter “${field}” is not valid.`,
    );
    return { filters: DEFAULT_FILTERS, problems, redirectTo: null };
  }
  const filters = parsed.data;
  if (filters.rule && !ruleExists(filters.rule)) {
    return { filters: DEFAULT_FILTERS, problems: [`Failing rule: there is no rule “${filters.rule}”.`], redirectTo: null };
  }
  const hasEmpty = Object.values(params).some((value) => value === "" || (Array.isArray(value) && value.some((v) => v === "")));
  const hasDefaults = params.page === "1" || params.sort === "verdict" || params.dir === "asc" || params.pageSize === "50" || params.stale === "false" || params.overdue === "false";
  return { filters, problems: [], redirectTo: hasEmpty || hasDefaults ? `/servers${serverFiltersToSearch(filters)}` : null };
}

/** True when any filter (not sorting or paging) narrows the list. */
export function hasActiveFilters(filters: ServerFilters): boolean {
  return Boolean(filters.q || filters.fqdn || filters.readiness.length || filters.rule || filters.domain || filters.os || filters.site || filters.tag || filters.owner || filters.stale || filters.wave || filters.rollout.length || filters.overdue);
}

export const listHref = (filters: Partial<ServerFilters>) => `/servers${serverFiltersToSearch(filters)}`;

/** Each sortable column's link: sorts by it ascending, or flips the direction when it is the current sort. */
export function sortLinksFor(filters: ServerFilters): Record<SortableColumn, SortLink> {
  const link = (column: SortableColumn): SortLink => {
    const current = filters.sort === column;
    const state = current ? (filters.dir === "asc" ? "ascending" : "descending") : "none";
    const dir = current && filters.dir === "asc" ? "desc" : "asc";
    return { href: listHref({ ...filters, sort: column, dir, page: 1 }), state };
  };
  return { name: link("name"), verdict: link("verdict"), confidence: link("confidence"), domain: link("domain"), os: link("os"), collected: link("collected"), wave: link("wave") };
}
