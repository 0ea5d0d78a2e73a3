import Link from "next/link";
import type { UploadContentsDto } from "@/lib/data/uploads";
import { VERDICT_LABELS, verdictSchema } from "@/lib/readiness";
import { kindLabel } from "./labels";

function verdictLabel(verdict: string): string {
  const parsed = verdictSchema.safeParse(verdict);
  return parsed.success ? VERDICT_LABELS[parsed.data] : verdict;
}

/** The servers and the domain / ACL / tenant / scope facts an upload stored. */
export function UploadContents({ contents }: { contents: UploadContentsDto }) {
  const { servers, serverTotal, facts } = contents;
  if (serverTotal === 0 && facts.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">No facts from this upload are stored.</p>;
  }
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {serverTotal > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-semibold">Servers ({serverTotal.toLocaleString("en-US")})</h3>
          <ul aria-label="Servers in this upload" className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {servers.map((server) => (
              <li key={server.fqdn} className="flex flex-wrap justify-between gap-2 py-1.5">
                <Link href={`/servers/${encodeURIComponent(server.fqdn)}`} className="break-all font-mono text-xs text-brand-600 underline dark:text-brand-100">
                  {server.fqdn}
                </Link>
                <span className="text-xs text-slate-600 dark:text-slate-400">Current verdict: {verdictLabel(server.verdict)}</span>
              </li>
            ))}
          </ul>
          {serverTotal > servers.length && (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
              and {(serverTotal - servers.length).toLocaleString("en-US")} more; see{" "}
              <Link href="/servers" className="font-medium text-brand-600 underline dark:text-brand-100">
                the servers list
              </Link>
              .
            </p>
          )}
        </div>
      )}
      {facts.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-semibold">Directory and tenant facts ({facts.length.toLocaleString("en-US")})</h3>
          <ul aria-label="Facts in this upload" className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {facts.map((fact, index) => (
              <li key={`${fact.kind}-${index}`} className="py-1.5">
                <span className="font-medium">{kindLabel(fact.kind)}</span>{" "}
                <span className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">{fact.subject.split("|").join(" · ")}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
