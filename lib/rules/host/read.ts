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
 * One step of `at`: the own data property `key` of a plain object (not null, not an array), else undefined.
 * Never reads inherited properties and never invokes getters (an accessor property reads as undefined),
 * so it cannot throw on hostile objects. The hot path of every host rule: no allocation but the descriptor.
 */
export function field(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  // An accessor descriptor has no `value`: it reads as undefined, like a missing property.
  return descriptor === undefined ? undefined : descriptor.value;
}

/**
 * The hot-path reader: the own property `key` of a plain object (not null, not an array), else undefined.
 * Like `field`, it never follows the prototype chain (a polluted Object.prototype or an object made with
 * Object.create is not read); unlike `field`, it reads the value directly instead of through a property
 * descriptor, which is about ten times cheaper. Facts reach rules as zod output or parsed JSON, whose
 * properties are always data properties; an accessor property defined in code would be invoked here
 * (and a throwing one becomes the engine's rule-error result), so `field`/`at` stay the readers for
 * objects of unknown origin.
 */
export function own(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
  const found: unknown = Reflect.get(value, key);
  return found;
}

/**
 * Walks a path through nested plain objects; undefined as soon as a step is missing or not an object.
 * Reads own data properties only (never inherited ones, never getters), so it cannot throw.
 */
export function at(root: unknown, ...path: string[]): unknown {
  let current: unknown = root;
  for (let i = 0; i < path.length; i++) {
    current = field(current, path[i]);
    if (current === undefined) return undefined;
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
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
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
  if (typeof value !== "string") return undefined;
  for (let i = 0; i < allowed.length; i++) if (allowed[i] === value) return allowed[i];
  return undefined;
}

/** A name to show in scripts and messages: FQDN, NetBIOS name, or a neutral fallback. */
export function hostLabel(host: unknown): string {
  const identity = field(host, "identity");
  return readString(field(identity, "fqdn")) ?? readString(field(identity, "netbiosName")) ?? "this server";
}

/** A DWORD as shown in evidence: the number, "absent" for null (collected, no value), null when not collected. */
export function shownDword(value: number | null | undefined): number | string | null {
  if (value === undefined) return null;
  if (value === null) return "absent";
  return value;
}
