/** "Waived by <approver> until <date>", with a "Blocker waiver" flag; never hides the result it annotates. */
export function WaiverBadge({ by, expiresAt, reason, blocker }: { by: string; expiresAt?: string; reason?: string; blocker: boolean }) {
  return (
    <p className="mt-3 flex flex-wrap items-center gap-2 text-sm [overflow-wrap:anywhere]">
      <span className="inline-flex items-center rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-900 dark:bg-violet-900/40 dark:text-violet-200">
        Waived by {by}
        {expiresAt ? ` until ${expiresAt.slice(0, 10)}` : ""}
      </span>
      {blocker && <BlockerWaiverFlag />}
      {reason && <span className="text-slate-700 dark:text-slate-300">{reason}</span>}
    </p>
  );
}

export function BlockerWaiverFlag() {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900 dark:bg-red-900/40 dark:text-red-200">
      <span aria-hidden="true">⚠</span>
      Blocker waiver
    </span>
  );
}
