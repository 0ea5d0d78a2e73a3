"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { bulkRolloutAction } from "@/app/rollout/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { ROLLOUT_STATUS_LABELS, ROLLOUT_STATUSES } from "@/lib/rollout/status";

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";

/**
 * One change for many servers: the selected ones (`servers`) or every server matching the list's filter
 * (`filter`, the list's query string). Fields left on "leave as is" do not change.
 */
export function BulkRolloutForm({
  servers,
  filter,
  waves,
  label,
  submitLabel,
}: {
  servers?: readonly string[];
  filter?: string;
  waves: readonly { id: string; name: string }[];
  label: string;
  submitLabel: string;
}) {
  const { state, onSubmit, formRef, pending } = useFormAction(bulkRolloutAction);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const id = filter !== undefined ? "bulk-filter" : "bulk-selection";
  const disabled = pending || (servers !== undefined && servers.length === 0);
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={label} className="flex flex-wrap items-end gap-2 text-sm">
      {servers?.map((fqdn) => <input key={fqdn} type="hidden" name="servers" value={fqdn} />)}
      {filter !== undefined && <input type="hidden" name="filter" value={filter} />}
      <label className="flex flex-col" htmlFor={`${id}-wave`}>
        <span className="text-xs font-medium">Wave</span>
        <select id={`${id}-wave`} name="waveId" defaultValue="" className={SELECT}>
          <option value="">Leave as is</option>
          <option value="none">Remove from its wave</option>
          {waves.map((wave) => (
            <option key={wave.id} value={wave.id}>
              {wave.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col" htmlFor={`${id}-status`}>
        <span className="text-xs font-medium">Status</span>
        <select id={`${id}-status`} name="status" defaultValue="" className={SELECT}>
          <option value="">Leave as is</option>
          {ROLLOUT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {ROLLOUT_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col" htmlFor={`${id}-owner`}>
        <span className="text-xs font-medium">Owner</span>
        <input id={`${id}-owner`} name="owner" maxLength={200} placeholder="Leave as is" className={`${SELECT} w-36`} />
      </label>
      <label className="flex flex-col" htmlFor={`${id}-target`}>
        <span className="text-xs font-medium">Target date</span>
        <input id={`${id}-target`} name="targetDate" type="date" className={SELECT} />
      </label>
      <Button type="submit" disabled={disabled} className="py-1">
        {pending ? "Applying…" : submitLabel}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
