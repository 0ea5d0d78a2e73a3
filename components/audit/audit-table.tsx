import Link from "next/link";
import { Breakable } from "@/components/servers/breakable";
import { DateTime } from "@/components/ui/date-time";
import type { AuditEntryDto } from "@/lib/data/audit-log";
import { ACTOR_KIND_LABELS, auditTargetHref, changedFields, displayValue, TARGET_TYPE_LABELS } from "./labels";

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
const TD = "px-2 py-2 align-top text-sm";
const MUTED = "text-slate-500 dark:text-slate-400";
const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100 dark:decoration-brand-100/40";
const PRE = "max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs [overflow-wrap:anywhere] dark:bg-slate-800";

function Value({ value }: { value: unknown }) {
  const text = displayValue(value);
  return value === undefined ? <span className={MUTED}>—</span> : <pre className={PRE}>{text}</pre>;
}

/** Before → after: field by field when both are objects, else the two values. Everything is text (React escapes it). */
function Changes({ entry }: { entry: AuditEntryDto }) {
  if (entry.before === null && entry.after === null) return <span className={MUTED}>—</span>;
  const fields = changedFields(entry.before, entry.after);
  return (
    <details className="text-xs">
      <summary className={`cursor-pointer select-none ${LINK} no-underline`}>Before → after</summary>
      {fields ? (
        <table className="mt-2 min-w-full border-separate border-spacing-y-1">
          <caption className="sr-only">{`Changes of ${entry.action}`}</caption>
          <thead>
            <tr>
              <th scope="col" className={`${TH} normal-case`}>
                Field
              </th>
              <th scope="col" className={`${TH} normal-case`}>
                Before
              </th>
              <th scope="col" className={`${TH} normal-case`}>
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field.field}>
                <th scope="row" className="px-2 align-top text-left font-mono font-normal">
                  {field.field}
                </th>
                <td className="px-2 align-top">
                  <Value value={field.before} />
                </td>
                <td className="px-2 align-top">
                  <Value value={field.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <dl className="mt-2 space-y-1">
          <dt className="font-medium">Before</dt>
          <dd>
            <Value value={entry.before ?? undefined} />
          </dd>
          <dt className="font-medium">After</dt>
          <dd>
            <Value value={entry.after ?? undefined} />
          </dd>
        </dl>
      )}
    </details>
  );
}

function Target({ entry }: { entry: AuditEntryDto }) {
  const href = auditTargetHref(entry);
  const label = entry.targetLabel ?? entry.targetId;
  return (
    <div className="min-w-32 max-w-72">
      <span className={`block text-xs ${MUTED}`}>{TARGET_TYPE_LABELS[entry.targetType] ?? entry.targetType}</span>
      {label ? (
        href ? (
          <Link href={href} className={LINK}>
            <Breakable text={label} />
          </Link>
        ) : (
          <Breakable text={label} />
        )
      ) : (
        <span className={MUTED}>—</span>
      )}
    </div>
  );
}

/** One page of audit entries, newest first. */
export function AuditTable({ entries, caption }: { entries: readonly AuditEntryDto[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>
              When
            </th>
            <th scope="col" className={TH}>
              Who
            </th>
            <th scope="col" className={TH}>
              Action
            </th>
            <th scope="col" className={TH}>
              Target
            </th>
            <th scope="col" className={TH}>
              Summary
            </th>
            <th scope="col" className={TH}>
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {entries.map((entry) => (
            <tr key={entry.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
              <td className={`${TD} whitespace-nowrap`}>
                <DateTime value={entry.at} />
              </td>
              <td className={TD}>
                <div className="min-w-32 max-w-64">
                  <Breakable text={entry.actor.name} />
                  <span className={`block text-xs ${MUTED}`}>
                    {ACTOR_KIND_LABELS[entry.actor.kind]}
                    {entry.ip ? ` · ${entry.ip}` : ""}
                  </span>
                </div>
              </td>
              <th scope="row" className={`${TD} whitespace-nowrap text-left font-mono text-xs font-normal`}>
                {entry.action}
              </th>
              <td className={TD}>
                <Target entry={entry} />
              </td>
              <td className={TD}>
                <div className="min-w-48 max-w-md [overflow-wrap:anywhere]">{entry.summary || <span className={MUTED}>—</span>}</div>
              </td>
              <td className={TD}>
                <Changes entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
