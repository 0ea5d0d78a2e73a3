import type { RuleMeta } from "@/lib/rules";
import { CommandBox } from "./command-box";
import { hasPlaceholders, splitRemediationStep } from "./remediation-steps";
import { SourceText } from "./source-text";

/**
 * What to do when the rule fails: the summary, then each step with its explanation as text and its command(s) in
 * boxes that hold only the command, each with a copy button.
 */
export function RuleRemediation({ remediation }: { remediation: RuleMeta["remediation"] }) {
  const steps = (remediation.steps ?? []).map(splitRemediationStep);
  const placeholders = steps.some((step) => step.commands.some((command) => hasPlaceholders(command.code)));
  return (
    <div className="text-sm">
      <p className="[overflow-wrap:anywhere]">
        <SourceText text={remediation.summary} />
      </p>
      {placeholders && (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          Replace the <code className="font-mono">&lt;placeholders&gt;</code> with your own values before running a command; a server&apos;s or domain&apos;s own page
          has them filled in where the facts are known.
        </p>
      )}
      {steps.length > 0 && (
        <ol className="mt-3 list-decimal space-y-3 pl-5" aria-label="Remediation steps">
          {steps.map((step, index) => (
            <li key={index} className="[overflow-wrap:anywhere]" data-remediation-step>
              {step.before && (
                <span className="whitespace-pre-wrap">
                  <SourceText text={step.before} />
                  {step.commands.length > 0 && !/[.:;,?!]$/.test(step.before) && !/\bor$/.test(step.before) ? ":" : ""}
                </span>
              )}
              {step.commands.map((command, n) => (
                <div key={n}>
                  {command.intro && <p className="mt-1.5 text-slate-700 dark:text-slate-300">{command.intro}:</p>}
                  <CommandBox code={command.code} label={`Step ${index + 1} command${step.commands.length > 1 ? ` ${n + 1}` : ""}`} />
                </div>
              ))}
              {step.after && (
                <p className="mt-1 text-slate-700 dark:text-slate-300">
                  <SourceText text={step.after} />
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
