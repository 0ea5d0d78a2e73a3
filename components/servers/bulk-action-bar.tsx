"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "./copy-button";

/**
 * Actions on the selected servers of the page. For now: copy their FQDNs (one per line). Rollout planning adds
 * its actions (assign to a wave, set owner) here.
 */
export function BulkActionBar({ selected, onClear }: { selected: readonly string[]; onClear: () => void }) {
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
    </div>
  );
}
