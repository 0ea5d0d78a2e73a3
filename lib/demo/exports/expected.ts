import type { DomainFacts, HostFacts } from "@/lib/facts";
import { canonicalTimestamp } from "./timestamps";

/**
 * What parseFile gives back for facts written by these writers, as code: the precise statement of what each
 * format cannot carry (used by the round-trip tests, and readable as documentation). Pure.
 */

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Deep copy with object keys sorted and ISO timestamps in toISOString() form, for comparisons. */
export function canonicalFacts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalFacts);
  if (typeof value === "string") return ISO_TIMESTAMP.test(value) ? canonicalTimestamp(value) : value;
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry: unknown = Reflect.get(value, key);
    if (entry !== undefined) out[key] = canonicalFacts(entry);
  }
  return out;
}

/**
 * After toInventoryCsv -> inventory-csv: the effective execution policy only, network.cloud only, empty lists
 * dropped, and what the parser derives from the domain role when it was not collected: os.productType and
 * domainMembership.partOfDomain.
 */
export function afterInventoryCsv(host: HostFacts): HostFacts {
  const out: HostFacts = { ...host };
  if (host.executionPolicy !== undefined) {
    out.executionPolicy = host.executionPolicy.effective === undefined ? undefined : { effective: host.executionPolicy.effective };
  }
  if (host.network !== undefined) out.network = host.network.cloud === undefined ? undefined : { cloud: host.network.cloud };
  if (host.hotfixes !== undefined && host.hotfixes.length === 0) out.hotfixes = undefined;
  if (host.tags !== undefined && host.tags.length === 0) out.tags = undefined;
  const role = host.domainMembership?.domainRole;
  if (role !== undefined && host.domainMembership?.partOfDomain === undefined) {
    out.domainMembership = { ...host.domainMembership, partOfDomain: !/^Standalone/.test(role) };
  }
  if (host.os?.productType === undefined && role !== undefined) {
    const productType = /DomainController$/.test(role) ? "domain-controller" : /Workstation$/.test(role) ? "workstation" : "server";
    out.os = { ...host.os, productType };
  }
  return out;
}

/** After a domain section rides on a collector output: collectedAt is that host's run time; a missing gMSA stays missing; no attestations or gMSA plan. */
export function afterCollectorDomain(domain: DomainFacts, carrierCollectedAt: string): DomainFacts {
  // Attestations and the gMSA plan are people's answers, not something the collector reads: they ride on domain JSON only.
  const collected: DomainFacts = { ...domain, collectedAt: carrierCollectedAt };
  delete collected.attestations;
  delete collected.gmsaPlan;
  return collected;
}
