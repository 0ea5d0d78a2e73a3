import type { PlanGain } from "@/lib/readiness";

// Pure wording of the plan's figures (the page, the overview card and their tests share it).

const n = (value: number) => value.toLocaleString("en-US");

/** "1 server" / "12 servers". */
export function servers(count: number): string {
  return `${n(count)} ${count === 1 ? "server" : "servers"}`;
}

/** Servers moved to Ready or Ready with conditions. */
export function unblocked(gain: PlanGain): number {
  return gain.toReady + gain.toConditions;
}

/**
 * What a gain does, in words: "5 to Ready, 2 to Ready with conditions", "clears the conditions of 9",
 * or "none by itself" when it moves nobody.
 */
export function gainText(gain: PlanGain): string {
  const parts: string[] = [];
  if (gain.toReady > 0) parts.push(`${servers(gain.toReady)} to Ready`);
  if (gain.toConditions > 0) parts.push(`${parts.length > 0 ? n(gain.toConditions) : servers(gain.toConditions)} to Ready with conditions`);
  if (gain.conditionsCleared > 0) parts.push(`${servers(gain.conditionsCleared)} from Ready with conditions to Ready`);
  return parts.length > 0 ? parts.join(", ") : "no server by itself";
}

/** The HTML id of an action's card on /plan. */
export function actionAnchor(rank: number): string {
  return `action-${rank}`;
}
