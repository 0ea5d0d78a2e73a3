import type { ScopeFacts } from "@/lib/facts";

/**
 * ScopeFacts -> the sync scope plan as JSON ({ "configurations": [...] }, lib/ingest/formats/scope-plan.ts): every
 * field is carried (domains come back lower-case). The app keeps one current scope plan for the tenant, so a plan
 * should hold the configurations of every domain (mergeScopes). Pure.
 */
export function toScopePlanJson(scope: ScopeFacts): string {
  return JSON.stringify({ configurations: scope.configurations ?? [] }, null, 2);
}

/** One plan holding the configurations of several domains, in order. */
export function mergeScopes(scopes: Iterable<ScopeFacts>): ScopeFacts {
  const configurations: NonNullable<ScopeFacts["configurations"]> = [];
  for (const scope of scopes) configurations.push(...(scope.configurations ?? []));
  return { configurations };
}
