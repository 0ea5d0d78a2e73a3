"use client";

import { useEffect, useRef, useState } from "react";
import type { ServerListItem } from "@/lib/data/servers";
import { BulkActionBar } from "./bulk-action-bar";
import { ServerRow } from "./server-row";
import type { RuleLookup } from "./server-row-summary";
import { type SortLink, SortHeader } from "./sort-header";

export type SortableColumn = "name" | "verdict" | "confidence" | "domain" | "os" | "collected" | "wave";

const CHECKBOX = "h-4 w-4 rounded border-slate-400 accent-brand-600";

function SelectAll({ checked, indeterminate, onChange }: { checked: boolean; indeterminate: boolean; onChange: (checked: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input ref={ref} type="checkbox" className={CHECKBOX} checked={checked} onChange={(event) => onChange(event.target.checked)} aria-label="Select all servers on this page" />
  );
}

/** The servers of one page with their selection (by FQDN) for bulk actions. */
export function ServersTable({
  servers,
  sortLinks,
  caption,
  staleAfterDays,
  rollout,
  rules,
}: {
  servers: readonly ServerListItem[];
  /** Title and scope of every rule, to name a server's first blocker. */
  rules: RuleLookup;
  sortLinks: Readonly<Record<SortableColumn, SortLink>>;
  caption: string;
  staleAfterDays: number;
  /** Given to leads and admins: bulk rollout changes on the selection. */
  rollout?: { waves: readonly { id: string; name: string }[] };
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const onPage = servers.map((server) => server.fqdn);
  const selectedOnPage = onPage.filter((fqdn) => selected.has(fqdn));
  const all = onPage.length > 0 && selectedOnPage.length === onPage.length;

  const toggle = (fqdn: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(fqdn);
      else next.delete(fqdn);
      return next;
    });

  return (
    <>
      <BulkActionBar selected={selectedOnPage} onClear={() => setSelected(new Set())} rollout={rollout} />
      {/* Fixed column widths: at 1280 px the table fits beside the navigation and every row stays two lines tall. */}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[58rem] table-fixed divide-y divide-slate-200 dark:divide-slate-800">
          <caption className="sr-only">{caption}</caption>
          <colgroup>
            <col className="w-8" />
            <col className="w-[8.5rem]" />
            <col className="w-[10.75rem]" />
            <col className="w-[8rem]" />
            <col />
            <col className="w-[7.5rem]" />
            <col className="w-[6.25rem]" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="px-1.5 py-2 text-left">
                <SelectAll checked={all} indeterminate={!all && selectedOnPage.length > 0} onChange={(on) => setSelected(on ? new Set(onPage) : new Set())} />
              </th>
              <SortHeader label="Name" sort={sortLinks.name} also={{ label: "Domain", sort: sortLinks.domain }} />
              <SortHeader label="Verdict" sort={sortLinks.verdict} also={{ label: "Confidence", sort: sortLinks.confidence }} />
              <SortHeader label="OS" sort={sortLinks.os} suffix="/ site, owner" />
              <SortHeader label="What blocks it" />
              <SortHeader label="Wave / rollout" sort={sortLinks.wave} />
              <SortHeader label="Collected" sort={sortLinks.collected} />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {servers.map((server) => (
              <ServerRow
                key={server.fqdn}
                server={server}
                staleAfterDays={staleAfterDays}
                rules={rules}
                selectCell={
                  <td className="px-1.5 py-1 align-top">
                    <input
                      type="checkbox"
                      className={`${CHECKBOX} mt-0.5`}
                      checked={selected.has(server.fqdn)}
                      onChange={(event) => toggle(server.fqdn, event.target.checked)}
                      aria-label={`Select ${server.fqdn}`}
                    />
                  </td>
                }
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
