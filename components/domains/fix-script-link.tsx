import Link from "next/link";
import { LINK } from "@/components/rules/labels";
import type { DomainFixCoverage } from "@/lib/remediation/domain-fix-script";

export function domainFixScriptHref(domain: string): string {
  return `/domains/${encodeURIComponent(domain)}/fix-script`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "3 steps, 8 grants": the short form for the summary table. */
export function coverageText(coverage: DomainFixCoverage): string {
  const parts = [plural(coverage.steps.length, "step", "steps")];
  if (coverage.grants > 0) parts.push(plural(coverage.grants, "grant", "grants"));
  return parts.join(", ");
}

/** The failing rules no script fixes, grouped by why (as listed at the end of the script). */
function ManualList({ coverage }: { coverage: DomainFixCoverage }) {
  if (coverage.manual.length === 0) return null;
  return (
    <div className="mt-2 text-slate-600 dark:text-slate-400">
      <p>Left for manual action (also listed at the end of the script):</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {coverage.manual.map((group) => (
          <li key={group.reason}>
            <span className="font-mono text-xs">{group.ruleIds.join(", ")}</span>
            {group.reason !== "" && <>: {group.reason}</>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The domain's fix script: the download and, in words, what it covers and what it leaves for manual action. */
export function DomainFixScript({ domain, coverage }: { domain: string; coverage: DomainFixCoverage }) {
  if (coverage.steps.length === 0) {
    return (
      <div className="rounded-md border border-slate-200 px-4 py-3 text-sm dark:border-slate-800">
        <p className="font-medium">No fix script needed for {domain}</p>
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          No failing or unchecked domain or gMSA rule of this domain has a scripted fix.
        </p>
        <ManualList coverage={coverage} />
      </div>
    );
  }
  return (
    <div className="rounded-md border border-brand-600/30 bg-brand-50/40 px-4 py-3 text-sm dark:border-brand-100/20 dark:bg-slate-950/40">
      <p>
        <a href={domainFixScriptHref(domain)} download className={`${LINK} [overflow-wrap:anywhere]`}>
          Download fix script for {domain}
        </a>{" "}
        <span className="text-slate-600 dark:text-slate-400">(PowerShell, {coverageText(coverage)})</span>
      </p>
      <p className="mt-1 text-slate-600 dark:text-slate-400">
        Run it elevated on a domain controller of {domain}, as a member of Domain Admins; preview first with <code className="font-mono">-WhatIf</code>. Each step
        checks the current state before changing anything, so it is safe to run twice. It covers:
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {coverage.steps.map((step) => (
          <li key={step.ruleIds.join(",")}>
            {step.title}{" "}
            <span className="text-slate-600 dark:text-slate-400">
              (
              {step.ruleIds.map((id, i) => (
                <span key={id}>
                  {i > 0 && ", "}
                  <Link href={`/rules/${id}`} className={`${LINK} font-mono text-xs font-normal`}>
                    {id}
                  </Link>
                </span>
              ))}
              {step.status === "unknown" ? ": not checked yet, the step checks first" : ""})
            </span>
          </li>
        ))}
      </ul>
      <ManualList coverage={coverage} />
    </div>
  );
}
