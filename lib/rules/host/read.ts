/**
 * Defensive readers for rule code. Facts reach rules already zod-checked, but rules must never
 * throw, even when handed a partial or malformed object (the meta-tests feed them `{}` and worse).
 * These readers narrow `unknown` without casts: anything of the wrong shape reads as "not collected".
 */

/** A plain object (not null, not an array), or undefined. Own data properties only, "__proto__" included as data. */
export function readRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return Object.fromEntries(Object.entries(value));
}

/**
 * Walks a path through nested plain objects; undefined as soon as a step is missing or not an object.
 * Reads own data properties only (never inherited ones, never getters), so it cannot throw.
 */
export function at(root: unknown, ...path: string[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    const descriptor = Object.getOwnPropertyDescriptor(current, key);
    if (!descriptor || !("value" in descriptor)) return undefined;
    const next: unknown = descriptor.value;
    current = next;
  }
  return current;
}

/**
 * A registry DWORD as the facts model stores it: a finite integer, `null` when collected but absent,
 * `undefined` when not collected (or not readable as a DWORD).
 */
export function readDword(value: unknown): number | null | undefined {
  if (value === null) return null;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  return undefined;
}

/** A finite number, else undefined. */
export function readNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** A non-empty (after trimming) string, else undefined. */
export function readString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** A boolean, else undefined. */
export function readBoolean(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

/** An array, else undefined. */
export function readArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** A string that is one of `allowed`, else undefined. */
export function readEnum<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

/** A name to show in scripts and messages: FQDN, NetBIOS name, or a neutral fallback. */
export function hostLabel(host: unknown): string {
  return readString(at(host, "identity", "fqdn")) ?? readString(at(host, "identity", "netbiosName")) ?? "this server";
}

/** A DWORD as shown in evidence: the number, "absent" for null (collected, no value), null when not collected. */
export function shownDword(value: number | null | undefined): number | string | null {
  if (value === undefined) return null;
  if (value === null) return "absent";
  return value;
}
