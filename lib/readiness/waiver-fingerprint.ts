import type { Evidence, RuleResult } from "@/lib/rules";

// What a waiver accepted: a fingerprint of a result's evidence. Pure and dependency-free (no node:crypto), so the
// readiness barrel stays importable anywhere.

/** The fingerprint scheme; a stored fingerprint with another prefix never matches (it lapses on the next change). */
const VERSION = "ev1";

/** JSON with object keys sorted at every level; `undefined` and non-finite numbers become null. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "bigint":
      return JSON.stringify(value.toString());
    case "object": {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
    }
    default:
      return "null";
  }
}

/** cyrb53-style 53-bit string hash (stable across runs and platforms). */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A 106-bit hash as hex (two independent 53-bit hashes). */
export function stableHash(text: string): string {
  return hash53(text, 0x9e3779b9).toString(16).padStart(14, "0") + hash53(text, 0x85ebca6b).toString(16).padStart(14, "0");
}

function sortedEvidence(evidence: readonly Evidence[]): Evidence[] {
  return [...evidence].sort((a, b) => (a.fact < b.fact ? -1 : a.fact > b.fact ? 1 : canonicalJson(a.actual) < canonicalJson(b.actual) ? -1 : 1));
}

/**
 * The fingerprint of what a result says about the data: its rule, its status and each evidence item's fact and
 * actual value, sorted by fact. The message, severity wording and `expected` (the requirement's text, which for
 * time-relative rules such as domain-kds-root-key embeds the evaluation time) are left out, so rewording a rule or
 * re-evaluating later does not change it; a different value, another fact, or another status does.
 */
export function evidenceFingerprint(result: Pick<RuleResult, "ruleId" | "status" | "evidence">): string {
  const canonical = canonicalJson({
    ruleId: result.ruleId,
    status: result.status === "waived" ? "fail" : result.status,
    evidence: sortedEvidence(result.evidence).map((item) => ({ fact: item.fact, actual: item.actual })),
  });
  return `${VERSION}:${stableHash(canonical)}`;
}

const MAX_VALUE = 80;
const MAX_SUMMARY = 300;

function shortValue(value: unknown): string {
  const text = typeof value === "string" ? value : canonicalJson(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** A short human text of the evidence, "fact = actual; fact = actual" (for "was X, now Y"). */
export function evidenceSummary(result: Pick<RuleResult, "status" | "evidence">): string {
  const parts = sortedEvidence(result.evidence).map((item) => `${item.fact} = ${shortValue(item.actual)}`);
  const text = parts.length > 0 ? parts.join("; ") : `no evidence (${result.status})`;
  const withStatus = result.status === "pass" ? `${text} (passing)` : text;
  return withStatus.length > MAX_SUMMARY ? `${withStatus.slice(0, MAX_SUMMARY - 1)}…` : withStatus;
}
