import type { DomainFacts } from "@/lib/facts";

/**
 * DomainFacts -> the domain-json format (lib/ingest/formats/domain-json.ts), which reads an object shaped like
 * DomainFacts: every field is carried. Domain controller names and DNS names come back lower-case, NetBIOS names
 * upper-case, KDS key ids as lower-case GUIDs, timestamps in toISOString() form. Pure.
 */
export function toDomainJson(domain: DomainFacts): string {
  return JSON.stringify(domain, null, 2);
}
