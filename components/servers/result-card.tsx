import Link from "next/link";
import type { ReactNode } from "react";
import { WaiverBadge } from "@/components/waivers/waiver-badge";
import { SeverityLabel, StatusBadge } from "@/components/readiness/status-badge";
import { isRunnablePowerShell } from "@/lib/powershell/lint";
import type { Rule, RuleResult } from "@/lib/rules";
import { CodeBlock } from "./code-block";
import { EvidenceTable } from "./evidence-table";
import { RuleSourceLine } from "./rule-source";

/** A failing info result informs only: styled neutral blue, never like a blocker. */
const INFO_FAIL_BORDER = "border-l-sky-600 dark:border-l-sky-400";

const BORDER: Record<RuleResult["status"], string> = {
  fail: "border-l-red-600 dark:border-l-red-500",
  unknown: "border-l-slate-400 dark:border-l-slate-500",
  waived: "border-l-violet-600 dark:border-l-violet-400",
  pass: "border-l-green-600 dark:border-l-green-500",
};

export const resultAnchor = (ruleId: string) => `result-${ruleId}`;

/**
 * A written remediation step split into its explanation and its command, when the text after "Label: " (or the
 * whole step) is runnable PowerShell without placeholders: the command goes in a code box with a copy button.
 */
export function stepParts(step: string): { text: string; command?: string } {
  const runnable = (code: string) => !code.includes("<") && isRunnablePowerShell(code);
  if (runnable(step)) return { text: "", command: step };
  const colon = step.indexOf(": ");
  if (colon > 0 && colon < 80) {
    const command = step.slice(colon + 2).trim();
    if (runnable(command)) return { text: step.slice(0, colon + 1), command };
  }
  return { text: step };
}

function InfoBadge() {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded bg-sky-50 px-1.5 text-sm font-medium text-sky-800 ring-1 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800">
      <span aria-hidden="true" className="font-bold">
        i
      </span>
      Info<span className="sr-only">: the check did not pass; it informs and does not affect the verdict</span>
    </span>
  );
}

/** One rule result: status, rule, message, evidence, why it is unknown, remediation (with its script) and source. */
export function ResultCard({ result, rule, snippet, headingLevel, extra }: { result: RuleResult; rule: Rule | undefined; snippet?: string; headingLevel: 4 | 5; extra?: ReactNode }) {
  const Heading = headingLevel === 4 ? "h4" : "h5";
  const id = resultAnchor(result.ruleId);
  const title = rule?.meta.title ?? result.ruleId;
  const showFix = result.status === "fail" || result.status === "waived";
  const infoFail = result.status === "fail" && result.severity === "info";
  return (
    <article
      id={id}
      aria-labelledby={`${id}-title`}
      data-status={result.status}
      data-severity={result.severity}
      className={`scroll-mt-20 rounded-md border border-l-4 border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900 ${infoFail ? INFO_FAIL_BORDER : BORDER[result.status]}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {infoFail ? <InfoBadge /> : <StatusBadge status={result.status} severity={result.severity} />}
        {result.status !== "fail" && <SeverityLabel severity={result.severity} />}
      </div>
      <Heading id={`${id}-title`} className="mt-1 text-sm font-semibold">
        <Link href={`/rules/${encodeURIComponent(result.ruleId)}`} className="text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100">
          {title}
        </Link>{" "}
        <code className="text-xs font-normal text-slate-500 dark:text-slate-400">{result.ruleId}</code>
      </Heading>
      <p className="mt-1 text-sm [overflow-wrap:anywhere]">{result.message}</p>
      <EvidenceTable evidence={result.evidence} caption={`Evidence for ${title}`} />
      {result.reason && (
        <div className="mt-3 text-sm">
          <p>
            <span className="font-medium">{result.reason.code === "rule-error" ? "The rule failed to run. " : "Missing fact: "}</span>
            <code className="font-mono text-xs [overflow-wrap:anywhere]">{result.reason.missingFact}</code>
          </p>
          {result.reason.collect.trim() !== "" && <CodeBlock code={result.reason.collect} label="How to collect it" />}
          {result.reason.collectNote && <p className="mt-1 text-slate-700 [overflow-wrap:anywhere] dark:text-slate-300">{result.reason.collectNote}</p>}
        </div>
      )}
      {result.waiver && (
        <WaiverBadge by={result.waiver.by} expiresAt={result.waiver.expiresAt} reason={result.waiver.reason} blocker={result.severity === "blocker" || rule?.meta.severity === "blocker"} />
      )}
      {extra}
      {showFix && rule && (
        <div className="mt-3 text-sm">
          <p>
            <span className="font-medium">Remediation: </span>
            {rule.meta.remediation.summary}
          </p>
          {(rule.meta.remediation.steps ?? []).length > 0 && (
            <ol className="mt-1 list-decimal space-y-0.5 pl-5 [overflow-wrap:anywhere]">
              {(rule.meta.remediation.steps ?? []).map((step, i) => {
                const parts = stepParts(step);
                return (
                  <li key={i}>
                    {parts.text}
                    {parts.command && <CodeBlock code={parts.command} label="Command" />}
                  </li>
                );
              })}
            </ol>
          )}
          {snippet && <CodeBlock code={snippet} label="PowerShell for this server (safe to run twice; preview with -WhatIf)" copyLabel="Copy script" />}
        </div>
      )}
      {rule && <RuleSourceLine source={rule.meta.source} />}
    </article>
  );
}
