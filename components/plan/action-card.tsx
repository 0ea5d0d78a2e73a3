import Link from "next/link";
import { CodeBlock } from "@/components/servers/code-block";
import type { ActionView } from "@/lib/data/action-plan";
import { actionAnchor, gainText, servers, unblocked } from "./plan-text";

const KIND_LABELS: Record<ActionView["kind"], string> = {
  "domain-rule": "Domain fix",
  "domain-data": "Collect domain facts",
  "tenant-rule": "Tenant fix",
  "tenant-data": "Record tenant facts",
  workgroup: "Join a domain",
  "site-rule": "Network fix per site",
  "host-rule": "Server fix",
  collect: "Collect missing data",
};

/** Actions whose servers link can only filter by readiness (the list has no "unknown rule" filter). */
const LISTS_UNKNOWN_ONLY: ReadonlySet<ActionView["kind"]> = new Set(["collect", "domain-data", "tenant-data"]);

const link = "font-medium text-brand-600 underline dark:text-brand-100";

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 text-sm">
        {value}
        {hint && <span className="block text-xs text-slate-500 dark:text-slate-400">{hint}</span>}
      </dd>
    </div>
  );
}

/** One action of the plan: what it is, what it moves (alone and in the plan), its rules, servers and how to do it. */
export function ActionCard({ action, total }: { action: ActionView; total: number }) {
  const anchor = actionAnchor(action.rank);
  const afterUsable = action.after.ready + action.after["ready-with-conditions"];
  const openProblems = [
    action.failingBlocker > 0 ? `${servers(action.failingBlocker)} failing it as a blocker` : null,
    action.failingWarning > 0 ? `${servers(action.failingWarning)} as a warning` : null,
    action.unknownBlocker > 0 ? `${servers(action.unknownBlocker)} without data` : null,
  ].filter(Boolean);
  return (
    <article aria-labelledby={`${anchor}-title`} id={anchor} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
            #{action.rank} · {KIND_LABELS[action.kind]} · {action.scopeLabel}
          </p>
          <h3 id={`${anchor}-title`} className="mt-1 text-base font-semibold [overflow-wrap:anywhere]">
            {action.title}
          </h3>
        </div>
        <p className="shrink-0 rounded-md bg-slate-100 px-3 py-1 text-sm tabular-nums dark:bg-slate-800">
          <span className="font-semibold">{unblocked(action.alone).toLocaleString("en-US")}</span> unblocked alone
        </p>
      </div>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{action.summary}</p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-3">
        <Figure label="Done alone, first" value={gainText(action.alone)} />
        <Figure
          label={`In the plan: step ${action.step}`}
          value={gainText(action.inPlan)}
          hint={`after ${action.step === 1 ? "step 1" : `steps 1–${action.step}`}: ${afterUsable.toLocaleString("en-US")} of ${servers(total)} Ready or Ready with conditions`}
        />
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Servers affected</dt>
          <dd className="mt-0.5 text-sm">
            <Link href={action.serversHref} className={link}>
              {servers(action.servers)}
            </Link>
            {openProblems.length > 0 && <span className="block text-xs text-slate-500 dark:text-slate-400">{openProblems.join(", ")}</span>}
            {LISTS_UNKNOWN_ONLY.has(action.kind) && (
              <span className="block text-xs text-slate-500 dark:text-slate-400">the list shows those whose verdict is Unknown; the others also fail a blocker</span>
            )}
          </dd>
        </div>
      </dl>
      <div className="mt-4 text-sm">
        <h4 className="font-medium">
          {action.kind === "collect" || action.kind === "domain-data" || action.kind === "tenant-data" ? "Blockers without data" : action.rules.length === 1 ? "Rule" : `Rules (${action.rules.length})`}
        </h4>
        <ul className="mt-1 space-y-0.5">
          {action.rules.map((rule) => (
            <li key={rule.id}>
              <Link href={rule.href} className={link}>
                {rule.title}
              </Link>{" "}
              <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{rule.id}</span>
              {rule.serversHref && (
                <>
                  {" · "}
                  <Link href={rule.serversHref} className={link}>
                    servers failing it
                  </Link>
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
      {(action.steps.length > 0 || action.commands.length > 0 || action.links.length > 0) && (
        <details className="group mt-4 border-t border-slate-200 pt-3 dark:border-slate-800" open={action.rank <= 3}>
          <summary className="cursor-pointer text-sm font-medium text-brand-600 dark:text-brand-100">How to do it</summary>
          {action.steps.length > 0 && (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
              {action.steps.map((step, index) => (
                <li key={index} className="[overflow-wrap:anywhere]">
                  {step}
                </li>
              ))}
            </ul>
          )}
          {action.commands.map((command, index) => (
            <CodeBlock key={index} code={command.code} label={command.label} />
          ))}
          {action.links.length > 0 && (
            <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {action.links.map((item) => (
                <li key={item.href}>
                  <a href={item.href} className={link}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
    </article>
  );
}
