/**
 * ActiveDirectoryRights flags (System.DirectoryServices), as bit masks.
 * Source: dotnet/runtime ActiveDirectorySecurity.cs, see cloud-sync-requirements.md §3.5.
 */
export const AD_RIGHTS = {
  CreateChild: 0x1,
  DeleteChild: 0x2,
  ListChildren: 0x4,
  Self: 0x8,
  ReadProperty: 0x10,
  WriteProperty: 0x20,
  DeleteTree: 0x40,
  ListObject: 0x80,
  ExtendedRight: 0x100,
  Delete: 0x10000,
  ReadControl: 0x20000,
  GenericExecute: 0x20004,
  GenericWrite: 0x20028,
  GenericRead: 0x20094,
  WriteDacl: 0x40000,
  WriteOwner: 0x80000,
  GenericAll: 0xf01ff,
  Synchronize: 0x100000,
  AccessSystemSecurity: 0x1000000,
} as const;

export type AdRightName = keyof typeof AD_RIGHTS;

/** Every bit an ActiveDirectoryRights value can carry. */
export const ALL_RIGHTS_BITS = Object.values(AD_RIGHTS).reduce((mask, value) => (mask | value) >>> 0, 0);

/** Rights that only read (used to grade excess grants as low risk). */
export const READ_ONLY_RIGHTS =
  (AD_RIGHTS.ListChildren | AD_RIGHTS.ReadProperty | AD_RIGHTS.ListObject | AD_RIGHTS.ReadControl) >>> 0;

/** Rights that change the ACL or the owner: the most dangerous excess. */
export const SECURITY_RIGHTS = (AD_RIGHTS.WriteDacl | AD_RIGHTS.WriteOwner) >>> 0;

/** Names sorted by value, largest first: the order .NET's flags formatter consumes them. */
const NAMES_BY_VALUE_DESC = (Object.entries(AD_RIGHTS) as [AdRightName, number][]).sort((a, b) => b[1] - a[1]);

/** True when `granted` holds every bit of `required` (bitmask superset; GenericAll ⊇ everything). */
export function covers(granted: number, required: number): boolean {
  return ((granted & required) >>> 0) === required >>> 0;
}

/** The bits of `required` that `granted` lacks. */
export function missingBits(granted: number, required: number): number {
  return (required & ~granted) >>> 0;
}

/**
 * Names for a mask the way .NET prints a [Flags] enum ("CreateChild, Self, WriteProperty, ExtendedRight,
 * GenericRead, WriteDacl, WriteOwner"): composites are used when fully contained, listed by ascending value.
 * Bits no name accounts for are appended as a hex number.
 */
export function rightsToNames(mask: number): string[] {
  let rest = mask >>> 0;
  if (rest === 0) return [];
  const picked: [string, number][] = [];
  for (const [name, value] of NAMES_BY_VALUE_DESC) {
    if (rest === 0) break;
    if (((rest & value) >>> 0) === value) {
      picked.push([name, value]);
      rest = (rest & ~value) >>> 0;
    }
  }
  const names = picked.sort((a, b) => a[1] - b[1]).map(([name]) => name);
  if (rest !== 0) names.push(`0x${rest.toString(16)}`);
  return names;
}

/** "ReadProperty, WriteProperty" for evidence. */
export function rightsLabel(mask: number): string {
  const names = rightsToNames(mask);
  return names.length === 0 ? "(none)" : names.join(", ");
}

const NAME_LOOKUP = new Map<string, number>(
  (Object.entries(AD_RIGHTS) as [AdRightName, number][]).map(([name, value]) => [name.toLowerCase(), value]),
);

/**
 * Parses "ReadProperty, WriteProperty" (Export-Csv / Format-Table) or a number ("983551", "0xF01FF").
 * Returns null when any part is not a known right.
 */
export function rightsFromText(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) >>> 0;
  if (/^0x[0-9a-f]+$/i.test(trimmed)) return Number.parseInt(trimmed.slice(2), 16) >>> 0;
  let mask = 0;
  for (const part of trimmed.split(/[,|]/)) {
    const value = NAME_LOOKUP.get(part.trim().toLowerCase());
    if (value === undefined) return null;
    mask = (mask | value) >>> 0;
  }
  return mask;
}

/** The single-bit flags a mask is made of (composites decomposed), ascending. */
export function singleBits(mask: number): number[] {
  const bits: number[] = [];
  let rest = mask >>> 0;
  for (let bit = 1; rest !== 0 && bit <= 0x80000000; bit = bit * 2) {
    if ((rest & bit) !== 0) {
      bits.push(bit);
      rest = (rest & ~bit) >>> 0;
    }
  }
  return bits;
}

/** dsacls permission letters (from `dsacls /?`), composites first. */
const DSACLS_LETTERS: [string, number][] = [
  ["GA", AD_RIGHTS.GenericAll],
  ["GR", AD_RIGHTS.GenericRead],
  ["GW", AD_RIGHTS.GenericWrite],
  ["GE", AD_RIGHTS.GenericExecute],
  ["SD", AD_RIGHTS.Delete],
  ["DT", AD_RIGHTS.DeleteTree],
  ["RC", AD_RIGHTS.ReadControl],
  ["WD", AD_RIGHTS.WriteDacl],
  ["WO", AD_RIGHTS.WriteOwner],
  ["LC", AD_RIGHTS.ListChildren],
  ["CC", AD_RIGHTS.CreateChild],
  ["DC", AD_RIGHTS.DeleteChild],
  ["WS", AD_RIGHTS.Self],
  ["RP", AD_RIGHTS.ReadProperty],
  ["WP", AD_RIGHTS.WriteProperty],
  ["CA", AD_RIGHTS.ExtendedRight],
  ["LO", AD_RIGHTS.ListObject],
];

/** dsacls letters for a mask, e.g. CreateChild|DeleteChild -> "CCDC", GenericAll -> "GA". Unrepresentable bits are dropped. */
export function toDsaclsLetters(mask: number): string {
  let rest = mask >>> 0;
  let letters = "";
  for (const [letter, value] of DSACLS_LETTERS) {
    if (rest !== 0 && ((rest & value) >>> 0) === value) {
      letters += letter;
      rest = (rest & ~value) >>> 0;
    }
  }
  return letters;
}
