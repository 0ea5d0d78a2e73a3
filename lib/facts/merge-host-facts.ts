import type { HostFacts, NetworkCheck } from "./host";

/**
 * A server's current facts when several sources describe it: a collector report (TLS, ports, services), a CMDB CSV
 * (owner, site, tags), a systeminfo export (OS, memory, hotfixes)... Each fact is taken from the most recent source
 * that carries it, so an inventory CSV uploaded after a collector report updates what it has (owner, RAM) and keeps
 * what it lacks (TLS, network probes) instead of wiping it.
 *
 * `newer` wins field by field over `older`, recursively through objects. Arrays are facts of their own and are
 * replaced whole (hotfixes, tags: a newer list is the current list), except network checks, which are merged by
 * host and port (a CSV with one probe column does not discard the collector's other probes). `collectedAt` is the
 * newer one's (or the older one's when the newer has none).
 */
export function mergeHostFacts(older: HostFacts, newer: HostFacts): HostFacts {
  const merged = mergeObjects(older as Record<string, unknown>, newer as Record<string, unknown>) as HostFacts;
  const olderChecks = older.network?.checks;
  const newerChecks = newer.network?.checks;
  if (olderChecks && newerChecks) merged.network = { ...merged.network, checks: mergeChecks(olderChecks, newerChecks) };
  return merged;
}

/** Folds snapshots (oldest first) into the current facts. */
export function foldHostFacts(snapshots: readonly HostFacts[]): HostFacts {
  return snapshots.reduce<HostFacts>((current, next) => mergeHostFacts(current, next), {});
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mergeObjects(older: Record<string, unknown>, newer: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...older };
  for (const [key, value] of Object.entries(newer)) {
    if (value === undefined) continue;
    const previous = result[key];
    result[key] = isPlainObject(previous) && isPlainObject(value) ? mergeObjects(previous, value) : value;
  }
  return result;
}

function mergeChecks(older: readonly NetworkCheck[], newer: readonly NetworkCheck[]): NetworkCheck[] {
  const key = (check: NetworkCheck) => `${check.host.toLowerCase()}:${check.port}`;
  const replaced = new Set(newer.map(key));
  return [...older.filter((check) => !replaced.has(key(check))), ...newer];
}
