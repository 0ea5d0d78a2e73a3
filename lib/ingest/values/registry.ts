import { parseNonNegativeInteger } from "./numbers";
import { displayValue } from "../text/display";

export type DwordParse = { ok: true; value: number | null } | { ok: false; message: string };

/** Words tools print for a registry value or key that does not exist (Get-ADSyncToolsTls12RegValue says "Not Found"). */
const ABSENT = /^(not\s*found|notfound|absent|missing|not\s*present|not\s*set|null|\(null\)|<null>|n\/a|none|-)$/i;

/** A DWORD as exported: "1", "0x00000001", 1; "Not Found" / null -> null (collected, absent). */
export function parseDword(value: unknown): DwordParse {
  if (value === null) return { ok: true, value: null };
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 0 && value <= 0xffffffff
      ? { ok: true, value }
      : { ok: false, message: `${value} is not a registry DWORD (0 to 4294967295)` };
  }
  if (typeof value !== "string") return { ok: false, message: "expected a number" };
  const text = value.trim();
  if (ABSENT.test(text)) return { ok: true, value: null };
  const parsed = parseNonNegativeInteger(text.replace(/\s*\(.*\)$/, ""));
  if (parsed === undefined || parsed > 0xffffffff) {
    return { ok: false, message: `${displayValue(text)} is not a registry DWORD; expected a number such as 1 or 0x00000001, or "Not Found"` };
  }
  return { ok: true, value: parsed };
}
