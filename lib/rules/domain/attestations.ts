import type { DomainAttestationKey } from "@/lib/facts";
import type { CollectHint } from "@/lib/rules/types";
import { isRecord, prop, readArray, readBoolean, readString, readTime } from "./read";

/** One attestation as read from domain.attestations (tolerant: malformed entries are skipped). */
export interface ReadAttestation {
  index: number;
  key: string;
  attested: boolean;
  by: string;
  at?: string;
  atMs?: number;
  note?: string;
}

/** undefined when domain.attestations is not an array (not collected); otherwise the latest entry per key. */
export function latestDomainAttestations(domain: unknown): Map<string, ReadAttestation> | undefined {
  const list = readArray(isRecord(domain) ? prop(domain, "attestations") : undefined);
  if (list === undefined) return undefined;
  const latest = new Map<string, ReadAttestation>();
  list.forEach((entry, index) => {
    const key = readString(prop(entry, "key"));
    const attested = readBoolean(prop(entry, "attested"));
    if (key === undefined || attested === undefined) return;
    const at = readString(prop(entry, "at"));
    const item: ReadAttestation = { index, key, attested, by: readString(prop(entry, "by")) ?? "unknown person", at, atMs: readTime(at), note: readString(prop(entry, "note")) };
    const best = latest.get(key);
    // The latest by time; untimed entries rank first, a later array entry wins a tie.
    if (best === undefined || (item.atMs ?? Number.NEGATIVE_INFINITY) >= (best.atMs ?? Number.NEGATIVE_INFINITY)) latest.set(key, item);
  });
  return latest;
}

/** The collect hint of a domain attestation: no command, where to record it. */
export function attestationHint(keys: readonly DomainAttestationKey[], what: string): CollectHint {
  return {
    command: "",
    note:
      `${what} cannot be collected by a command: record the attestation${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")} ` +
      "(attested true or false, an optional note) on the Domains page, in the domain's Attestations part, or upload them in the domain facts' attestations list.",
  };
}
