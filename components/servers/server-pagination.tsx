import Link from "next/link";

const ITEM = "inline-flex min-w-9 items-center justify-center rounded-md border px-2.5 py-1.5 text-sm";
const ENABLED = `${ITEM} border-slate-300 bg-white hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700`;
const CURRENT = `${ITEM} border-brand-600 bg-brand-600 font-semibold text-white`;
const DISABLED = `${ITEM} border-slate-200 text-slate-400 dark:border-slate-700 dark:text-slate-500`;

/** Page numbers around the current one, always with the first and last; null marks a gap. */
export function pageWindow(page: number, pageCount: number, radius = 2): (number | null)[] {
  const wanted = new Set([1, pageCount]);
  for (let n = Math.max(1, page - radius); n <= Math.min(pageCount, page + radius); n++) wanted.add(n);
  const pages: (number | null)[] = [];
  for (const n of [...wanted].sort((a, b) => a - b)) {
    const previous = pages[pages.length - 1];
    if (typeof previous === "number" && n > previous + 1) pages.push(null);
    pages.push(n);
  }
  return pages;
}

/** "Showing 51–100 of 50,000 servers" (or another `noun`) and page links (each keeps the filters, via `hrefFor`). */
export function ServerPagination({
  page,
  pageSize,
  total,
  hrefFor,
  noun = { one: "server", many: "servers" },
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
  noun?: { one: string; many: string };
}) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1);
  const to = Math.min(total, page * pageSize);
  const fmt = (n: number) => n.toLocaleString("en-US");
  const step = (target: number, label: string, rel?: string) =>
    target >= 1 && target <= pageCount && target !== page ? (
      <Link href={hrefFor(target)} className={ENABLED} rel={rel}>
        {label}
      </Link>
    ) : (
      <span className={DISABLED} aria-disabled="true">
        {label}
      </span>
    );

  return (
    <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="showing">
        {`Showing ${fmt(from)}–${fmt(to)} of ${fmt(total)} ${total === 1 ? noun.one : noun.many}`}
      </p>
      {pageCount > 1 && (
        <nav aria-label="Pages">
          <ul className="flex flex-wrap items-center gap-1">
            <li>{step(page - 1, "Previous", "prev")}</li>
            {pageWindow(page, pageCount).map((n, i) =>
              n === null ? (
                <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-500">
                  …
                </li>
              ) : (
                <li key={n}>
                  {n === page ? (
                    <span className={CURRENT} aria-current="page">
                      <span className="sr-only">Page </span>
                      {fmt(n)}
                    </span>
                  ) : (
                    <Link href={hrefFor(n)} className={ENABLED}>
                      <span className="sr-only">Page </span>
                      {fmt(n)}
                    </Link>
                  )}
                </li>
              ),
            )}
            <li>{step(page + 1, "Next", "next")}</li>
          </ul>
        </nav>
      )}
    </div>
  );
}
