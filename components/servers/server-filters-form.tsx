import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { VERDICT_LABELS, VERDICTS } from "@/lib/readiness";
import type { RuleScope } from "@/lib/rules";
import { ROLLOUT_STATUS_LABELS, ROLLOUT_STATUSES } from "@/lib/rollout/status";
import { STALE_AFTER_DAYS, type ServerFilters } from "@/lib/views/server-filters";
import { SCOPE_HEADINGS } from "./result-groups";

export interface FilterOptions {
  domains: string[];
  oses: string[];
  sites: string[];
  owners: string[];
  rules: { id: string; title: string; scope: RuleScope }[];
  waves: { id: string; name: string }[];
}

const SCOPES: readonly RuleScope[] = ["host", "domain", "gmsa-acl", "tenant", "sync-scope", "fleet"];

/** The given values plus the current one when it is not among them, so the form shows what the URL says. */
function withCurrent(values: readonly string[], current: string | undefined): string[] {
  return current && !values.includes(current) ? [current, ...values] : [...values];
}

function ValueSelect({ name, label, values, current }: { name: string; label: string; values: readonly string[]; current: string | undefined }) {
  return (
    <SelectField label={label} name={name} defaultValue={current ?? ""}>
      <option value="">Any</option>
      {withCurrent(values, current).map((value) => (
        <option key={value} value={value}>
          {value}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * The server list's filters as a plain GET form: submitting puts them in the URL (shareable, bookmarkable, and the
 * same query string the exports take). Sorting is kept; the page goes back to 1.
 */
export function ServerFiltersForm({ filters, options }: { filters: ServerFilters; options: FilterOptions }) {
  return (
    <form method="get" action="/servers" role="search" aria-label="Filter servers" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField label="Search by name" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Part of a name or FQDN" maxLength={200} />
        <SelectField label="Failing rule" name="rule" defaultValue={filters.rule ?? ""}>
          <option value="">Any</option>
          {SCOPES.map((scope) => {
            const rules = options.rules.filter((rule) => rule.scope === scope);
            if (rules.length === 0) return null;
            return (
              <optgroup key={scope} label={scope === "host" ? "Server rules" : `${SCOPE_HEADINGS[scope]} rules`}>
                {rules.map((rule) => (
                  <option key={rule.id} value={rule.id}>
                    {`${rule.title} (${rule.id})`}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </SelectField>
        <ValueSelect name="domain" label="Domain" values={options.domains} current={filters.domain} />
        <ValueSelect name="os" label="Operating system" values={options.oses} current={filters.os} />
        <ValueSelect name="site" label="Site" values={options.sites} current={filters.site} />
        <ValueSelect name="owner" label="Owner" values={options.owners} current={filters.owner} />
        <SelectField label="Wave" name="wave" defaultValue={filters.wave ?? ""}>
          <option value="">Any</option>
          <option value="any">In any active wave</option>
          <option value="none">In no active wave</option>
          {options.waves.map((wave) => (
            <option key={wave.id} value={wave.id}>
              {wave.name}
            </option>
          ))}
          {filters.wave && filters.wave !== "none" && filters.wave !== "any" && !options.waves.some((wave) => wave.id === filters.wave) && <option value={filters.wave}>An archived or deleted wave</option>}
        </SelectField>
        <TextField label="Tag" name="tag" defaultValue={filters.tag ?? ""} placeholder="e.g. pilot" maxLength={120} />
        <SelectField label="Rows per page" name="pageSize" defaultValue={String(filters.pageSize)}>
          {[...new Set([25, 50, 100, 200, 500, filters.pageSize])]
            .sort((a, b) => a - b)
            .map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
        </SelectField>
      </div>
      <div className="flex flex-wrap items-end gap-x-8 gap-y-4">
        <fieldset>
          <legend className="text-sm font-medium">Readiness</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
            {VERDICTS.map((verdict) => (
              <label key={verdict} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" name="readiness" value={verdict} defaultChecked={filters.readiness.includes(verdict)} className="h-4 w-4 accent-brand-600" />
                {VERDICT_LABELS[verdict]}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium">Rollout status</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
            {ROLLOUT_STATUSES.map((status) => (
              <label key={status} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" name="rollout" value={status} defaultChecked={filters.rollout.includes(status)} className="h-4 w-4 accent-brand-600" />
                {ROLLOUT_STATUS_LABELS[status]}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" name="overdue" value="true" defaultChecked={filters.overdue} className="h-4 w-4 accent-brand-600" />
          Only overdue (target date passed, not installed)
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" name="stale" value="true" defaultChecked={filters.stale} className="h-4 w-4 accent-brand-600" />
          {`Only stale facts (older than ${STALE_AFTER_DAYS} days or never collected)`}
        </label>
        {filters.sort !== "verdict" && <input type="hidden" name="sort" value={filters.sort} />}
        {filters.dir !== "asc" && <input type="hidden" name="dir" value={filters.dir} />}
        <div className="ml-auto flex gap-2">
          <Link href="/servers" className={buttonClass("secondary")}>
            Clear filters
          </Link>
          <button type="submit" className={buttonClass("primary")}>
            Apply filters
          </button>
        </div>
      </div>
    </form>
  );
}
