import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, auditTargetTypeSchema } from "./entry";

// The audit log's filters (pure: no database), shared by the page /audit, its filter form and GET /api/audit.

export const AUDIT_PAGE_SIZES = [25, 50, 100, 200] as const;
export const AUDIT_DEFAULT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 200;

/** Action families for "every action of …" filters: "rollout." matches rollout.assign, rollout.move, … */
export const AUDIT_ACTION_FAMILIES = [...new Set(AUDIT_ACTIONS.map((action) => action.slice(0, action.indexOf(".") + 1)))];

/** "" and whitespace-only query values mean "no filter". */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, `At most ${max} characters.`).optional());

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateBound = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .refine((value) => (DATE_ONLY.test(value) || z.iso.datetime({ offset: true }).safeParse(value).success) && !Number.isNaN(Date.parse(value)), {
      message: "Use a date (2026-12-04) or an ISO date-time (2026-12-04T10:00:00Z).",
    })
    .optional(),
);

const actionFilter = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(64)
    .refine((value) => (AUDIT_ACTIONS as readonly string[]).includes(value) || AUDIT_ACTION_FAMILIES.includes(value.endsWith(".") ? value : `${value}.`), {
      message: `An action (e.g. "user.role") or a family ending in "." (${AUDIT_ACTION_FAMILIES.join(", ")}).`,
    })
    .optional(),
);

export const auditFiltersSchema = z
  .object({
    /** An exact action ("waiver.approve") or a family ("rollout." or "rollout"). */
    action: actionFilter,
    /** Part of the actor's name (email, "token:<name>", "system", the attempted email), case-insensitive. */
    actor: text(320),
    actorKind: z.preprocess(blankToUndefined, z.enum(AUDIT_ACTOR_KINDS).optional()),
    targetType: z.preprocess(blankToUndefined, auditTargetTypeSchema.optional()),
    targetId: text(200),
    /** Inclusive; a date alone means the start of that day (UTC). */
    from: dateBound,
    /** Inclusive; a date alone means the whole of that day (UTC). */
    to: dateBound,
    /** Free text in the summary or the target's label, case-insensitive (SQL LIKE: "%" and "_" are wildcards). */
    q: text(200),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(1)),
    pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(AUDIT_MAX_PAGE_SIZE, `At most ${AUDIT_MAX_PAGE_SIZE}.`).default(AUDIT_DEFAULT_PAGE_SIZE)),
  })
  .refine((filters) => !filters.from || !filters.to || lowerBound(filters.from) < upperBound(filters.to), { message: "“From” is after “to”.", path: ["to"] });

export type AuditFilters = z.output<typeof auditFiltersSchema>;
export type AuditFiltersInput = z.input<typeof auditFiltersSchema>;

/** URL query (page, API) -> filters. Repeated keys: the last one counts. */
export function parseAuditFilters(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const raw: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const [key, value] of params) raw[key] = value;
  } else {
    for (const [key, value] of Object.entries(params)) {
      const last = Array.isArray(value) ? value[value.length - 1] : value;
      if (last !== undefined) raw[key] = last;
    }
  }
  return auditFiltersSchema.safeParse(raw);
}

/** Filters -> query string (without the defaults), for links that keep the filters. */
export function auditFiltersToSearch(filters: Partial<AuditFilters>): string {
  const search = new URLSearchParams();
  for (const key of ["action", "actor", "actorKind", "targetType", "targetId", "from", "to", "q"] as const) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
  if (filters.pageSize && filters.pageSize !== AUDIT_DEFAULT_PAGE_SIZE) search.set("pageSize", String(filters.pageSize));
  if (filters.page && filters.page > 1) search.set("page", String(filters.page));
  return search.toString();
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return Boolean(filters.action || filters.actor || filters.actorKind || filters.targetType || filters.targetId || filters.from || filters.to || filters.q);
}

export function lowerBound(value: string): Date {
  return new Date(DATE_ONLY.test(value) ? `${value}T00:00:00.000Z` : value);
}

/** Exclusive upper bound: the next day for a date, the next millisecond for a date-time. */
export function upperBound(value: string): Date {
  if (DATE_ONLY.test(value)) return new Date(Date.parse(`${value}T00:00:00.000Z`) + 86_400_000);
  return new Date(Date.parse(value) + 1);
}
