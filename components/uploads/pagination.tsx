import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Previous / next links for a `?page=` list. */
export function Pagination({
  page,
  pageCount,
  total,
  basePath,
  noun,
  param = "page",
  label = "Pages",
  keep,
}: {
  page: number;
  pageCount: number;
  total: number;
  basePath: string;
  noun: string;
  /** The query parameter that holds the page (two lists on one page use two). */
  param?: string;
  /** The navigation landmark's name (unique per page). */
  label?: string;
  /** Other query parameters to keep in the links (the other list's page). */
  keep?: Record<string, string | undefined>;
}) {
  if (pageCount <= 1) return <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{`${total.toLocaleString("en-US")} ${noun}`}</p>;
  const href = (n: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(keep ?? {})) if (value !== undefined && key !== param) query.set(key, value);
    if (n > 1) query.set(param, String(n));
    const search = query.toString();
    return search === "" ? basePath : `${basePath}?${search}`;
  };
  const disabled = "pointer-events-none opacity-50";
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Page {page} of {pageCount} · {total.toLocaleString("en-US")} {noun}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={buttonClass("secondary")} rel="prev">
            Previous page
          </Link>
        ) : (
          <span className={buttonClass("secondary", disabled)} aria-disabled="true">
            Previous page
          </span>
        )}
        {page < pageCount ? (
          <Link href={href(page + 1)} className={buttonClass("secondary")} rel="next">
            Next page
          </Link>
        ) : (
          <span className={buttonClass("secondary", disabled)} aria-disabled="true">
            Next page
          </span>
        )}
      </div>
    </nav>
  );
}
