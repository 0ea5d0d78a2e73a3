import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, AUDIT_TARGET_TYPES } from "@/lib/audit/entry";
import { AUDIT_ACTION_FAMILIES, AUDIT_PAGE_SIZES, type AuditFilters } from "@/lib/audit/filters";
import { ACTION_FAMILY_LABELS, ACTOR_KIND_LABELS, TARGET_TYPE_LABELS } from "./labels";

/** The audit log's filters as a plain GET form: they live in the URL (shareable, and the same query GET /api/audit takes). */
export function AuditFiltersForm({ filters }: { filters: AuditFilters }) {
  const action = filters.action && !filters.action.endsWith(".") && !(AUDIT_ACTIONS as readonly string[]).includes(filters.action) ? `${filters.action}.` : filters.action;
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit log" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField label="Action" name="action" defaultValue={action ?? ""}>
          <option value="">Any</option>
          {AUDIT_ACTION_FAMILIES.map((family) => (
            <optgroup key={family} label={ACTION_FAMILY_LABELS[family] ?? family}>
              <option value={family}>{`All: ${family}*`}</option>
              {AUDIT_ACTIONS.filter((a) => a.startsWith(family)).map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <TextField label="Who" name="actor" type="search" defaultValue={filters.actor ?? ""} placeholder="Part of an email or token name" maxLength={320} />
        <SelectField label="Kind of actor" name="actorKind" defaultValue={filters.actorKind ?? ""}>
          <option value="">Any</option>
          {AUDIT_ACTOR_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {ACTOR_KIND_LABELS[kind]}
            </option>
          ))}
        </SelectField>
        <TextField label="Text" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="In the summary or target (FQDN, file, wave…)" maxLength={200} />
        <SelectField label="Target" name="targetType" defaultValue={filters.targetType ?? ""}>
          <option value="">Any</option>
          {AUDIT_TARGET_TYPES.map((type) => (
            <option key={type} value={type}>
              {TARGET_TYPE_LABELS[type] ?? type}
            </option>
          ))}
        </SelectField>
        <TextField label="Target id" name="targetId" defaultValue={filters.targetId ?? ""} placeholder="Exact id" maxLength={200} />
        <TextField label="From (UTC)" name="from" type="date" defaultValue={filters.from?.slice(0, 10) ?? ""} />
        <TextField label="To (UTC, inclusive)" name="to" type="date" defaultValue={filters.to?.slice(0, 10) ?? ""} />
        <SelectField label="Entries per page" name="pageSize" defaultValue={String(filters.pageSize)}>
          {[...new Set([...AUDIT_PAGE_SIZES, filters.pageSize])]
            .sort((a, b) => a - b)
            .map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
        </SelectField>
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        <Link href="/audit" className={buttonClass("secondary")}>
          Clear filters
        </Link>
        <button type="submit" className={buttonClass("primary")}>
          Apply filters
        </button>
      </div>
    </form>
  );
}
