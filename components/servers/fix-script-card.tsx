import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { FixPlanEntry } from "@/lib/remediation/fix-script";
import { resultAnchor } from "./result-card";

/** The per-server fix script: what it fixes, what needs manual action, and the download. */
export function FixScriptCard({ href, fileName, plan }: { href: string; fileName: string; plan: readonly FixPlanEntry[] }) {
  const scripted = plan.filter((entry) => entry.script !== null);
  const manual = plan.filter((entry) => entry.script === null);
  return (
    <Card
      title="Fix script"
      id="fix-script"
      actions={
        <a href={href} download={fileName} className={buttonClass(scripted.length > 0 ? "primary" : "secondary")}>
          <span aria-hidden="true">↓</span>
          Download {fileName}
        </a>
      }
    >
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {scripted.length > 0
          ? `One PowerShell script with the ${scripted.length === 1 ? "fix" : `${scripted.length} fixes`} for this server's own failing rules. Run it elevated on the server; preview with -WhatIf first. It is safe to run twice: each fix checks before it changes anything.`
          : "No failing rule of this server can be fixed by script. The script only lists what needs manual action."}
      </p>
      {scripted.length > 0 && (
        <ol className="mt-2 list-decimal space-y-0.5 pl-5 text-sm">
          {scripted.map((entry) => (
            <li key={entry.ruleId}>
              <a href={`#${resultAnchor(entry.ruleId)}`} className="text-brand-600 underline dark:text-brand-100">
                {entry.title}
              </a>{" "}
              <span className="text-slate-500 dark:text-slate-400">({entry.severity})</span>
            </li>
          ))}
        </ol>
      )}
      {manual.length > 0 && (
        <div className="mt-3 text-sm">
          <p className="font-medium">Needs manual action:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {manual.map((entry) => (
              <li key={entry.ruleId}>
                <a href={`#${resultAnchor(entry.ruleId)}`} className="text-brand-600 underline dark:text-brand-100">
                  {entry.title}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">Inherited findings (domain, gMSA permissions, tenant) are fixed once for the whole domain: see their own scripts below.</p>
    </Card>
  );
}
