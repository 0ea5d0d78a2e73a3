import { EMPTY_GUID, type AceInheritance } from "@/lib/facts";
import { propertySetMembers } from "@/lib/facts";
import { covers } from "@/lib/facts";

/**
 * Does an ACE cover a required permission? (cloud-sync-requirements.md §3.5, "Rule-engine guidance")
 *
 * - Rights: bitmask superset (GenericAll ⊇ everything; GenericRead ⊇ ReadProperty).
 * - ObjectType: EMPTY on the ACE means all properties / all extended rights / all child classes; a specific
 *   GUID covers only that property, right or child class (CreateChild/DeleteChild: the child class), or the
 *   attributes of that property set.
 * - Inheritance is coverage: None -> this object only; All -> this object and every descendant;
 *   Descendents -> every descendant; SelfAndChildren / Children -> one level of children only, which does
 *   NOT cover all descendants (objects in nested OUs would be missed).
 * - InheritedObjectType: EMPTY reaches every class; class X reaches only descendants of class X. An ACE with
 *   an InheritedObjectType is inherit-only, so it never applies to the target object itself (dsacls semantics).
 * - Inheritance "unknown" (the export lacked the columns): the ACE "maybe" reaches a part it could reach. It never
 *   covers on its own terms; maybeCoverage says whether it could, which the rules answer as Unknown.
 */

export type Applies = "this-object" | "descendants" | "this-and-descendants";
/** One half of where a permission applies. "this-and-descendants" is checked as both parts. */
export type Part = "this-object" | "descendants";

/** What a permission asks for (or, for the excess check, what an ACE grants). */
export interface PermissionShape {
  rights: number;
  /** EMPTY_GUID = all properties / extended rights / child classes. */
  objectType: string;
  /** Class of descendants it applies to; EMPTY_GUID = every class. Ignored for "this-object". */
  inheritedObjectType: string;
  /** Other classes accepted in place of inheritedObjectType (device: X.500 device or msDS-Device). */
  alternativeInheritedObjectTypes?: readonly string[];
  applies: Applies;
}

/** The parts of an ACE the coverage test reads. */
export interface GrantShape {
  rights: number;
  objectType: string;
  inheritedObjectType: string;
  inheritanceType: AceInheritance;
}

/** "maybe": the ACE's inheritance is unknown, and it would reach the part with some inheritance. */
export type Reach = "full" | "one-level" | "maybe" | "none";

export function partsOf(applies: Applies): Part[] {
  if (applies === "this-and-descendants") return ["this-object", "descendants"];
  return [applies];
}

function permissionClasses(perm: PermissionShape): string[] {
  return [perm.inheritedObjectType, ...(perm.alternativeInheritedObjectTypes ?? [])];
}

/** Whether the ACE's inheritance takes it to the part of the tree the permission needs. */
export function reachOf(grant: GrantShape, part: Part, perm: PermissionShape): Reach {
  if (part === "this-object") {
    if (grant.inheritanceType === "unknown") return grant.inheritedObjectType === EMPTY_GUID ? "maybe" : "none";
    const appliesToSelf = grant.inheritanceType === "None" || grant.inheritanceType === "All" || grant.inheritanceType === "SelfAndChildren";
    return appliesToSelf && grant.inheritedObjectType === EMPTY_GUID ? "full" : "none";
  }
  const classOk =
    perm.inheritedObjectType === EMPTY_GUID
      ? grant.inheritedObjectType === EMPTY_GUID
      : grant.inheritedObjectType === EMPTY_GUID || permissionClasses(perm).includes(grant.inheritedObjectType);
  if (!classOk) return "none";
  switch (grant.inheritanceType) {
    case "unknown":
      return "maybe";
    case "All":
    case "Descendents":
      return "full";
    case "SelfAndChildren":
    case "Children":
      return "one-level";
    default:
      return "none";
  }
}

/** Whether the ACE's ObjectType covers the permission's ObjectType. */
export function objectTypeCovers(grantObjectType: string, permObjectType: string): boolean {
  if (grantObjectType === EMPTY_GUID || grantObjectType === permObjectType) return true;
  return propertySetMembers(grantObjectType).includes(permObjectType);
}

/**
 * True when the ACE reaches this part further than the documented form does (an ACE for every class
 * instead of one class, or one that also applies to the object itself) — reported as covered-by-inheritance.
 */
export function isBroaderThanDocumented(grant: GrantShape, part: Part, perm: PermissionShape): boolean {
  if (part === "this-object") return perm.applies === "this-object" && grant.inheritanceType !== "None";
  if (perm.inheritedObjectType !== EMPTY_GUID && grant.inheritedObjectType === EMPTY_GUID) return true;
  return perm.applies === "descendants" && grant.inheritanceType === "All";
}

/** True when this one ACE alone covers the part of the permission. */
export function aceCovers(grant: GrantShape, perm: PermissionShape, part: Part): boolean {
  return (
    reachOf(grant, part, perm) === "full" && objectTypeCovers(grant.objectType, perm.objectType) && covers(grant.rights, perm.rights)
  );
}

export interface UnionCoverage<G extends GrantShape> {
  covered: boolean;
  /** The fewest ACEs found (greedily) whose rights together cover the permission; empty when not covered. */
  contributing: G[];
  /** Required bits no ACE supplies. */
  missingRights: number;
}

/**
 * Coverage by several ACEs together: CreateChild from one ACE and DeleteChild from another still cover
 * "Create/delete User objects". Only ACEs that fully reach the part and match the ObjectType count.
 */
export function unionCoverage<G extends GrantShape>(grants: readonly G[], perm: PermissionShape, part: Part): UnionCoverage<G> {
  const candidates = grants.filter(
    (g) => reachOf(g, part, perm) === "full" && objectTypeCovers(g.objectType, perm.objectType) && (g.rights & perm.rights) !== 0,
  );
  const required = perm.rights >>> 0;
  let have = 0;
  const contributing: G[] = [];
  const pool = [...candidates];
  while (!covers(have, required) && pool.length > 0) {
    // Pick the ACE adding the most missing bits (ties: the earliest ACE).
    let best = -1;
    let bestGain = 0;
    pool.forEach((g, i) => {
      const gain = popcount((g.rights & required & ~have) >>> 0);
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    });
    if (best < 0) break;
    const [chosen] = pool.splice(best, 1);
    contributing.push(chosen);
    have = (have | (chosen.rights & required)) >>> 0;
  }
  const covered = covers(have, required);
  return { covered, contributing: covered ? contributing : [], missingRights: (required & ~have) >>> 0 };
}

function popcount(mask: number): number {
  let count = 0;
  let rest = mask >>> 0;
  while (rest !== 0) {
    rest = (rest & (rest - 1)) >>> 0;
    count += 1;
  }
  return count;
}

export interface DenyEffect {
  cancels: boolean;
  /** The deny removes only part of the permission (some rights, one property, one class, or one level). */
  partial: boolean;
  /** The deny's inheritance is unknown: it cancels only if it reaches this part. */
  uncertain?: boolean;
}

/**
 * Whether a Deny ACE takes away (some of) a permission on this part, on its own terms. ACE order is the caller's:
 * analyze.ts drops a Deny that an Allow evaluated before it already outranks (DACL order, or canonical order when
 * the export lost it).
 */
export function denyEffect(deny: GrantShape, perm: PermissionShape, part: Part): DenyEffect {
  const none: DenyEffect = { cancels: false, partial: false };
  const overlap = (deny.rights & perm.rights) >>> 0;
  if (overlap === 0) return none;

  let objectPartial = false;
  if (!objectTypeCovers(deny.objectType, perm.objectType)) {
    if (perm.objectType !== EMPTY_GUID) return none;
    objectPartial = true; // denies one property / right / child class out of "all"
  }

  let reachPartial = false;
  const uncertain = deny.inheritanceType === "unknown";
  if (part === "this-object") {
    const reach = reachOf(deny, part, perm);
    if (reach !== "full" && reach !== "maybe") return none;
  } else {
    if (perm.inheritedObjectType === EMPTY_GUID) {
      if (deny.inheritedObjectType !== EMPTY_GUID) reachPartial = true;
    } else if (deny.inheritedObjectType !== EMPTY_GUID && !permissionClasses(perm).includes(deny.inheritedObjectType)) {
      return none;
    }
    if (deny.inheritanceType === "None") return none;
    if (deny.inheritanceType === "SelfAndChildren" || deny.inheritanceType === "Children") reachPartial = true;
  }
  const effect: DenyEffect = { cancels: true, partial: objectPartial || reachPartial || overlap !== perm.rights >>> 0 };
  if (uncertain) effect.uncertain = true;
  return effect;
}

export interface MaybeCoverage<G extends GrantShape> {
  /** The part would be covered if the ACEs with unknown inheritance reach it. */
  covered: boolean;
  /** Those ACEs (the ones the answer depends on). */
  undetermined: G[];
}

/**
 * Coverage when ACEs with unknown inheritance are assumed to reach every part they could: called after
 * unionCoverage found no cover, so `covered` here means "Unknown", never a pass.
 */
export function maybeCoverage<G extends GrantShape>(grants: readonly G[], perm: PermissionShape, part: Part): MaybeCoverage<G> {
  const assumed = grants.map((g) => ({ grant: g, shape: g.inheritanceType === "unknown" && reachOf(g, part, perm) === "maybe" ? { ...g, inheritanceType: "All" as const } : g }));
  const result = unionCoverage(
    assumed.map((a) => ({ ...a.shape, item: a.grant })),
    perm,
    part,
  );
  const undetermined = result.contributing.map((c) => c.item).filter((g) => g.inheritanceType === "unknown");
  return { covered: result.covered && undetermined.length > 0, undetermined };
}
