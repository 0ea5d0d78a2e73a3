import { MAX_LISTED } from "../limits";

/**
 * Makes untrusted values safe to quote inside an issue message: invisible, control and
 * bidirectional-override characters are shown as \u{...} escapes and long values are shortened.
 * The data itself is never changed; this is only for messages.
 */

// C0/C1 controls, zero-width and bidi controls (LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI, LRM/RLM, ALM), BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/gu;
const BIDI_OR_INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c]/u;

export function displayValue(value: string, maxLength = 60): string {
  const shortened = value.length > maxLength ? `${value.slice(0, maxLength)}…` : value;
  const escaped = shortened.replace(INVISIBLE, (ch) => `\\u{${ch.codePointAt(0)?.toString(16).toUpperCase() ?? ""}}`);
  return `"${escaped}"`;
}

/** Any value read from a file, for a message: strings as displayValue, numbers and booleans as written, else its kind. */
export function shownValue(value: unknown, maxLength = 60): string {
  if (typeof value === "string") return displayValue(value, maxLength);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return displayValue(String(value), maxLength);
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : displayValue(String(value), maxLength);
}

/** True when the value holds bidirectional overrides or zero-width characters that can disguise text. */
export function hasDeceptiveCharacters(value: string): boolean {
  return BIDI_OR_INVISIBLE.test(value);
}

/**
 * A list for an issue message, at most `max` items (MAX_LISTED): "a, b, c … and 999,990 more". Items are used as
 * given (quote untrusted ones with displayValue first). A header of a million columns must not come back a million times.
 */
export function listSome(items: readonly string[], max = MAX_LISTED, separator = ", "): string {
  const shown = items.slice(0, max).join(separator);
  return items.length > max ? `${shown} … and ${(items.length - max).toLocaleString("en-US")} more` : shown;
}

/** Untrusted names (headers, columns) for a message: the first MAX_LISTED, each quoted and shortened (displayValue, 40). */
export function listNames(names: readonly string[], max = MAX_LISTED): string {
  const shown = names.slice(0, max).map((name) => displayValue(name, 40));
  return names.length > max ? `${shown.join(", ")} … and ${(names.length - max).toLocaleString("en-US")} more` : shown.join(", ");
}
