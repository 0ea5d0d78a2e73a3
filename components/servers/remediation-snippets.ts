import type { Rule, RuleContext, RuleResult } from "@/lib/rules";

/**
 * The PowerShell snippet of each failing (or waived) result whose rule has one, generated from the facts the
 * evaluation used. A rule whose generator throws gets no snippet (its written steps still show).
 */
export function remediationSnippets(results: readonly RuleResult[], ctx: RuleContext, getRule: (id: string) => Rule | undefined): Map<string, string> {
  const snippets = new Map<string, string>();
  for (const result of results) {
    if (result.status !== "fail" && result.status !== "waived") continue;
    const generate = getRule(result.ruleId)?.remediationScript;
    if (!generate) continue;
    try {
      const script = generate(ctx);
      if (script && script.trim() !== "") snippets.set(result.ruleId, script);
    } catch (error) {
      console.error(`[rules] ${result.ruleId} remediationScript threw`, error);
    }
  }
  return snippets;
}
