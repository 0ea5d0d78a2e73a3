import { AD_RIGHTS, type InheritanceType } from "@/lib/facts";
import { displayValue, shownValue } from "../text/display";

/**
 * Enum encodings of System.DirectoryServices.ActiveDirectoryAccessRule properties, as numbers (ConvertTo-Json)
 * or names (Export-Csv, Format-Table, -EnumsAsStrings). Source: cloud-sync-requirements.md §3.5.
 */

/** ActiveDirectoryRights names (lower-case, no separators) -> mask, from the shared vocabulary in lib/facts/ad. */
const RIGHTS_BY_KEY: ReadonlyMap<string, number> = new Map(Object.entries(AD_RIGHTS).map(([name, mask]) => [name.toLowerCase(), mask]));

export type EnumParse<T> = { ok: true; value: T } | { ok: false; message: string };

function numeric(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  return undefined;
}

function words(value: string): string[] {
  return value
    .split(/[,|]/)
    .map((w) => w.trim())
    .filter((w) => w !== "");
}

function wordKey(word: string): string {
  return word.toLowerCase().replace(/[\s_-]/g, "");
}

/** "CreateChild, Self, WriteProperty, ExtendedRight, GenericRead" / 983551 / "0xF01FF" -> bitmask. */
export function parseAdRights(value: unknown): EnumParse<number> {
  const n = numeric(value);
  if (n !== undefined) {
    return n >= 0 && n <= 0xffffffff ? { ok: true, value: n } : { ok: false, message: `${n} is not an ActiveDirectoryRights value` };
  }
  if (typeof value !== "string" || value.trim() === "") return { ok: false, message: "ActiveDirectoryRights is empty" };
  let mask = 0;
  for (const word of words(value)) {
    const key = wordKey(word);
    const bit = RIGHTS_BY_KEY.get(key);
    if (bit === undefined) return { ok: false, message: `${displayValue(word, 40)} is not an ActiveDirectoryRights name (e.g. ReadProperty, GenericAll)` };
    mask |= bit;
  }
  return { ok: true, value: mask >>> 0 };
}

const INHERITANCE: readonly InheritanceType[] = ["None", "All", "Descendents", "SelfAndChildren", "Children"];

/** ActiveDirectorySecurityInheritance: None 0, All 1, Descendents 2, SelfAndChildren 3, Children 4 ("Descendants" accepted). */
export function parseInheritanceType(value: unknown): EnumParse<InheritanceType> {
  const n = numeric(value);
  if (n !== undefined) {
    const found = INHERITANCE[n];
    return found === undefined ? { ok: false, message: `${n} is not an InheritanceType (0-4)` } : { ok: true, value: found };
  }
  if (typeof value === "string") {
    const key = value.trim().toLowerCase().replace(/\s/g, "");
    const normalized = key === "descendants" ? "descendents" : key;
    const found = INHERITANCE.find((t) => t.toLowerCase() === normalized);
    if (found !== undefined) return { ok: true, value: found };
  }
  return { ok: false, message: `${shownValue(value)} is not an InheritanceType (None, All, Descendents, SelfAndChildren, Children)` };
}

/** AccessControlType: Allow 0, Deny 1. */
export function parseAccessType(value: unknown): EnumParse<"allow" | "deny"> {
  const n = numeric(value);
  if (n === 0) return { ok: true, value: "allow" };
  if (n === 1) return { ok: true, value: "deny" };
  if (typeof value === "string") {
    const key = value.trim().toLowerCase();
    if (key === "allow" || key === "accessallowed" || key === "allowed") return { ok: true, value: "allow" };
    if (key === "deny" || key === "accessdenied" || key === "denied") return { ok: true, value: "deny" };
  }
  return { ok: false, message: `${shownValue(value)} is not an AccessControlType (Allow or Deny)` };
}

/** ObjectAceFlags: None 0, ObjectAceTypePresent 1, InheritedObjectAceTypePresent 2. */
export function parseObjectFlags(value: unknown): EnumParse<number> {
  const n = numeric(value);
  if (n !== undefined) return n >= 0 && n <= 3 ? { ok: true, value: n } : { ok: false, message: `${n} is not an ObjectFlags value (0-3)` };
  if (typeof value !== "string") return { ok: false, message: "ObjectFlags is empty" };
  let mask = 0;
  for (const word of words(value)) {
    const key = wordKey(word);
    if (key === "none") continue;
    if (key === "objectacetypepresent") mask |= 1;
    else if (key === "inheritedobjectacetypepresent") mask |= 2;
    else return { ok: false, message: `${displayValue(word, 40)} is not an ObjectFlags name` };
  }
  return { ok: true, value: mask };
}

/** InheritanceFlags: None 0, ContainerInherit 1, ObjectInherit 2. */
export function parseInheritanceFlags(value: unknown): EnumParse<number> {
  const n = numeric(value);
  if (n !== undefined) return n >= 0 && n <= 3 ? { ok: true, value: n } : { ok: false, message: `${n} is not an InheritanceFlags value` };
  if (typeof value !== "string") return { ok: false, message: "InheritanceFlags is empty" };
  let mask = 0;
  for (const word of words(value)) {
    const key = wordKey(word);
    if (key === "none") continue;
    if (key === "containerinherit") mask |= 1;
    else if (key === "objectinherit") mask |= 2;
    else return { ok: false, message: `${displayValue(word, 40)} is not an InheritanceFlags name` };
  }
  return { ok: true, value: mask };
}

/** PropagationFlags: None 0, NoPropagateInherit 1, InheritOnly 2. */
export function parsePropagationFlags(value: unknown): EnumParse<number> {
  const n = numeric(value);
  if (n !== undefined) return n >= 0 && n <= 3 ? { ok: true, value: n } : { ok: false, message: `${n} is not a PropagationFlags value` };
  if (typeof value !== "string") return { ok: false, message: "PropagationFlags is empty" };
  let mask = 0;
  for (const word of words(value)) {
    const key = wordKey(word);
    if (key === "none") continue;
    if (key === "nopropagateinherit") mask |= 1;
    else if (key === "inheritonly") mask |= 2;
    else return { ok: false, message: `${displayValue(word, 40)} is not a PropagationFlags name` };
  }
  return { ok: true, value: mask };
}

/** (InheritanceFlags, PropagationFlags) -> ActiveDirectorySecurityInheritance, as System.DirectoryServices maps them. */
export function inheritanceFromFlags(inheritanceFlags: number, propagationFlags: number): InheritanceType {
  if ((inheritanceFlags & 1) === 0) return "None";
  const noPropagate = (propagationFlags & 1) !== 0;
  const inheritOnly = (propagationFlags & 2) !== 0;
  if (noPropagate && inheritOnly) return "Children";
  if (noPropagate) return "SelfAndChildren";
  if (inheritOnly) return "Descendents";
  return "All";
}
