import { AD_RIGHTS } from "@/lib/facts";

/**
 * dsacls permission text -> ActiveDirectoryRights bits: the words it prints ("READ PROPERTY", "FULL CONTROL", its own
 * misspelling "READ PERMISSONS") and the letter codes of its /G syntax ("RPWP", "GRGWCCDCSDDT").
 * Source: `dsacls /?` (cloud-sync-requirements.md §3.4 and §4b).
 */

const WORDS: ReadonlyMap<string, number> = new Map([
  ["FULL CONTROL", AD_RIGHTS.GenericAll],
  ["GENERIC ALL", AD_RIGHTS.GenericAll],
  ["GENERIC READ", AD_RIGHTS.GenericRead],
  ["READ", AD_RIGHTS.GenericRead],
  ["GENERIC WRITE", AD_RIGHTS.GenericWrite],
  ["WRITE", AD_RIGHTS.GenericWrite],
  ["GENERIC EXECUTE", AD_RIGHTS.GenericExecute],
  ["EXECUTE", AD_RIGHTS.GenericExecute],
  ["DELETE", AD_RIGHTS.Delete],
  ["DELETE TREE", AD_RIGHTS.DeleteTree],
  ["READ PERMISSIONS", AD_RIGHTS.ReadControl],
  ["READ PERMISSONS", AD_RIGHTS.ReadControl],
  ["WRITE PERMISSIONS", AD_RIGHTS.WriteDacl],
  ["CHANGE OWNERSHIP", AD_RIGHTS.WriteOwner],
  ["TAKE OWNERSHIP", AD_RIGHTS.WriteOwner],
  ["CREATE CHILD", AD_RIGHTS.CreateChild],
  ["DELETE CHILD", AD_RIGHTS.DeleteChild],
  ["LIST CONTENTS", AD_RIGHTS.ListChildren],
  ["LIST CHILDREN", AD_RIGHTS.ListChildren],
  ["WRITE SELF", AD_RIGHTS.Self],
  ["VALIDATED WRITE", AD_RIGHTS.Self],
  ["ALL VALIDATED WRITES", AD_RIGHTS.Self],
  ["READ PROPERTY", AD_RIGHTS.ReadProperty],
  ["WRITE PROPERTY", AD_RIGHTS.WriteProperty],
  ["LIST OBJECT", AD_RIGHTS.ListObject],
  ["CONTROL ACCESS", AD_RIGHTS.ExtendedRight],
  ["ALL EXTENDED RIGHTS", AD_RIGHTS.ExtendedRight],
  ["EXTENDED RIGHT", AD_RIGHTS.ExtendedRight],
  ["SYNCHRONIZE", AD_RIGHTS.Synchronize],
  ["ACCESS SYSTEM SECURITY", AD_RIGHTS.AccessSystemSecurity],
]);

const LETTERS: ReadonlyMap<string, number> = new Map([
  ["GR", AD_RIGHTS.GenericRead],
  ["GE", AD_RIGHTS.GenericExecute],
  ["GW", AD_RIGHTS.GenericWrite],
  ["GA", AD_RIGHTS.GenericAll],
  ["SD", AD_RIGHTS.Delete],
  ["DT", AD_RIGHTS.DeleteTree],
  ["RC", AD_RIGHTS.ReadControl],
  ["WD", AD_RIGHTS.WriteDacl],
  ["WO", AD_RIGHTS.WriteOwner],
  ["LC", AD_RIGHTS.ListChildren],
  ["CC", AD_RIGHTS.CreateChild],
  ["DC", AD_RIGHTS.DeleteChild],
  ["WS", AD_RIGHTS.Self],
  ["WP", AD_RIGHTS.WriteProperty],
  ["RP", AD_RIGHTS.ReadProperty],
  ["CA", AD_RIGHTS.ExtendedRight],
  ["LO", AD_RIGHTS.ListObject],
]);

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, " ").toUpperCase();
}

/** Rights bits of one dsacls permission phrase or letter-code string; undefined when it is neither. */
export function dsaclsRights(text: string): number | undefined {
  const phrase = normalize(text);
  const word = WORDS.get(phrase);
  if (word !== undefined) return word;
  const compact = text.trim();
  if (compact.length >= 2 && compact.length % 2 === 0 && /^[A-Z]+$/.test(compact)) {
    let mask = 0;
    for (let i = 0; i < compact.length; i += 2) {
      const bit = LETTERS.get(compact.slice(i, i + 2));
      if (bit === undefined) return undefined;
      mask |= bit;
    }
    return mask >>> 0;
  }
  return undefined;
}
