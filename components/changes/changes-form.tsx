import Link from "next/link";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

/** The date range as a plain GET form (the range lives in the URL: shareable, and the same query the PDF takes). */
export function ChangesForm({ fromDay, toDay, filterSearch, errors }: { fromDay: string; toDay: string; filterSearch: string; errors: Record<string, string[]> }) {
  const hidden = [...new URLSearchParams(filterSearch.replace(/^\?/, "")).entries()];
  return (
    <form method="get" action="/reports/changes" aria-label="Choose the period" className="flex flex-wrap items-end gap-4">
      {hidden.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="w-44">
        <TextField label="From (UTC)" name="from" type="date" defaultValue={fromDay} required errors={errors.from} />
      </div>
      <div className="w-44">
        <TextField label="To (UTC, inclusive)" name="to" type="date" defaultValue={toDay} required errors={errors.to} />
      </div>
      <Button type="submit">Show changes</Button>
      <Link href="/reports/changes" className="py-2 text-sm text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100">
        Last 7 days
      </Link>
    </form>
  );
}
