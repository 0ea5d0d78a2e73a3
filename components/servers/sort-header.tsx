import Link from "next/link";

export interface SortLink {
  href: string;
  /** The column's current sort state, for aria-sort. */
  state: "ascending" | "descending" | "none";
}

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";

/** A column header; sortable ones hold a link that sorts by the column (again: the other direction). */
export function SortHeader({ label, sort, className = "" }: { label: string; sort?: SortLink; className?: string }) {
  if (!sort) {
    return (
      <th scope="col" className={`${TH} ${className}`}>
        {label}
      </th>
    );
  }
  const next = sort.state === "ascending" ? "descending" : "ascending";
  const icon = sort.state === "ascending" ? "▲" : sort.state === "descending" ? "▼" : "↕";
  return (
    <th scope="col" aria-sort={sort.state} className={`${TH} ${className}`}>
      <Link href={sort.href} className="inline-flex items-center gap-1 rounded hover:text-slate-900 hover:underline dark:hover:text-white">
        {label}
        <span aria-hidden="true" className={sort.state === "none" ? "text-slate-400 dark:text-slate-500" : "text-slate-700 dark:text-slate-200"}>
          {icon}
        </span>
        <span className="sr-only">{`, sort ${next}`}</span>
      </Link>
    </th>
  );
}
