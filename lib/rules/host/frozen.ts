import { evidence } from "@/lib/rules/outcome";
import type { Evidence } from "@/lib/rules/types";

/**
 * Evidence lists whose content is a constant of the rule (e.g. "host.tier0 = true, expected Tier 0"),
 * built once at module load and shared by every result that reports exactly that, the way a message
 * string literal is shared. Each result is still made per server; only identical, immutable evidence
 * is not rebuilt 50,000 times. Frozen, so that no consumer can change it for every result at once.
 */
export function frozenEvidence(...items: Evidence[]): Evidence[] {
  for (const item of items) {
    if (typeof item.actual === "object" && item.actual !== null) Object.freeze(item.actual);
    Object.freeze(item);
  }
  Object.freeze(items);
  return items;
}

/** One frozen evidence item in a frozen list: `frozenEvidence(evidence(fact, actual, expected))`. */
export function frozenSingle(fact: string, actual: unknown, expected: string): Evidence[] {
  return frozenEvidence(evidence(fact, actual, expected));
}
