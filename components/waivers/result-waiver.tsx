import type { ReactNode } from "react";
import type { Role } from "@/lib/auth/roles";
import { allowedWaiverScopes, MAX_WAIVER_DAYS } from "@/lib/readiness";
import { getRule } from "@/lib/rules";
import type { RuleResult } from "@/lib/rules";
import { WaiverForm } from "./waiver-form";

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The server page's per-result waiver control: "Accept risk (waive)…" on failing results for leads and admins
 * (blockers: admins only, pending until a second admin approves). Null for viewers.
 */
export function waiverControls({ role, fqdn, domain, now = new Date() }: { role: Role; fqdn: string; domain: string; now?: Date }): ((result: RuleResult) => ReactNode) | undefined {
  if (role !== "admin" && role !== "lead") return undefined;
  const minDate = day(new Date(now.getTime() + 86_400_000));
  const maxDate = day(new Date(now.getTime() + MAX_WAIVER_DAYS * 86_400_000));
  return function WaiverControl(result: RuleResult) {
    if (result.status !== "fail") return null;
    const rule = getRule(result.ruleId);
    if (!rule) return null;
    const blocker = rule.meta.severity === "blocker";
    if (blocker && role !== "admin") {
      return <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">A blocker waiver needs an admin (and a second admin to approve it).</p>;
    }
    return <WaiverForm ruleId={rule.meta.id} ruleTitle={rule.meta.title} server={fqdn} domain={domain} scopes={allowedWaiverScopes(rule.meta.scope)} blocker={blocker} minDate={minDate} maxDate={maxDate} />;
  };
}
