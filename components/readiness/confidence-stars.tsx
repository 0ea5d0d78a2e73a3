/** Confidence 1–5 (share of applicable blocker/warning rules with data), as text plus stars. */
export function ConfidenceStars({ stars, share }: { stars: number; share?: number }) {
  const label = `Confidence ${stars} of 5${share !== undefined ? ` (${Math.round(share * 100)}% of rules with data)` : ""}`;
  return (
    <span title={label} role="img" aria-label={label} className="whitespace-nowrap text-amber-600 dark:text-amber-400">
      <span aria-hidden="true">{"★".repeat(stars)}</span>
      <span aria-hidden="true" className="text-slate-300 dark:text-slate-600">
        {"★".repeat(Math.max(0, 5 - stars))}
      </span>
    </span>
  );
}
