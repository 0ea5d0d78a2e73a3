import "server-only";
import { z } from "zod";
import { resultStatusSchema, ruleScopeSchema, severitySchema, unknownReasonSchema, type RuleResult } from "@/lib/rules";

// Stored RuleResult JSON (DomainEvaluation.resultsJson) back into typed results, checked item by item:
// a malformed entry is left out instead of failing the page.

const resultSchema = z.object({
  ruleId: z.string(),
  status: resultStatusSchema,
  severity: severitySchema,
  scope: ruleScopeSchema,
  message: z.string(),
  evidence: z.array(z.object({ fact: z.string(), actual: z.unknown(), expected: z.string() })).catch([]),
  reason: unknownReasonSchema.optional().catch(undefined),
  waiver: z
    .object({ id: z.string(), by: z.string(), reason: z.string(), expiresAt: z.string().optional() })
    .optional()
    .catch(undefined),
});

/** Parses a stored results array; entries that are not results are dropped. */
export function parseStoredResults(json: string): RuleResult[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const parsed = resultSchema.safeParse(item);
    return parsed.success ? [{ ...parsed.data, evidence: parsed.data.evidence.map((e) => ({ fact: e.fact, actual: e.actual, expected: e.expected })) }] : [];
  });
}
