import Link from "next/link";
import { getRule } from "@/lib/rules";

export function TopBlockingRules({ rules }: { rules: { ruleId: string; servers: number }[] }) {
  if (rules.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No rule blocks any server.</p>;
  const max = Math.max(...rules.map((r) => r.servers));
  return (
    <ol className="space-y-3">
      {rules.map((rule) => (
        <li key={rule.ruleId}>
          <Link href={`/servers?rule=${encodeURIComponent(rule.ruleId)}&readiness=not-ready`} className="group block">
            <span className="flex items-baseline justify-between gap-3 text-sm">
              <span className="font-medium group-hover:underline">{getRule(rule.ruleId)?.meta.title ?? rule.ruleId}</span>
              <span className="shrink-0 tabular-nums text-slate-700 dark:text-slate-300">
                {rule.servers.toLocaleString("en-US")} {rule.servers === 1 ? "server" : "servers"}
              </span>
            </span>
            <span className="block font-mono text-xs text-slate-500">{rule.ruleId}</span>
            <span className="mt-1 block h-1.5 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
              <span className="block h-1.5 rounded bg-red-600" style={{ width: `${(rule.servers / max) * 100}%` }} />
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
