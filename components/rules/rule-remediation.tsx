import type { RuleMeta } from "@/lib/rules";

/** What to do when the rule fails: the summary, then each concrete step (commands and values as written). */
export function RuleRemediation({ remediation }: { remediation: RuleMeta["remediation"] }) {
  const steps = remediation.steps ?? [];
  return (
    <div className="text-sm">
      <p className="[overflow-wrap:anywhere]">{remediation.summary}</p>
      {steps.length > 0 && (
        <ol className="mt-3 list-decimal space-y-2 pl-5">
          {steps.map((step, index) => (
            <li key={index} className="whitespace-pre-wrap [overflow-wrap:anywhere]">
              {step}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
