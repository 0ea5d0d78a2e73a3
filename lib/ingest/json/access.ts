/**
 * Typed, case-insensitive access to parsed JSON (PowerShell's ConvertTo-Json output uses PascalCase,
 * hand-written files camelCase). No casts: every accessor narrows `unknown` at runtime.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The own property whose name matches one of `names` case-insensitively (first name wins). */
export function field(obj: JsonObject, ...names: string[]): { key: string; value: unknown } | undefined {
  const keys = Object.keys(obj);
  for (const name of names) {
    if (Object.hasOwn(obj, name)) return { key: name, value: obj[name] };
    const lower = name.toLowerCase();
    for (const key of keys) {
      if (key.toLowerCase() === lower) return { key, value: obj[key] };
    }
  }
  return undefined;
}

export function fieldValue(obj: JsonObject, ...names: string[]): unknown {
  return field(obj, ...names)?.value;
}

/** A trimmed non-empty string from a string or a finite number; undefined otherwise. */
export function asText(value: unknown): string | undefined {
  if (typeof value === "string") {
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** PowerShell wraps some values: IdentityReference / SID become { "Value": "..." }. */
export function unwrapValue(value: unknown): unknown {
  if (isObject(value)) {
    const inner = field(value, "Value");
    if (inner !== undefined) return inner.value;
  }
  return value;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** The object, or the objects of an array (PowerShell emits a bare object for one item, an array for many). */
export function objectsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Dotted JSON path for messages: base "[3]" + "ActiveDirectoryRights" -> "[3].ActiveDirectoryRights". */
export function jsonPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return base === "" ? key : `${base}.${key}`;
}
