import { isoDateTime } from "@/lib/facts";
import { evidence, unknown } from "@/lib/rules/outcome";
import type { CollectHint, RuleOutcome } from "@/lib/rules/types";

/**
 * Tolerant readers for facts. Facts are zod-checked at ingest, but a rule must never throw, even when it is
 * handed malformed data (an old stored snapshot, a hand-written fixture). Each reader returns `undefined`
 * for anything that is not the expected shape, so the rule can answer "unknown" instead of crashing.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `obj[key]` when obj is a plain object, else undefined. */
export function prop(obj: unknown, key: string): unknown {
  return isRecord(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function readCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

export function readString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function readBoolean(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

/** A dense copy of an array (holes become undefined), else undefined. */
export function readArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? Array.from<unknown>(value) : undefined;
}

/** Milliseconds since the epoch for an ISO 8601 timestamp with offset, else undefined. */
export function readTime(value: unknown): number | undefined {
  if (!isoDateTime.safeParse(value).success || typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A JSON-serialisable copy of any value, for evidence about malformed input. */
export function jsonSafe(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch {
    return "[value that cannot be serialised]";
  }
}

/** "array", "null", "string"... for messages about malformed values. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/**
 * The unknown outcome for a fact that is absent (undefined/null: not collected) or present but not the expected
 * shape (malformed). Both carry the fact path and the command that collects it.
 */
export function missingFact(fact: string, collect: string | CollectHint, value: unknown, what: string): RuleOutcome {
  if (value === undefined || value === null) {
    return unknown(fact, collect, `${what} was not collected (${fact}).`);
  }
  return unknown(fact, collect, `${what} is malformed (${fact} is ${kindOf(value)}); collect it again.`, [
    evidence(fact, jsonSafe(value), "a value in the documented shape"),
  ]);
}
