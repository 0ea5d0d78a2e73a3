"use client";

import { Button } from "@/components/ui/button";
import { BulkRolloutForm } from "@/components/rollout/bulk-rollout-form";
import { CopyButton } from "./copy-button";

/**
 * Actions on the selected servers of the page: copy their FQDNs (one per line) and, for leads and admins,
 * one rollout change for all of them (wave, status, owner, target date).
 */
export function BulkActionBar({
  selected,
  onClear,
  rollout,
}: {
  selected: readonly string[];
  onClear: () => void;
  rollout?: { waves: readonly { id: string; name: string }[] };
}) {
  const count = selected.length;
  return (
    <div role="group" aria-label="Bulk actions" className="mb-3 flex min-h-10 flex-wrap items-center gap-3 rounded-md bg-slate-100 px-3 py-1.5 text-sm dark:bg-slate-800/60">
      <span aria-live="polite" className="font-medium tabular-nums">
        {count === 0 ? "No servers selected" : `${count.toLocaleString("en-US")} selected`}
      </span>
      <CopyButton
        text={selected.join("\n")}
        label="Copy selected names"
        copiedMessage={`Copied ${count} ${count === 1 ? "name" : "names"}`}
        disabled={count === 0}
      />
      <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={onClear} disabled={count === 0}>
        Clear selection
      </Button>
      {rollout && count > 0 && (
        <div className="w-full border-t border-slate-200 pt-2 dark:border-slate-700">
          <BulkRolloutForm servers={selected} waves={rollout.waves} label="Change the rollout of the selected servers" submitLabel={`Apply to ${count.toLocaleString("en-US")} selected`} />
        </div>
      )}
    </div>
  );
}
