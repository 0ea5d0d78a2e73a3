import Link from "next/link";

export interface SortLink {
  href: string;
  /** The column's current sort state, for aria-sort. */
  state: "ascending" | "descending" | "none";
}

const TH = "px-1.5 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";

function SortButton({ label, sort }: { label: string; sort: SortLink }) {
  const next = sort.state === "ascending" ? "descending" : "ascending";
  const icon = sort.state === "ascending" ? "▲" : sort.state === "descending" ? "▼" : "↕";
  return (
    <Link href={sort.href} className="rounded hover:text-slate-900 hover:underline dark:hover:text-white">
      {label}{" "}
      <span aria-hidden="true" className={sort.state === "none" ? "text-slate-400 dark:text-slate-500" : "text-slate-700 dark:text-slate-200"}>
        {icon}
      </span>
      <span className="sr-only">{`, sort ${next}`}</span>
    </Link>
  );
}

/**
 * A column header; sortable ones hold a link that sorts by the column (again: the other direction). A column that
 * shows two values (the verdict with its confidence) sorts by either: `also` is the second one's link, and aria-sort
 * says how the column is sorted by whichever is active.
 */
export function SortHeader({
  label,
  sort,
  also,
  suffix,
  className = "",
}: {
  label: string;
  sort?: SortLink;
  also?: { label: string; sort: SortLink };
  /** Text after the sort link naming what else the column shows, not sortable ("/ site, owner"). */
  suffix?: string;
  className?: string;
}) {
  if (!sort) {
    return (
      <th scope="col" className={`${TH} ${className}`}>
        {label}
      </th>
    );
  }
  const state = sort.state !== "none" || !also ? sort.state : also.sort.state;
  return (
    <th scope="col" aria-sort={state} className={`${TH} ${className}`}>
      {also ? (
        <span className="flex flex-wrap items-center gap-x-1.5">
          <SortButton label={label} sort={sort} />
          <span aria-hidden="true">/</span>
          <SortButton label={also.label} sort={also.sort} />
        </span>
      ) : (
        <SortButton label={label} sort={sort} />
      )}
      {suffix && <span className="ml-1">{suffix}</span>}
    </th>
  );
}
