/**
 * Numbers as Windows tools print them in different locales: "15,998" (en-US), "15.998" (de-DE),
 * "15 998" with a no-break or narrow no-break space (fr-FR), "15'998" (de-CH), decimals "15.5" / "15,5".
 */

const GROUPING_SPACES = /[\s\u00a0\u202f\u2009\u2007']/g;
const PLAIN_INTEGER = /^[+-]?\d+$/;
const PLAIN_DECIMAL = /^[+-]?\d*\.\d+$/;
const HEX = /^0x[0-9a-f]+$/i;
const ONE_COMMA_GROUP = /^[+-]?\d{1,3},\d{3}$/;
const ONE_DOT_GROUP = /^[+-]?\d{1,3}\.\d{3}$/;

/** Parses a number written with any of the common thousands / decimal separators. */
export function parseLocaleNumber(raw: string): number | undefined {
  let text = raw.trim();
  if (text === "") return undefined;
  if (HEX.test(text)) return Number.parseInt(text.slice(2), 16);
  text = text.replace(GROUPING_SPACES, "");
  if (PLAIN_INTEGER.test(text)) return Number(text);
  const commas = countOf(text, ",");
  const dots = countOf(text, ".");
  if (commas > 0 && dots > 0) {
    // The last separator is the decimal one: "1,234.5" / "1.234,5".
    const decimal = text.lastIndexOf(",") > text.lastIndexOf(".") ? "," : ".";
    const grouping = decimal === "," ? "." : ",";
    return finite(text.split(grouping).join("").replace(decimal, "."));
  }
  const sep = commas > 0 ? "," : dots > 0 ? "." : undefined;
  if (sep === undefined) return undefined;
  const count = sep === "," ? commas : dots;
  if (count > 1) return groupedInteger(text, sep);
  // One separator: a group of exactly three digits after 1-3 leading digits is a thousands separator.
  if ((sep === "," ? ONE_COMMA_GROUP : ONE_DOT_GROUP).test(text)) return Number(text.replace(sep, ""));
  return finite(text.replace(sep, "."));
}

function groupedInteger(text: string, sep: string): number | undefined {
  const parts = text.split(sep);
  if (!/^[+-]?\d{1,3}$/.test(parts[0])) return undefined;
  for (let i = 1; i < parts.length; i++) if (!/^\d{3}$/.test(parts[i])) return undefined;
  return Number(parts.join(""));
}

function finite(text: string): number | undefined {
  if (!PLAIN_INTEGER.test(text) && !PLAIN_DECIMAL.test(text) && !/^[+-]?\d+\.\d*$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function countOf(text: string, ch: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === ch) count++;
  return count;
}

/** A non-negative integer where every separator is a thousands separator ("15,998", "15.998", "15 998"). */
export function parseGroupedInteger(raw: string): number | undefined {
  const text = raw.trim().replace(GROUPING_SPACES, "").replace(/[.,]/g, "");
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** A non-negative integer (decimal or 0x hex), e.g. a DWORD or a build number. */
export function parseNonNegativeInteger(raw: string): number | undefined {
  const value = parseLocaleNumber(raw);
  return value !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}
