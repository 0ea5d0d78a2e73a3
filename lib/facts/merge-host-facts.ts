import type { HostFacts, NetworkCheck } from "./host";

/**
 * A server's current facts when several sources describe it: a collector report (TLS, ports, services), a CMDB CSV
 * (owner, site, tags), a systeminfo export (OS, memory, hotfixes)... Each SECTION of the facts (os, memory, dotnet,
 * tls, services, hotfixes, owner, ...) comes from the most recent source that carries it, so an inventory CSV uploaded
 * after a collector report updates what it has (owner, RAM) and keeps what it lacks (TLS, the network probes) instead
 * of wiping it. A section is never mixed from two sources: its fields belong together (the memory a CSV reports and
 * the collector's installed memory, or a reinstalled server's new version with the old one's UBR, would contradict
 * each other). Two exceptions: identity is merged field by field (a CSV's FQDN and the collector's objectGUID and SID
 * name the same computer), and network probes are merged by host and port (a CSV with one probe column does not
 * discard the collector's other probes; the cloud and proxy settings come from the newer source when it has them).
 * `collectedAt` is the newer one's (or the older one's when the newer has none).
 */
export function mergeHostFacts(older: HostFacts, newer: HostFacts): HostFacts {
  const merged: HostFacts = { ...older };
  for (const [key, value] of Object.entries(newer) as [keyof HostFacts, HostFacts[keyof HostFacts]][]) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  if (older.identity && newer.identity) merged.identity = { ...older.identity, ...defined(newer.identity) };
  if (older.network && newer.network) {
    merged.network = { ...older.network, ...defined(newer.network) };
    if (older.network.checks && newer.network.checks) merged.network.checks = mergeChecks(older.network.checks, newer.network.checks);
  }
  return merged;
}

/** Folds snapshots (oldest first) into the current facts. */
export function foldHostFacts(snapshots: readonly HostFacts[]): HostFacts {
  return snapshots.reduce<HostFacts>((current, next) => mergeHostFacts(current, next), {});
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function mergeChecks(older: readonly NetworkCheck[], newer: readonly NetworkCheck[]): NetworkCheck[] {
  const key = (check: NetworkCheck) => `${check.host.toLowerCase()}:${check.port}`;
  const replaced = new Set(newer.map(key));
  return [...older.filter((check) => !replaced.has(key(check))), ...newer];
}
