import { isSidString, type Ace } from "@/lib/facts";
import { parseSddl } from "./sddl";
import { dnsNameOfDn, sddlAceToAce } from "./sddl-ace";

/**
 * A Get-Acl table that lacks columns (InheritanceType, IsInherited, …) pasted together with the object's SDDL:
 * Get-Acl lists the access rules in DACL order, so the table's rows are matched to the SDDL's ACEs in that order
 * (a filtered table is a subsequence), each match checked on access type, rights, object types and, where both
 * sides name the principal the same way, the principal. The SDDL then supplies what the table lacks.
 */

/** What a table row says about itself (undefined: the table has no such column, or the value is unreadable). */
export interface RowShape {
  accessType?: "allow" | "deny";
  rights?: number;
  objectType?: string;
  inheritedObjectType?: string;
  isInherited?: boolean;
  identity?: string;
}

export type SddlAces = { ok: true; aces: Ace[] } | { ok: false; message: string };

/** The usable DACL entries of an SDDL string, in order, with trustees named as for the target DN. */
export function sddlAcesOf(sddl: string, target: string | undefined): SddlAces {
  const doc = parseSddl(sddl);
  const fatal = doc.problems.find((p) => p.position === undefined);
  if (fatal !== undefined) return { ok: false, message: fatal.message };
  if (!doc.hasDacl) return { ok: false, message: "it has no DACL (D:) part" };
  const names = { domain: dnsNameOfDn(target) };
  const aces: Ace[] = [];
  for (const ace of doc.aces) {
    const built = sddlAceToAce(ace, names);
    if (built.ok === true) aces.push(built.ace);
  }
  return { ok: true, aces };
}

function accountPart(identity: string): string {
  const slash = identity.lastIndexOf("\\");
  return (slash === -1 ? identity : identity.slice(slash + 1)).trim().toLowerCase();
}

/** False only when both sides name the principal in the same form (both SIDs, or both names) and differ. */
export function sameTrustee(tableIdentity: string, sddlIdentity: string): boolean {
  const a = isSidString(tableIdentity);
  const b = isSidString(sddlIdentity);
  if (a !== b) return true;
  if (a) return tableIdentity.trim().toUpperCase() === sddlIdentity.trim().toUpperCase();
  return accountPart(tableIdentity) === accountPart(sddlIdentity);
}

function fits(row: RowShape, ace: Ace): boolean {
  return (
    (row.accessType === undefined || row.accessType === ace.accessType) &&
    (row.rights === undefined || row.rights === ace.rights) &&
    (row.objectType === undefined || row.objectType === ace.objectType) &&
    (row.inheritedObjectType === undefined || row.inheritedObjectType === ace.inheritedObjectType) &&
    (row.isInherited === undefined || row.isInherited === ace.isInherited) &&
    (row.identity === undefined || sameTrustee(row.identity, ace.identity))
  );
}

export interface SddlMatcher {
  /** The DACL entry for the next row, or undefined when none fits (the row keeps what the table says). */
  match(row: RowShape): Ace | undefined;
  readonly matched: number;
  readonly unmatched: number;
}

/** Matches rows in order: each row takes the first entry after the previous match that fits it. */
export function createSddlMatcher(aces: readonly Ace[]): SddlMatcher {
  let cursor = 0;
  let matched = 0;
  let unmatched = 0;
  return {
    match(row) {
      for (let k = cursor; k < aces.length; k++) {
        if (fits(row, aces[k])) {
          cursor = k + 1;
          matched++;
          return aces[k];
        }
      }
      unmatched++;
      return undefined;
    },
    get matched() {
      return matched;
    },
    get unmatched() {
      return unmatched;
    },
  };
}
