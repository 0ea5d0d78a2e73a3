import type { ServerListItem } from "@/lib/data/servers";
import { plural } from "@/lib/text/plural";

// What the Servers list shows of a server's rule results in one compact cell: the first blocker's title, counts,
// and the ids behind them (on hover and in the row's disclosure). Pure, so the page and the tests share it.

/** What the list needs to know of a rule (given by the page from the registry; kept small for the client). */
export interface RuleInfo {
  title: string;
  scope: string;
}

export type RuleLookup = Readonly<Record<string, RuleInfo>>;

export interface RowRule {
  id: string;
  title: string;
}

export type RowRuleKind = "blocker" | "warning" | "unknown" | "waived";

export interface RowSummary {
  /** The rule named in the cell: the first failing blocker, else the first failing warning; null when neither. */
  headline: { kind: "blocker" | "warning"; rule: RowRule } | null;
  groups: { kind: RowRuleKind; label: string; rules: RowRule[] }[];
  /** "3 blockers · 1 warning · 20 unknown" ("" when nothing fails, is unknown or waived). */
  counts: string;
  /** Every id by group, one group a line, for the title attribute (hover). */
  tooltip: string;
}

const GROUP_LABELS: Record<RowRuleKind, string> = { blocker: "Failing blockers", warning: "Failing warnings", unknown: "No data (unknown)", waived: "Waived" };

/**
 * The server's own (host) rules first, as they are what fixing this server means; then the rules it inherits
 * (domain, gMSA permissions, tenant, scope), each part by id, the order of the server page's lists.
 */
export function orderRuleIds(ids: readonly string[], rules: RuleLookup): string[] {
  const own = (id: string) => (rules[id]?.scope === "host" ? 0 : 1);
  return [...ids].sort((a, b) => own(a) - own(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function toRules(ids: readonly string[], rules: RuleLookup): RowRule[] {
  return orderRuleIds(ids, rules).map((id) => ({ id, title: rules[id]?.title ?? id }));
}

export function summarizeRow(
  server: Pick<ServerListItem, "blockingRuleIds" | "conditionRuleIds" | "unknownRuleIds" | "waivedRuleIds">,
  rules: RuleLookup,
): RowSummary {
  const blockers = toRules(server.blockingRuleIds, rules);
  const warnings = toRules(server.conditionRuleIds, rules);
  const unknowns = toRules(server.unknownRuleIds, rules);
  const waived = toRules(server.waivedRuleIds, rules);
  const headline = blockers[0] ? { kind: "blocker" as const, rule: blockers[0] } : warnings[0] ? { kind: "warning" as const, rule: warnings[0] } : null;

  const groups = (
    [
      ["blocker", blockers],
      ["warning", warnings],
      ["unknown", unknowns],
      ["waived", waived],
    ] as const
  )
    .filter(([, list]) => list.length > 0)
    .map(([kind, list]) => ({ kind, label: GROUP_LABELS[kind], rules: list }));

  const parts: string[] = [];
  if (blockers.length) parts.push(plural(blockers.length, "blocker"));
  if (warnings.length) parts.push(plural(warnings.length, "warning"));
  if (unknowns.length) parts.push(`${unknowns.length.toLocaleString("en-US")} unknown`);
  if (waived.length) parts.push(`${waived.length.toLocaleString("en-US")} waived`);

  return {
    headline,
    groups,
    counts: parts.join(" · "),
    tooltip: groups.map((group) => `${group.label}: ${group.rules.map((rule) => rule.id).join(", ")}`).join("\n"),
  };
}
