import { AD_RIGHTS } from "@/lib/facts";

/**
 * SDDL ace-rights (MS-DTYP §2.5.1.1): two-letter codes or an integer mask (decimal, 0x hex, or 0-prefixed octal, as
 * the Windows parser reads it) -> an ActiveDirectoryRights mask.
 *
 * Generic rights are mapped the way Active Directory maps them when it stores an ACE (GENERIC_ALL -> GenericAll
 * 0xF01FF, GENERIC_READ -> GenericRead 0x20094, ...), so "GA" and "CCDCLCSWRPWPDTLOCRSDRCWDWO" mean the same.
 * The file (FA/FR/FW/FX) and registry (KA/KR/KW/KX) codes are accepted with their documented masks.
 */

const GENERIC_ALL = 0x10000000;
const GENERIC_EXECUTE = 0x20000000;
const GENERIC_WRITE = 0x40000000;
const GENERIC_READ = 0x80000000;

export const SDDL_RIGHT_CODES: ReadonlyMap<string, number> = new Map([
  ["GA", GENERIC_ALL],
  ["GR", GENERIC_READ],
  ["GW", GENERIC_WRITE],
  ["GX", GENERIC_EXECUTE],
  ["RC", AD_RIGHTS.ReadControl],
  ["SD", AD_RIGHTS.Delete],
  ["WD", AD_RIGHTS.WriteDacl],
  ["WO", AD_RIGHTS.WriteOwner],
  ["RP", AD_RIGHTS.ReadProperty],
  ["WP", AD_RIGHTS.WriteProperty],
  ["CC", AD_RIGHTS.CreateChild],
  ["DC", AD_RIGHTS.DeleteChild],
  ["LC", AD_RIGHTS.ListChildren],
  ["SW", AD_RIGHTS.Self],
  ["LO", AD_RIGHTS.ListObject],
  ["DT", AD_RIGHTS.DeleteTree],
  ["CR", AD_RIGHTS.ExtendedRight],
  ["FA", 0x1f01ff],
  ["FR", 0x120089],
  ["FW", 0x120116],
  ["FX", 0x1200a0],
  ["KA", 0xf003f],
  ["KR", 0x20019],
  ["KW", 0x20006],
  ["KX", 0x20019],
]);

/** Generic bits -> what Active Directory stores for them (the ActiveDirectoryRights composites). */
export function mapGenericRights(mask: number): number {
  let out = (mask & ~(GENERIC_ALL | GENERIC_EXECUTE | GENERIC_WRITE | GENERIC_READ)) >>> 0;
  if (mask & GENERIC_ALL) out |= AD_RIGHTS.GenericAll;
  if (mask & GENERIC_READ) out |= AD_RIGHTS.GenericRead;
  if (mask & GENERIC_WRITE) out |= AD_RIGHTS.GenericWrite;
  if (mask & GENERIC_EXECUTE) out |= AD_RIGHTS.GenericExecute;
  return out >>> 0;
}

export type SddlRights = { ok: true; mask: number } | { ok: false; message: string };

/** "RPWPCR" / "0x30" / "48" -> mask. An empty string is no rights (0). */
export function parseSddlRights(text: string): SddlRights {
  const raw = text.trim();
  if (raw === "") return { ok: true, mask: 0 };
  let value: number | undefined;
  if (/^0x[0-9a-f]{1,8}$/i.test(raw)) value = Number.parseInt(raw.slice(2), 16);
  else if (/^0[0-7]+$/.test(raw)) value = Number.parseInt(raw.slice(1), 8);
  else if (/^\d{1,10}$/.test(raw)) value = Number(raw);
  if (value !== undefined) {
    if (value > 0xffffffff) return { ok: false, message: `the access mask ${raw} is larger than 32 bits` };
    return { ok: true, mask: mapGenericRights(value) };
  }
  if (raw.length % 2 !== 0 || !/^[A-Za-z]+$/.test(raw)) {
    return { ok: false, message: `"${raw.slice(0, 40)}" is neither two-letter right codes (e.g. RPWP) nor a number` };
  }
  let mask = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const code = raw.slice(i, i + 2).toUpperCase();
    const bits = SDDL_RIGHT_CODES.get(code);
    if (bits === undefined) return { ok: false, message: `"${code}" is not an SDDL right code (e.g. RP, WP, CR, GA)` };
    mask = (mask | bits) >>> 0;
  }
  return { ok: true, mask: mapGenericRights(mask) };
}
