import { z } from "zod";
import { VERDICT_LABELS, VERDICTS } from "@/lib/readiness";
import { ROLLOUT_STATUSES } from "@/lib/rollout/status";

/**
 * The server list's filters, as they live in the URL (shareable, bookmarkable) and as the read API,
 * the servers page and the CSV/PDF exports take them. One schema for all of them.
 */
export const SERVER_SORTS = ["name", "verdict", "domain", "os", "collected", "confidence", "wave", "rollout", "target"] as const;
export const STALE_AFTER_DAYS = 30;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : undefined));

/** Accepts "a,b" or repeated parameters. */
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : (Array.isArray(value) ? value : value.split(",")).map((v) => v.trim()).filter(Boolean)))
    .pipe(z.array(z.enum(values)).max(values.length));

export const serverFiltersSchema = z.object({
  /** Partial, case-insensitive match on the FQDN or NetBIOS name. */
  q: text(200),
  /** Exactly this server (FQDN, case-insensitive): a server page's own exports. */
  fqdn: text(255),
  readiness: list(VERDICTS),
  /** A rule the server fails (any severity; waived results are not failures). */
  rule: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  domain: text(255),
  os: text(120),
  site: text(120),
  tag: text(120),
  owner: text(200),
  /** A wave id, "any" for servers in any active wave, or "none" for servers in no active wave. */
  wave: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Rollout statuses (any of). */
  rollout: list(ROLLOUT_STATUSES),
  /** Target date passed and neither installed nor excluded. */
  overdue: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((value) => value === "true" || value === "1"),
  /** Facts older than STALE_AFTER_DAYS days (or never collected). */
  stale: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((value) => value === "true" || value === "1"),
  sort: z.enum(SERVER_SORTS).catch("verdict").default("verdict"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).catch(50).default(50),
});

export type ServerFilters = z.infer<typeof serverFiltersSchema>;

/** URLSearchParams / Next's searchParams object -> filters (invalid values fall back to defaults or fail). */
export function parseServerFilters(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const raw: Record<string, string | string[]> = {};
  if (params instanceof URLSearchParams) {
    for (const key of new Set(params.keys())) {
      const values = params.getAll(key);
      raw[key] = values.length > 1 ? values : (values[0] ?? "");
    }
  } else {
    for (const [key, value] of Object.entries(params)) if (value !== undefined) raw[key] = value;
  }
  return serverFiltersSchema.safeParse(raw);
}

/** Filters -> query string without defaults, for links, bookmarks and export URLs. */
export function serverFiltersToSearch(filters: Partial<ServerFilters>): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.fqdn) params.set("fqdn", filters.fqdn);
  if (filters.readiness?.length) params.set("readiness", filters.readiness.join(","));
  if (filters.rollout?.length) params.set("rollout", filters.rollout.join(","));
  if (filters.overdue) params.set("overdue", "true");
  for (const key of ["rule", "domain", "os", "site", "tag", "owner", "wave"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.stale) params.set("stale", "true");
  if (filters.sort && filters.sort !== "verdict") params.set("sort", filters.sort);
  if (filters.dir && filters.dir !== "asc") params.set("dir", filters.dir);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  if (filters.pageSize && filters.pageSize !== 50) params.set("pageSize", String(filters.pageSize));
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The filter alone (no sorting, no paging: they do not change what a report or an export covers), as a query string. */
export function serverScopeSearch(filters: Partial<ServerFilters>): string {
  return serverFiltersToSearch({ ...filters, sort: "verdict", dir: "asc", page: 1, pageSize: 50 });
}

/** The filter in words for a report's cover or the audit log: "every server", or "domain corp.contoso.com, overdue". */
export function describeServerScope(filters: Partial<ServerFilters>): string {
  const parts: string[] = [];
  if (filters.fqdn) parts.push(`server ${filters.fqdn}`);
  if (filters.q) parts.push(`name contains "${filters.q}"`);
  if (filters.readiness?.length) parts.push(`readiness ${filters.readiness.map((v) => VERDICT_LABELS[v]).join(" or ")}`);
  if (filters.rule) parts.push(`failing ${filters.rule}`);
  for (const key of ["domain", "os", "site", "tag", "owner"] as const) if (filters[key]) parts.push(`${key} ${filters[key]}`);
  if (filters.wave) parts.push(filters.wave === "any" ? "in any wave" : filters.wave === "none" ? "in no wave" : `wave ${filters.wave}`);
  if (filters.rollout?.length) parts.push(`rollout ${filters.rollout.join(" or ")}`);
  if (filters.overdue) parts.push("overdue");
  if (filters.stale) parts.push("stale data");
  return parts.length ? parts.join(", ") : "every server";
}
