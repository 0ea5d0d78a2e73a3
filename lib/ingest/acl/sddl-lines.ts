import { looksLikeSddl } from "./sddl";

/**
 * Finding SDDL strings in pasted console text, shared by the SDDL reader (sddl-text) and the Get-Acl table reader
 * (which uses an SDDL line of the same paste for what its table lacks).
 *
 * A console wraps a long string at its window width: the continuation lines hold nothing but SDDL characters
 * (no spaces), Format-List indents them to its value column. A continuation is joined while the string so far is
 * incomplete (an open parenthesis, or not ending with ")"), or when the next line starts a new ACE "(" or part
 * ("S:", "D:").
 */

/** SDDL characters outside conditional expressions: letters, digits and ; : ( ) - { } _ . */
const SDDL_CHUNK = /^[A-Za-z0-9;:()\-{}_.]+$/;
const DN_LIKE = /^(?:CN|OU|DC|O|L)=/i;

function openParens(text: string): number {
  let depth = 0;
  for (const c of text) {
    if (c === "(") depth++;
    else if (c === ")") depth--;
  }
  return depth;
}

/** Whether `next` continues the SDDL string `sofar` that a console wrapped. */
export function continuesSddl(sofar: string, next: string): boolean {
  const chunk = next.trim();
  if (chunk === "" || !SDDL_CHUNK.test(chunk) || DN_LIKE.test(chunk)) return false;
  if (openParens(sofar) > 0 || !sofar.endsWith(")")) return true;
  if (chunk.startsWith("(")) return true;
  // A part tag continues the string only when it comes after the parts already read (O, G, D, S order).
  const tag = /^([OGDS]):/.exec(chunk);
  if (!tag) return false;
  const order = "OGDS";
  const last = topLevelTags(sofar).reduce((max, t) => Math.max(max, order.indexOf(t)), -1);
  return order.indexOf(tag[1]) > last;
}

/** The part tags (O, G, D, S) of an SDDL string, outside parentheses. */
function topLevelTags(text: string): string[] {
  const tags: string[] = [];
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0 && text[k + 1] === ":" && "OGDS".includes(c)) tags.push(c);
  }
  return tags;
}

/** Whether a value was cut off by the console ("..." / "…" at the end). */
export function isCutOff(value: string): boolean {
  return /(\.\.\.|…)\s*$/.test(value);
}

/** An SDDL string starting at line `start` (value already stripped of any prefix), joined with its continuation lines. */
export function readWrappedSddl(lines: readonly string[], start: number, first: string): { sddl: string; next: number; wrapped: boolean } {
  let sddl = first.trim();
  let i = start + 1;
  while (i < lines.length && !isCutOff(sddl) && continuesSddl(sddl, lines[i])) {
    sddl += lines[i].trim();
    i++;
  }
  return { sddl, next: i, wrapped: i > start + 1 };
}

/** "Sddl : O:DA…" (Format-List) -> the value; undefined for other lines. */
export function sddlListValue(line: string): string | undefined {
  const m = /^\s*Sddl\s*:\s?(.*)$/i.exec(line);
  return m ? m[1] : undefined;
}

/** A bare SDDL line, optionally "DN<tab>SDDL" or "DN;SDDL": the DN part (raw) and the SDDL part. */
export function bareSddlLine(line: string): { dn?: string; sddl: string } | undefined {
  const trimmed = line.trim();
  if (looksLikeSddl(trimmed)) return { sddl: trimmed };
  const split = splitDnAndSddl(trimmed);
  if (split && DN_LIKE.test(split.dn.trim()) && looksLikeSddl(split.sddl)) return { dn: split.dn.trim(), sddl: split.sddl };
  return undefined;
}

/** The characters /\s/ matches. */
function isBlankCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** "O:", "G:", "D:" or "S:" at i. */
function startsSddlPart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 79 || c === 71 || c === 68 || c === 83) && text.charCodeAt(i + 1) === 58;
}

/**
 * What /^(.+?)(?:\t+|\s*;\s*)((?:O|G|D|S):.*)$/ matches, in one pass: the first position after at least one character
 * where a tab run, or blanks + ";" + blanks, is followed by "O:", "G:", "D:" or "S:". The regular expression
 * backtracks quadratically on a long run of blanks (a 200 KB line took 17 s). Lines hold no line breaks.
 */
export function splitDnAndSddl(text: string): { dn: string; sddl: string } | undefined {
  if (/[\n\r\u2028\u2029]/.test(text)) return undefined;
  const n = text.length;
  // blankEnd[i]: the first index at or after i that is not a blank; tabEnd likewise for tabs.
  const blankEnd = new Int32Array(n + 1);
  const tabEnd = new Int32Array(n + 1);
  blankEnd[n] = n;
  tabEnd[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    blankEnd[i] = isBlankCode(text.charCodeAt(i)) ? blankEnd[i + 1] : i;
    tabEnd[i] = text.charCodeAt(i) === 9 ? tabEnd[i + 1] : i;
  }
  for (let p = 1; p < n; p++) {
    if (tabEnd[p] > p && startsSddlPart(text, tabEnd[p])) return { dn: text.slice(0, p), sddl: text.slice(tabEnd[p]) };
    const semicolon = blankEnd[p];
    if (semicolon < n && text.charCodeAt(semicolon) === 59) {
      const start = blankEnd[semicolon + 1];
      if (startsSddlPart(text, start)) return { dn: text.slice(0, p), sddl: text.slice(start) };
    }
  }
  return undefined;
}
