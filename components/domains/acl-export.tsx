import Link from "next/link";
import { LINK } from "@/components/rules/labels";
import { DateTime } from "@/components/ui/date-time";
import type { AclExportView } from "@/lib/data/domain-views";
import { DenyTable } from "./deny-table";
import { ExcessTable } from "./excess-table";
import { PermissionsTable } from "./permissions-table";

/** One gMSA ACL export: where it came from, the documented permissions against it, then excess and deny ACEs. */
export function AclExport({ view }: { view: AclExportView }) {
  const { analysis } = view;
  const target = view.targetDn ?? "(target not recorded)";
  const account = view.account ?? "the gMSA (account not recorded)";
  return (
    <article aria-label={`ACL export of ${target}`} className="rounded-md border border-slate-200 p-4 dark:border-slate-700">
      <h4 className="text-sm font-semibold [overflow-wrap:anywhere]">
        <span className="font-normal text-slate-600 dark:text-slate-400">ACL of </span>
        {target}
      </h4>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600 dark:text-slate-400">Account judged</dt>
        <dd className="[overflow-wrap:anywhere]">
          {account}
          {analysis.accountSource === "domain.gmsa" && <span className="text-slate-600 dark:text-slate-400"> (from the domain facts)</span>}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Collected</dt>
        <dd>
          <DateTime value={view.collectedAt} />
          {view.upload && (
            <>
              {" "}from{" "}
              <Link href={`/uploads/${view.upload.id}`} className={`${LINK} [overflow-wrap:anywhere]`}>
                {view.upload.fileName}
              </Link>
            </>
          )}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">ACEs</dt>
        <dd>
          {analysis.aceCount} in the export, {analysis.accountAces.length} for the gMSA
          {analysis.membership.groups.length > 0 ? ` or its groups (${analysis.membership.groups.map((g) => g.name).join(", ")})` : ""}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Rules</dt>
        <dd>{view.judged ? "The gMSA rules judge this export." : "Shown for reference: the gMSA rules judge the domain root's export."}</dd>
      </dl>
      {analysis.warnings.length > 0 && (
        <ul className="mt-3 space-y-1 rounded-md border border-amber-500/60 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
          {analysis.warnings.map((warning, index) => (
            <li key={index} className="[overflow-wrap:anywhere]">
              <span aria-hidden="true">⚠ </span>
              {warning}
            </li>
          ))}
        </ul>
      )}
      <h5 className="mb-2 mt-4 text-sm font-semibold">Required permissions</h5>
      <PermissionsTable analysis={analysis} sets={view.sets} caption={`Documented permissions of ${account} on ${target} against the ACEs found`} />
      <h5 className="mb-2 mt-4 text-sm font-semibold">Excess ACEs ({analysis.excess.length})</h5>
      <ExcessTable excess={analysis.excess} caption={`ACEs granting ${account} more than documented on ${target}`} />
      <h5 className="mb-2 mt-4 text-sm font-semibold">Deny ACEs ({analysis.denies.length})</h5>
      <DenyTable denies={analysis.denies} caption={`Deny ACEs for ${account} on ${target}`} />
    </article>
  );
}
