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

/** True when the value holds bidirectional overrides or zero-width characters that can disguise text. */
export function hasDeceptiveCharacters(value: string): boolean {
  return BIDI_OR_INVISIBLE.test(value);
}
