import { EMPTY_GUID } from "@/lib/facts";
import { sddlAlias } from "@/lib/facts";
import { normalizeGuidText } from "../values/guid";
import { parseSddlRights } from "./sddl-rights";

/**
 * A security descriptor string (SDDL, MS-DTYP §2.5.1.1) read into its parts:
 *
 *   sddl  = [O:sid] [G:sid] [D:flags aces] [S:flags aces]
 *   ace   = "(" type ";" [flags] ";" rights ";" [object_guid] ";" [inherit_object_guid] ";" sid [";" (resource)] ")"
 *
 * Access-allowed/denied ACEs (A, D, OA, OD) of the DACL are kept; audit, alarm, mandatory-label, scoped-policy,
 * resource-attribute and callback (conditional) ACEs are recognised and skipped with a note, and so is the SACL.
 * Nothing here resolves names: see sddl-ace.ts.
 */

/** One access-allowed or access-denied ACE of the DACL. */
export interface SddlAce {
  /** 1-based position among the DACL's ACE strings (skipped ones included), for messages. */
  position: number;
  /** The ACE string as written, "(OA;CIIO;RP;;bf967aba-…;S-1-5-21-…)". */
  text: string;
  accessType: "allow" | "deny";
  containerInherit: boolean;
  objectInherit: boolean;
  noPropagateInherit: boolean;
  inheritOnly: boolean;
  /** ID: inherited from a parent object. */
  inherited: boolean;
  /** ActiveDirectoryRights mask (generic rights mapped). */
  rights: number;
  objectType: string;
  inheritedObjectType: string;
  /** The trustee as written: "S-1-5-21-…" (upper-case) or a two-letter alias ("AU"). */
  trustee: string;
}

export interface SddlProblem {
  /** ACE position when the problem is in one ACE. */
  position?: number;
  message: string;
}

export interface SddlDocument {
  owner?: string;
  group?: string;
  /** False when the string has no "D:" part. */
  hasDacl: boolean;
  /** DACL flags: P (protected), AI (auto-inherited), AR (auto-inherit required). */
  daclFlags: string[];
  /** The DACL's ACE strings (all types), for "n of m" messages. */
  daclAceCount: number;
  aces: SddlAce[];
  /** Things recognised and left out (audit ACEs, callback ACEs, the SACL). */
  notes: string[];
  /** Problems that make an ACE (position) or the whole string unusable. */
  problems: SddlProblem[];
}

const ACCESS_TYPES: Record<string, { accessType: "allow" | "deny"; object: boolean }> = {
  A: { accessType: "allow", object: false },
  D: { accessType: "deny", object: false },
  OA: { accessType: "allow", object: true },
  OD: { accessType: "deny", object: true },
};

/** ACE types that are valid SDDL but grant or deny nothing the checks read. */
const SKIPPED_TYPES: Record<string, string> = {
  AU: "audit",
  AL: "alarm",
  OU: "object audit",
  OL: "object alarm",
  ML: "mandatory label",
  SP: "scoped policy",
  RA: "resource attribute",
  XA: "callback (conditional) allow",
  XD: "callback (conditional) deny",
  XU: "callback audit",
  ZA: "callback object allow",
};

const FLAG_CODES = new Set(["CI", "OI", "NP", "IO", "ID", "SA", "FA", "TP", "CR"]);
const SID_VALUE = /^S-1(?:-\d+)+/i;

/** A cheap test: does this text start like a security descriptor string? */
export function looksLikeSddl(text: string): boolean {
  return /^(?:O:(?:S-1-\d|[A-Z]{2})|G:(?:S-1-\d|[A-Z]{2})|D:(?:P|AI|AR|NO_ACCESS_CONTROL)*\(|S:(?:P|AI|AR|NO_ACCESS_CONTROL)*\()/.test(text.trim());
}

/** A trustee SID string: "S-1-…" or a known two-letter alias. */
export function isSddlSidString(value: string): boolean {
  const text = value.trim();
  return (SID_VALUE.test(text) && SID_VALUE.exec(text)?.[0].length === text.length) || (text.length === 2 && sddlAlias(text) !== undefined);
}

/** Reads a SID at `i`: "S-1-…" or a two-letter alias. */
function readSid(text: string, i: number): { sid: string; end: number } | undefined {
  const rest = text.slice(i);
  const value = SID_VALUE.exec(rest);
  if (value) return { sid: value[0].toUpperCase(), end: i + value[0].length };
  const alias = rest.slice(0, 2);
  if (/^[A-Za-z]{2}$/.test(alias) && sddlAlias(alias) !== undefined) return { sid: alias.toUpperCase(), end: i + 2 };
  return undefined;
}

/** Reads one parenthesised ACE starting at `i` (nested parentheses and quoted strings of conditional ACEs allowed). */
function readAceString(text: string, i: number): { ace: string; end: number } | undefined {
  let depth = 0;
  let quote = false;
  for (let k = i; k < text.length; k++) {
    const c = text[k];
    if (quote) {
      if (c === '"') quote = false;
      continue;
    }
    if (c === '"') quote = true;
    else if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth === 0) return { ace: text.slice(i, k + 1), end: k + 1 };
    }
  }
  return undefined;
}

/** Splits "A;CI;RP;;;AU" on the semicolons that are not inside parentheses or quotes. */
function splitFields(body: string): string[] {
  const fields: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let k = 0; k < body.length; k++) {
    const c = body[k];
    if (quote) {
      if (c === '"') quote = false;
      continue;
    }
    if (c === '"') quote = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === ";" && depth === 0) {
      fields.push(body.slice(start, k));
      start = k + 1;
    }
  }
  fields.push(body.slice(start));
  return fields;
}

function guidField(raw: string, what: string, position: number, problems: SddlProblem[]): string | undefined {
  if (raw.trim() === "") return EMPTY_GUID;
  const guid = normalizeGuidText(raw);
  if (guid === undefined) problems.push({ position, message: `the ${what} "${raw.slice(0, 60)}" is not a GUID` });
  return guid;
}

function parseAce(aceText: string, position: number, doc: SddlDocument, inSacl: boolean): void {
  const fields = splitFields(aceText.slice(1, -1));
  const type = (fields[0] ?? "").trim().toUpperCase();
  if (SKIPPED_TYPES[type] !== undefined) {
    if (!inSacl) doc.notes.push(`ACE ${position} ${aceText.slice(0, 80)} is a ${SKIPPED_TYPES[type]} ACE, which the permission checks do not use; it was skipped.`);
    return;
  }
  if (inSacl) return;
  const kind = ACCESS_TYPES[type];
  if (kind === undefined) {
    doc.problems.push({ position, message: `"${type.slice(0, 10)}" is not an SDDL ACE type (A, D, OA, OD, or an audit/callback type)` });
    return;
  }
  if (fields.length < 6 || fields.length > 7) {
    doc.problems.push({ position, message: `an ACE has 6 fields separated by ";" (type;flags;rights;object;inherited object;trustee), this one has ${fields.length}` });
    return;
  }
  const before = doc.problems.length;
  const flags = fields[1].trim().toUpperCase();
  const codes = new Set<string>();
  if (flags.length % 2 !== 0) doc.problems.push({ position, message: `the ACE flags "${flags.slice(0, 20)}" are not two-letter codes (CI, OI, NP, IO, ID)` });
  else {
    for (let k = 0; k < flags.length; k += 2) {
      const code = flags.slice(k, k + 2);
      if (!FLAG_CODES.has(code)) doc.problems.push({ position, message: `"${code}" is not an SDDL ACE flag (CI, OI, NP, IO, ID, SA, FA)` });
      codes.add(code);
    }
  }
  const rights = parseSddlRights(fields[2]);
  if (!rights.ok) doc.problems.push({ position, message: rights.message });
  const objectType = guidField(fields[3], "object type", position, doc.problems);
  const inheritedObjectType = guidField(fields[4], "inherited object type", position, doc.problems);
  if (!kind.object && (objectType !== EMPTY_GUID || inheritedObjectType !== EMPTY_GUID)) {
    doc.problems.push({ position, message: `a ${type} ACE cannot carry object GUIDs (only OA and OD ACEs do)` });
  }
  const trusteeText = fields[5].trim();
  const trustee = readSid(trusteeText, 0);
  if (trustee === undefined || trustee.end !== trusteeText.length) {
    doc.problems.push({ position, message: `the trustee "${trusteeText.slice(0, 60)}" is neither a SID (S-1-…) nor an SDDL alias (AU, BA, DA, …)` });
  }
  if (fields.length === 7) doc.notes.push(`ACE ${position} carries an application data or condition field, which was ignored.`);
  if (doc.problems.length > before || !rights.ok || objectType === undefined || inheritedObjectType === undefined || trustee === undefined) return;
  doc.aces.push({
    position,
    text: aceText,
    accessType: kind.accessType,
    containerInherit: codes.has("CI"),
    objectInherit: codes.has("OI"),
    noPropagateInherit: codes.has("NP"),
    inheritOnly: codes.has("IO"),
    inherited: codes.has("ID"),
    rights: rights.mask,
    objectType,
    inheritedObjectType,
    trustee: trustee.sid,
  });
}

/** Drops whitespace outside double-quoted strings (linear). */
function withoutWhitespace(input: string): string {
  let out = "";
  let quote = false;
  for (const c of input) {
    if (c === '"') quote = !quote;
    if (!quote && /\s/.test(c)) continue;
    out += c;
  }
  return out;
}

/** Parses one security descriptor string. Never throws; problems are listed in the result. */
export function parseSddl(input: string): SddlDocument {
  const doc: SddlDocument = { hasDacl: false, daclFlags: [], daclAceCount: 0, aces: [], notes: [], problems: [] };
  // Whitespace outside quoted strings carries no meaning (and appears where a console wrapped the line).
  const text = withoutWhitespace(input);
  const seen = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const tag = text.slice(i, i + 2).toUpperCase();
    if (!["O:", "G:", "D:", "S:"].includes(tag)) {
      doc.problems.push({ message: `unexpected text "${text.slice(i, i + 30)}" at character ${i + 1} (expected O:, G:, D: or S:)` });
      return doc;
    }
    if (seen.has(tag)) {
      doc.problems.push({ message: `the ${tag} part appears twice` });
      return doc;
    }
    seen.add(tag);
    i += 2;
    if (tag === "O:" || tag === "G:") {
      const sid = readSid(text, i);
      if (sid === undefined) {
        doc.problems.push({ message: `the ${tag === "O:" ? "owner" : "group"} "${text.slice(i, i + 30)}" is neither a SID nor an SDDL alias` });
        return doc;
      }
      if (tag === "O:") doc.owner = sid.sid;
      else doc.group = sid.sid;
      i = sid.end;
      continue;
    }
    const inSacl = tag === "S:";
    const flags: string[] = [];
    for (;;) {
      const rest = text.slice(i);
      const flag = /^(?:NO_ACCESS_CONTROL|AI|AR|P)/i.exec(rest);
      if (!flag) break;
      flags.push(flag[0].toUpperCase());
      i += flag[0].length;
    }
    if (!inSacl) {
      doc.hasDacl = true;
      doc.daclFlags = flags;
      if (flags.includes("NO_ACCESS_CONTROL")) {
        doc.problems.push({ message: "the DACL is NO_ACCESS_CONTROL (a null DACL grants everyone full control); such an object cannot be judged entry by entry" });
        return doc;
      }
    } else doc.notes.push("The SACL (S:, audit entries) is not used by the permission checks; it was skipped.");
    let position = 0;
    while (text[i] === "(") {
      const ace = readAceString(text, i);
      if (ace === undefined) {
        doc.problems.push({ message: `an ACE starting at character ${i + 1} is not closed with ")" (the string may be cut off)` });
        return doc;
      }
      position++;
      parseAce(ace.ace, position, doc, inSacl);
      i = ace.end;
    }
    if (!inSacl) doc.daclAceCount = position;
  }
  return doc;
}
