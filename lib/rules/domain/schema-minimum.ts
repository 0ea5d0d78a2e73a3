import { evidence, fail, pass } from "@/lib/rules/outcome";
import type { RuleContext, RuleOutcome } from "@/lib/rules/types";
import { HINT } from "./collect";
import { missingFact, readCount } from "./read";
import { schemaVersionName } from "./versions";

export const SCHEMA_FACT = "domain.schemaVersion";

/** Shared by the schema rules: the forest schema objectVersion is at least `minimum`. */
export function evaluateSchemaMinimum(ctx: RuleContext, minimum: number, purpose: string): RuleOutcome {
  const raw = ctx.domain?.schemaVersion;
  const version = readCount(raw);
  if (version === undefined) return missingFact(SCHEMA_FACT, HINT.schemaVersion, raw, "The forest schema version");
  const expected = `>= ${minimum} (${schemaVersionName(minimum)})`;
  const found = [evidence(SCHEMA_FACT, version, expected)];
  const label = `objectVersion ${version} (${schemaVersionName(version)})`;
  return version >= minimum
    ? pass(`The forest schema is at ${label}, which meets ${purpose}.`, found)
    : fail(`The forest schema is at ${label}; ${purpose} needs objectVersion ${minimum} or later.`, found);
}
