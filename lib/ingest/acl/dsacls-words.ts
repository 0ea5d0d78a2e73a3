import { AD_RIGHTS } from "./enums";

/**
 * dsacls permission text -> ActiveDirectoryRights bits: the words it prints ("READ PROPERTY", "FULL CONTROL", its own
 * misspelling "READ PERMISSONS") and the letter codes of its /G syntax ("RPWP", "GRGWCCDCSDDT").
 * Source: `dsacls /?` (cloud-sync-requirements.md §3.4 and §4b).
 */

const WORDS: ReadonlyMap<string, number> = new Map([
  ["FULL CONTROL", AD_RIGHTS.genericall],
  ["GENERIC ALL", AD_RIGHTS.genericall],
  ["GENERIC READ", AD_RIGHTS.genericread],
  ["READ", AD_RIGHTS.genericread],
  ["GENERIC WRITE", AD_RIGHTS.genericwrite],
  ["WRITE", AD_RIGHTS.genericwrite],
  ["GENERIC EXECUTE", AD_RIGHTS.genericexecute],
  ["EXECUTE", AD_RIGHTS.genericexecute],
  ["DELETE", AD_RIGHTS.delete],
  ["DELETE TREE", AD_RIGHTS.deletetree],
  ["READ PERMISSIONS", AD_RIGHTS.readcontrol],
  ["READ PERMISSONS", AD_RIGHTS.readcontrol],
  ["WRITE PERMISSIONS", AD_RIGHTS.writedacl],
  ["CHANGE OWNERSHIP", AD_RIGHTS.writeowner],
  ["TAKE OWNERSHIP", AD_RIGHTS.writeowner],
  ["CREATE CHILD", AD_RIGHTS.createchild],
  ["DELETE CHILD", AD_RIGHTS.deletechild],
  ["LIST CONTENTS", AD_RIGHTS.listchildren],
  ["LIST CHILDREN", AD_RIGHTS.listchildren],
  ["WRITE SELF", AD_RIGHTS.self],
  ["VALIDATED WRITE", AD_RIGHTS.self],
  ["ALL VALIDATED WRITES", AD_RIGHTS.self],
  ["READ PROPERTY", AD_RIGHTS.readproperty],
  ["WRITE PROPERTY", AD_RIGHTS.writeproperty],
  ["LIST OBJECT", AD_RIGHTS.listobject],
  ["CONTROL ACCESS", AD_RIGHTS.extendedright],
  ["ALL EXTENDED RIGHTS", AD_RIGHTS.extendedright],
  ["EXTENDED RIGHT", AD_RIGHTS.extendedright],
  ["SYNCHRONIZE", AD_RIGHTS.synchronize],
  ["ACCESS SYSTEM SECURITY", AD_RIGHTS.accesssystemsecurity],
]);

const LETTERS: ReadonlyMap<string, number> = new Map([
  ["GR", AD_RIGHTS.genericread],
  ["GE", AD_RIGHTS.genericexecute],
  ["GW", AD_RIGHTS.genericwrite],
  ["GA", AD_RIGHTS.genericall],
  ["SD", AD_RIGHTS.delete],
  ["DT", AD_RIGHTS.deletetree],
  ["RC", AD_RIGHTS.readcontrol],
  ["WD", AD_RIGHTS.writedacl],
  ["WO", AD_RIGHTS.writeowner],
  ["LC", AD_RIGHTS.listchildren],
  ["CC", AD_RIGHTS.createchild],
  ["DC", AD_RIGHTS.deletechild],
  ["WS", AD_RIGHTS.self],
  ["WP", AD_RIGHTS.writeproperty],
  ["RP", AD_RIGHTS.readproperty],
  ["CA", AD_RIGHTS.extendedright],
  ["LO", AD_RIGHTS.listobject],
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
