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
  const split = /^(.+?)(?:\t+|\s*;\s*)((?:O|G|D|S):.*)$/.exec(trimmed);
  if (split && DN_LIKE.test(split[1].trim()) && looksLikeSddl(split[2])) return { dn: split[1].trim(), sddl: split[2] };
  return undefined;
}
