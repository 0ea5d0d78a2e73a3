import { EMPTY_GUID, type AceInheritance, type AclFacts, type DomainFacts, type InheritanceType } from "@/lib/facts";
import {
  aceCovers,
  denyEffect,
  isBroaderThanDocumented,
  maybeCoverage,
  objectTypeCovers,
  partsOf,
  reachOf,
  unionCoverage,
  type Applies,
  type Part,
  type PermissionShape,
} from "./coverage";
import { aceSummary, appliesText, classText } from "./describe";
import { guidEntry, schemaEntryForRights } from "@/lib/facts";
import { normalizeAces, type NormalizedAce, type SkippedAce, type UnresolvedNames } from "./normalize";
import { mayDeny, mayGrant, unresolvedWords } from "./unresolved";
import { exchangeClassName } from "./exchange-schema";
import { createIdentityResolver, isBroadWellKnownGroup, parsePrincipal, samePrincipal, type IdentityMatch } from "./principal";
import { ALLOWED_GRANTS, REQUIRED_PERMISSIONS, type PermissionSetId, type RequiredPermission } from "./required";
import { covers, READ_ONLY_RIGHTS, rightsLabel, rightsToNames, singleBits } from "@/lib/facts";
import { AD_RIGHTS, TOKEN_GROUP_NAMES, TOKEN_GROUP_SIDS } from "@/lib/facts";

/**
 * analyzeAcl: the gMSA's documented permissions versus the ACEs found on the exported ACL.
 * The result is a plain-JSON DTO: the rules read it, and the UI renders it as the
 * "required permissions vs found" table.
 */

/**
 * - present: granted to the gMSA itself, by explicit ACE(s) shaped like the documented grant.
 * - covered-by-inheritance: granted to the gMSA itself, but only through an ACE inherited from a parent or one
 *   whose inheritance reaches further than documented (every class instead of one; this object as well).
 * - covered-by-group: only through ACE(s) granted to a group the gMSA is a member of (membership data required).
 * - missing: no ACE, or only ACEs that do not reach far enough (e.g. one level of children only).
 * - unknown: it depends on ACEs whose inheritance the export did not carry (a table without InheritanceType): they
 *   would cover it, or a Deny among them would take it away, depending on where they apply. Never a pass or a fail.
 * - denied: a Deny ACE for the gMSA or one of its groups takes away (some of) the permission.
 */
export type PermissionStatus = "present" | "covered-by-inheritance" | "covered-by-group" | "unknown" | "missing" | "denied";

/** Statuses under which the permission is effectively held. */
export const SATISFIED_STATUSES: readonly PermissionStatus[] = ["present", "covered-by-inheritance", "covered-by-group"];

export function isSatisfied(status: PermissionStatus): boolean {
  return SATISFIED_STATUSES.includes(status);
}

/** One ACE as shown in evidence and the UI. */
export interface AceView {
  /** Position in acl.aces. */
  index: number;
  identity: string;
  /** Group chain when the ACE reaches the subject through membership; null when granted to it directly. */
  via: string[] | null;
  accessType: "allow" | "deny";
  rights: number;
  rightsNames: string[];
  objectType: string;
  objectTypeName: string | null;
  inheritedObjectType: string;
  inheritedObjectTypeName: string | null;
  inheritanceType: AceInheritance;
  isInherited: boolean;
  /** Names in no default schema the export printed in place of ObjectType / InheritedObjectType (normalize.ts). */
  unresolved?: UnresolvedNames;
  summary: string;
}

export interface PermissionFinding {
  id: string;
  set: PermissionSetId;
  /** "Read all properties — Descendant User objects". */
  label: string;
  access: string;
  appliesTo: string;
  required: {
    rights: number;
    rightsNames: string[];
    objectType: string;
    objectTypeName: string | null;
    /** The class(es) accepted for descendants; [EMPTY_GUID] = every class. */
    inheritedObjectTypes: string[];
    inheritedObjectTypeNames: string[];
    applies: Applies;
    /** "all descendant user objects". */
    appliesText: string;
  };
  status: PermissionStatus;
  /** ACEs that together grant it (empty when missing). */
  satisfiedBy: AceView[];
  /** Deny ACEs that take it away; `partial` when they remove only some rights, properties, classes or levels. */
  deniedBy: { ace: AceView; partial: boolean }[];
  /** Status "denied" and every Deny removes only part of it: the rules judge that a warning, not a blocker. */
  deniedPartly: boolean;
  /** Deny ACEs that overlap it but lose to an Allow evaluated before them (ACE order): they take nothing away. */
  outrankedDenies: AceView[];
  /**
   * ACEs with unknown inheritance the status depends on (status "unknown"): Allows that would cover it, or Denies that
   * would take it away, depending on where they apply.
   */
  undetermined: AceView[];
  /** Uncertainties and near misses ("reaches immediate children only", "granted to a group, membership unknown"). */
  notes: string[];
  /**
   * When missing and no membership data was supplied: identities of ACEs that would cover the permission if
   * the gMSA were a member (privileged and built-in groups left out).
   */
  unverifiedGroupGrants: string[];
  /**
   * ACEs of the gMSA or its groups naming something in no default schema that could change this finding
   * (unresolved.ts): an Allow that could supply it while missing, a Deny that could take it away while held.
   * The status is then "unknown".
   */
  unresolvedBy: AceView[];
}

export interface ExcessFinding {
  ace: AceView;
  /** The rights beyond the documented set. */
  excessRights: number;
  excessRightsNames: string[];
  /** high: can change objects, ACLs or owners; low: read-only rights. */
  risk: "high" | "low";
  reason: string;
}

export interface DenyFinding {
  ace: AceView;
  /** Why this Deny is harmless whatever it overlaps ("protect from accidental deletion"); absent otherwise. */
  harmless?: string;
  /** Required permissions it overlaps but that an Allow evaluated before it already grants (ACE order). */
  outranked: { permissionId: string; label: string }[];
  /** Required permissions this deny takes away (empty when it touches none of them). */
  cancels: { permissionId: string; label: string; partial: boolean }[];
  /** Required permissions it may take away: its inheritance is unknown, so whether it reaches them is too. */
  maybeCancels: { permissionId: string; label: string }[];
}

export interface AclAnalysis {
  version: 1;
  targetDn: string | null;
  /** domain.distinguishedName, when known. */
  domainRootDn: string | null;
  /** False when the export is not for the domain root (the documented permissions live there); null when unknown. */
  targetIsDomainRoot: boolean | null;
  /** The gMSA judged, e.g. "CORP\\provAgentgMSA$". */
  account: string | null;
  /** Where the account came from. */
  accountSource: "acl.account" | "domain.gmsa" | null;
  accountSid: string | null;
  membership: {
    dataPresent: boolean;
    accountEntryFound: boolean;
    groups: { name: string; via: string[] }[];
  };
  aceCount: number;
  /** ACEs granted or denied to the gMSA or (with membership data) its groups. */
  accountAces: AceView[];
  permissions: PermissionFinding[];
  excess: ExcessFinding[];
  /**
   * ACEs with unknown inheritance that grant more than the documented set under some inheritance but not under every
   * one: whether they are excess is unknown. (Those excess under every inheritance are in `excess`.)
   */
  undeterminedExcess: { ace: AceView; excessRightsNames: string[]; reason: string }[];
  denies: DenyFinding[];
  /** ACEs of the gMSA or its groups naming something in no default schema; none of the checks above reads them. */
  unresolvedAces: AceView[];
  /** Unresolved Allow ACEs that grant more than documented unless their name is a documented grant's object. */
  unresolvedExcess: { ace: AceView; reason: string }[];
  /** Unresolved Deny ACEs and the required permissions they could take away. */
  unresolvedDenies: { ace: AceView; mayCancel: { permissionId: string; label: string }[] }[];
  skippedAces: SkippedAce[];
  warnings: string[];
}

interface Classified {
  ace: NormalizedAce;
  match: IdentityMatch;
  view: AceView;
}

const STATUS_RANK: Record<PermissionStatus, number> = {
  present: 0,
  "covered-by-inheritance": 1,
  "covered-by-group": 2,
  unknown: 3,
  missing: 4,
  denied: 5,
};

function str(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** "DC=Corp, DC=Contoso,DC=com" -> "dc=corp,dc=contoso,dc=com". */
export function normalizeDn(dn: string): string {
  return dn
    .split(/(?<!\\),/)
    .map((part) => part.trim().replace(/\s*=\s*/, "="))
    .join(",")
    .toLowerCase();
}

function isDomainRootShaped(dn: string): boolean {
  return normalizeDn(dn)
    .split(",")
    .every((part) => part.startsWith("dc="));
}

function toView(ace: NormalizedAce, match: IdentityMatch): AceView {
  const objectEntry = schemaEntryForRights(ace.objectType, ace.rights);
  const inheritedEntry = guidEntry(ace.inheritedObjectType);
  const view: AceView = {
    index: ace.index,
    identity: ace.identity,
    via: match.kind === "group" ? match.group.via : null,
    accessType: ace.accessType,
    rights: ace.rights,
    rightsNames: rightsToNames(ace.rights),
    objectType: ace.objectType,
    objectTypeName: ace.unresolved?.objectType ?? objectEntry?.displayName ?? exchangeClassName(ace.objectType) ?? null,
    inheritedObjectType: ace.inheritedObjectType,
    inheritedObjectTypeName: ace.unresolved?.inheritedObjectType ?? inheritedEntry?.displayName ?? exchangeClassName(ace.inheritedObjectType) ?? null,
    inheritanceType: ace.inheritanceType,
    isInherited: ace.isInherited,
    summary: aceSummary(ace),
  };
  if (ace.unresolved !== undefined) view.unresolved = ace.unresolved;
  return view;
}

/** Identities that are never the gMSA's groups in practice; left out of the "maybe via a group" hints. */
function isPrivilegedOrBuiltIn(identity: string): boolean {
  const ref = parsePrincipal(identity);
  if (ref === null) return true;
  if (ref.kind === "sid") {
    return /^S-1-5-(18|9|10|32-\d+)$/.test(ref.sid) || /^S-1-5-21-\d+-\d+-\d+-(500|512|518|519|516|498)$/.test(ref.sid);
  }
  if (ref.domain === "nt authority" || ref.domain === "builtin") return true;
  return ["domain admins", "enterprise admins", "schema admins", "administrators", "domain controllers", "enterprise domain controllers", "system", "self", "creator owner"].includes(ref.name);
}

/**
 * Everyone, Authenticated Users and This Organization are in every domain account's network token (TOKEN_GROUP_SIDS):
 * their ACEs are the gMSA's own, with or without membership data.
 */
function tokenGroupMatch(identity: string): IdentityMatch | null {
  const ref = parsePrincipal(identity);
  if (ref === null) return null;
  const isTokenGroup =
    ref.kind === "sid" ? TOKEN_GROUP_SIDS.includes(ref.sid) : (ref.domain === null || ref.domain === "nt authority") && TOKEN_GROUP_NAMES.includes(ref.name);
  return isTokenGroup ? { kind: "group", group: { name: identity, ref, via: [`${identity} (in every domain account's token)`] } } : null;
}

const DELETION_GUARD_RIGHTS = (AD_RIGHTS.DeleteChild | AD_RIGHTS.Delete | AD_RIGHTS.DeleteTree) >>> 0;

/**
 * "Protect object from accidental deletion" (Active Directory Users and Computers, New-ADOrganizationalUnit's
 * default) puts Deny Everyone: Delete, Delete subtree on the protected object and Deny Everyone: Delete all child
 * objects on its parent, this object only. Neither reaches an object the agent creates, reads or writes.
 */
function isDeletionGuard(c: Classified): boolean {
  const ace = c.ace;
  if (ace.accessType !== "deny" || ace.inheritanceType !== "None" || ace.objectType !== EMPTY_GUID) return false;
  const ref = parsePrincipal(ace.identity);
  const everyone = ref !== null && (ref.kind === "sid" ? ref.sid === "S-1-1-0" : ref.domain === null && ref.name === "everyone");
  return everyone && ace.rights !== 0 && (ace.rights & ~DELETION_GUARD_RIGHTS) >>> 0 === 0;
}

/**
 * Whether Windows evaluates `allow` before `deny`. With the DACL's order exported (acl.aclOrdered), by position;
 * otherwise only what canonical order guarantees: an explicit ACE comes before every inherited one.
 */
function evaluatedBefore(allow: NormalizedAce, deny: NormalizedAce, ordered: boolean): boolean {
  return ordered ? allow.index < deny.index : !allow.isInherited && deny.isInherited;
}

function dedupeViews(items: Classified[]): AceView[] {
  const seen = new Set<number>();
  const out: AceView[] = [];
  for (const item of items) {
    if (seen.has(item.ace.index)) continue;
    seen.add(item.ace.index);
    out.push(item.view);
  }
  return out;
}

function partWords(part: Part, perm: PermissionShape): string {
  return part === "this-object" ? "the target object itself" : appliesText("descendants", perm.inheritedObjectType);
}

/**
 * One required permission against the ACL. `allows` holds the Allow ACEs of the gMSA and its groups, plus those
 * of other principals (used only for the "would count if the gMSA were a member" hints).
 */
function evaluatePermission(
  perm: RequiredPermission,
  allows: Classified[],
  denies: Classified[],
  membershipPresent: boolean,
  unresolved: readonly Classified[],
  ordered: boolean,
): PermissionFinding {
  const direct = allows.filter((c) => c.match.kind === "subject");
  const viaGroup = allows.filter((c) => c.match.kind === "group");
  const notes: string[] = [...perm.notes];
  let worst: PermissionStatus = "present";
  const satisfying: Classified[] = [];
  const undetermined: Classified[] = [];
  const unverified = new Set<string>();

  for (const part of partsOf(perm.applies)) {
    const exact = direct.filter((c) => !c.ace.isInherited && !isBroaderThanDocumented(c.ace, part, perm));
    const tiers: [PermissionStatus, Classified[]][] = [
      ["present", exact],
      ["covered-by-inheritance", direct],
      ["covered-by-group", [...direct, ...viaGroup]],
    ];
    let partStatus: PermissionStatus = "missing";
    for (const [status, pool] of tiers) {
      const result = unionCoverage(pool.map((c) => ({ ...c.ace, item: c })), perm, part);
      if (result.covered) {
        partStatus = status;
        satisfying.push(...result.contributing.map((g) => g.item));
        break;
      }
    }
    if (partStatus === "missing") {
      // ACEs with unknown inheritance may still cover it: then the answer is unknown, not missing.
      const maybe = maybeCoverage([...direct, ...viaGroup].map((c) => ({ ...c.ace, item: c })), perm, part);
      if (maybe.covered) {
        partStatus = "unknown";
        undetermined.push(...maybe.undetermined.map((g) => g.item));
      }
    }
    if (STATUS_RANK[partStatus] > STATUS_RANK[worst]) worst = partStatus;
    if (partStatus === "missing") {
      notes.push(...nearMisses(perm, part, direct, viaGroup));
      if (!membershipPresent) {
        for (const c of groupCandidates(perm, part, allows)) {
          if (unverified.has(c.ace.identity)) continue;
          unverified.add(c.ace.identity);
          notes.push(
            `acl.aces[${c.ace.index}] grants this to ${c.ace.identity}; it would count if the gMSA is a member of that group, but no group membership data (domain.groupMemberships) was supplied.`,
          );
        }
      }
    }
  }

  const deniedBy: { ace: AceView; partial: boolean }[] = [];
  const outrankedBy: AceView[] = [];
  for (const deny of denies) {
    let cancellingParts = partsOf(perm.applies)
      .map((part) => ({ part, effect: denyEffect(deny.ace, perm, part) }))
      .filter((p) => p.effect.cancels);
    if (cancellingParts.length === 0) continue;
    // An Allow evaluated first already decided the bits this Deny names (the access check stops at the first ACE
    // that grants or denies each bit): the Deny loses on the parts those Allows cover.
    const earlier = [...direct, ...viaGroup].filter((c) => evaluatedBefore(c.ace, deny.ace, ordered)).map((c) => ({ ...c.ace, item: c }));
    if (earlier.length > 0) {
      const overlap: RequiredPermission = { ...perm, rights: (deny.ace.rights & perm.rights) >>> 0 };
      cancellingParts = cancellingParts.filter((p) => !unionCoverage(earlier, overlap, p.part).covered);
      if (cancellingParts.length === 0) {
        outrankedBy.push(deny.view);
        notes.push(
          `acl.aces[${deny.ace.index}] (Deny) is evaluated after the Allow ACE(s) that grant the same rights${ordered ? " (the export keeps the DACL's order)" : " (an explicit Allow precedes an inherited Deny)"}, so it takes nothing away.`,
        );
        continue;
      }
    }
    const cancelling = cancellingParts.map((p) => p.effect);
    // A Deny whose inheritance is unknown may not reach the part: it makes a held permission unknown, not denied.
    if (cancelling.every((e) => e.uncertain === true)) undetermined.push(deny);
    else deniedBy.push({ ace: deny.view, partial: cancelling.every((e) => e.partial) });
  }
  let status: PermissionStatus = deniedBy.length > 0 ? "denied" : worst;
  const deniedPartly = deniedBy.length > 0 && deniedBy.every((d) => d.partial);
  if (status !== "denied" && isSatisfied(status) && undetermined.some((c) => c.ace.accessType === "deny")) status = "unknown";
  if (status === "unknown") {
    notes.push(
      `Depends on ${undetermined.length} ACE(s) whose inheritance the export did not carry (${undetermined
        .map((c) => `acl.aces[${c.ace.index}]`)
        .join(", ")}): ${UNKNOWN_INHERITANCE_HINT}`,
    );
  }
  // ACEs naming something outside the default schema (normalize.ts set them apart): taken at their most.
  const unresolvedBy =
    status === "denied" ? [] : unresolved.filter((c) => (isSatisfied(status) ? mayDeny(c.ace, perm) : mayGrant(c.ace, perm)));
  if (unresolvedBy.length > 0) {
    status = "unknown";
    notes.push(
      `Depends on ${unresolvedBy.map((c) => `acl.aces[${c.ace.index}] (${unresolvedWords(c.ace)})`).join(", ")}: ` +
        `if that name is the object this permission needs, the ${unresolvedBy[0].ace.accessType === "deny" ? "Deny takes it away" : "Allow supplies it"}.`,
    );
  }
  const classes = [perm.inheritedObjectType, ...(perm.alternativeInheritedObjectTypes ?? [])];
  const objectEntry = guidEntry(perm.objectType);

  return {
    id: perm.id,
    set: perm.set,
    label: `${perm.access} — ${perm.appliesTo}`,
    access: perm.access,
    appliesTo: perm.appliesTo,
    required: {
      rights: perm.rights,
      rightsNames: rightsToNames(perm.rights),
      objectType: perm.objectType,
      objectTypeName: perm.objectType === EMPTY_GUID ? null : (objectEntry?.displayName ?? null),
      inheritedObjectTypes: classes,
      inheritedObjectTypeNames: classes.map(classText),
      applies: perm.applies,
      appliesText: appliesText(perm.applies, perm.inheritedObjectType),
    },
    status,
    satisfiedBy: isSatisfied(worst) ? dedupeViews(satisfying) : [],
    deniedBy,
    deniedPartly,
    outrankedDenies: outrankedBy,
    undetermined: status === "unknown" ? dedupeViews(undetermined) : [],
    notes,
    unverifiedGroupGrants: [...unverified],
    unresolvedBy: unresolvedBy.map((c) => c.view),
  };
}

/** What to do about ACEs with unknown inheritance: the missing column and the command that exports it. */
export const UNKNOWN_INHERITANCE_HINT =
  "the export has no InheritanceType column (nor InheritanceFlags/PropagationFlags), so where they apply is unknown. Export the ACL with every column: " +
  'Get-Acl "AD:\\<domain DN>" | Select-Object -ExpandProperty Access | Export-Csv gmsa-acl.csv -NoTypeInformation, or its SDDL: (Get-Acl "AD:\\<domain DN>").Sddl';

/** ACEs to other principals (not built-in or privileged) that alone would cover the part. */
function groupCandidates(perm: RequiredPermission, part: Part, allows: Classified[]): Classified[] {
  return allows
    .filter((c) => c.match.kind === "other" && !isPrivilegedOrBuiltIn(c.ace.identity) && aceCovers(c.ace, perm, part))
    .slice(0, 3);
}

/** Hints for a part that is not covered: the gMSA's own ACEs that nearly cover it and why they do not. */
function nearMisses(perm: RequiredPermission, part: Part, direct: Classified[], viaGroup: Classified[]): string[] {
  const notes: string[] = [];
  const own = [...direct, ...viaGroup];
  for (const c of own) {
    if (reachOf(c.ace, part, perm) === "one-level" && objectTypeCovers(c.ace.objectType, perm.objectType) && covers(c.ace.rights, perm.rights)) {
      notes.push(
        `acl.aces[${c.ace.index}] grants this with inheritance ${c.ace.inheritanceType}, which reaches only the immediate children of the target; objects in nested OUs/containers are not covered.`,
      );
    }
  }
  const reachingBits = own
    .filter((c) => reachOf(c.ace, part, perm) === "full" && objectTypeCovers(c.ace.objectType, perm.objectType))
    .reduce((mask, c) => (mask | (c.ace.rights & perm.rights)) >>> 0, 0);
  if (reachingBits !== 0 && !covers(reachingBits, perm.rights)) {
    notes.push(
      `The gMSA holds only ${rightsLabel(reachingBits)} of ${rightsLabel(perm.rights)} on ${partWords(part, perm)}; missing ${rightsLabel(
        (perm.rights & ~reachingBits) >>> 0,
      )}.`,
    );
  }
  return notes;
}

/** The parts of the tree an ACE grants on, as permission shapes (for the excess check). */
function grantedParts(ace: NormalizedAce): { part: Part; inheritedObjectType: string }[] {
  const parts: { part: Part; inheritedObjectType: string }[] = [];
  const self = ace.inheritanceType === "None" || ace.inheritanceType === "All" || ace.inheritanceType === "SelfAndChildren";
  if (self && ace.inheritedObjectType === EMPTY_GUID) parts.push({ part: "this-object", inheritedObjectType: EMPTY_GUID });
  if (ace.inheritanceType !== "None") parts.push({ part: "descendants", inheritedObjectType: ace.inheritedObjectType });
  return parts;
}

/** Where an ACE with unknown inheritance might apply: any inheritance (inheritable only, when it names a class). */
function possibleInheritances(ace: NormalizedAce): InheritanceType[] {
  const inheritable: InheritanceType[] = ["All", "Descendents", "SelfAndChildren", "Children"];
  return ace.inheritedObjectType === EMPTY_GUID ? ["None", ...inheritable] : inheritable;
}

/**
 * The excess of an ACE whose inheritance is unknown: bits in excess under every possible inheritance are certain
 * (a finding); bits in excess under some only are undetermined.
 */
function excessOfUnknown(c: Classified): { certain: ExcessFinding | null; undetermined: AclAnalysis["undeterminedExcess"][number] | null } {
  const masks = possibleInheritances(c.ace).map((inheritanceType) => excessOf({ ...c, ace: { ...c.ace, inheritanceType } })?.excessRights ?? 0);
  const always = masks.reduce((a, m) => (a & m) >>> 0, 0xffffffff);
  const sometimes = masks.reduce((a, m) => (a | m) >>> 0, 0);
  const scope = c.ace.objectType === EMPTY_GUID ? "" : ` for ${c.view.objectTypeName ?? c.ace.objectType}`;
  const certain: ExcessFinding | null =
    always === 0
      ? null
      : {
          ace: c.view,
          excessRights: always,
          excessRightsNames: rightsToNames(always),
          risk: (always & ~READ_ONLY_RIGHTS) >>> 0 !== 0 ? "high" : "low",
          reason: `Grants ${rightsLabel(always)}${scope} beyond the documented permission set wherever it applies (its inheritance is unknown).`,
        };
  const open = (sometimes & ~always) >>> 0;
  const undetermined =
    open === 0
      ? null
      : {
          ace: c.view,
          excessRightsNames: rightsToNames(open),
          reason: `May grant ${rightsLabel(open)}${scope} beyond the documented set, depending on where it applies: ${UNKNOWN_INHERITANCE_HINT}`,
        };
  return { certain, undetermined };
}

function excessOf(c: Classified): ExcessFinding | null {
  let excess = 0;
  const where: string[] = [];
  for (const { part, inheritedObjectType } of grantedParts(c.ace)) {
    let partExcess = 0;
    const shapeBase = { objectType: c.ace.objectType, inheritedObjectType, applies: part };
    for (const bit of singleBits(c.ace.rights)) {
      const shape: PermissionShape = { ...shapeBase, rights: bit };
      if (!ALLOWED_GRANTS.some((g) => aceCovers(g, shape, part))) partExcess = (partExcess | bit) >>> 0;
    }
    if (partExcess !== 0) {
      excess = (excess | partExcess) >>> 0;
      where.push(partWords(part, { ...shapeBase, rights: 0 }));
    }
  }
  if (excess === 0) return null;
  const through = c.match.kind === "group" ? ` (through membership of ${c.match.group.via.join(" → ")})` : "";
  const scope = c.ace.objectType === EMPTY_GUID ? "" : ` for ${c.view.objectTypeName ?? c.ace.objectType}`;
  return {
    ace: c.view,
    excessRights: excess,
    excessRightsNames: rightsToNames(excess),
    risk: (excess & ~READ_ONLY_RIGHTS) >>> 0 !== 0 ? "high" : "low",
    reason: `Grants ${rightsLabel(excess)}${scope} on ${where.join(" and ")}${through}, beyond the documented permission set.`,
  };
}

/** Analyses the gMSA's permissions on the exported ACL. Never throws on malformed input. */
export function analyzeAcl(acl: AclFacts | undefined, domain?: DomainFacts): AclAnalysis {
  const targetDn = str(acl?.targetDn);
  const domainRootDn = str(domain?.distinguishedName);
  const gmsaSam = str(domain?.gmsa?.samAccountName);
  const gmsaSid = str(domain?.gmsa?.sid);
  const netbios = str(domain?.netbiosName);

  const aclAccount = str(acl?.account);
  const account = aclAccount ?? (gmsaSam === null ? null : netbios === null ? gmsaSam : `${netbios.toUpperCase()}\\${gmsaSam}`);
  const accountSource = aclAccount !== null ? "acl.account" : account !== null ? "domain.gmsa" : null;

  // domain.gmsa.sid identifies the account only when domain.gmsa is the same account.
  const probe = createIdentityResolver({ names: account === null ? [] : [account], sids: [] }, domain);
  const gmsaRef = parsePrincipal(gmsaSam);
  const gmsaIsAccount = gmsaRef !== null && probe.subjectRefs.some((r) => samePrincipal(r, gmsaRef, probe.aliases));
  const accountSid = str(acl?.accountSid) ?? (gmsaIsAccount ? gmsaSid : null);

  const resolver = createIdentityResolver({ names: account === null ? [] : [account], sids: [accountSid] }, domain);
  const { aces, skipped, unresolved } = normalizeAces(acl?.aces);

  const matchOf = (identity: string): IdentityMatch => {
    const match = resolver.match(identity);
    return match.kind === "other" ? (tokenGroupMatch(identity) ?? match) : match;
  };
  const ordered = acl?.aclOrdered === true;
  const classified: Classified[] = aces.map((ace) => {
    const match = matchOf(ace.identity);
    return { ace, match, view: toView(ace, match) };
  });
  const forAccount = classified.filter((c) => c.match.kind !== "other");
  const allows = classified.filter((c) => c.ace.accessType === "allow");
  const accountAllows = forAccount.filter((c) => c.ace.accessType === "allow");
  const deletionGuards: Classified[] = [];
  const accountDenies: Classified[] = [];
  for (const c of forAccount) {
    if (c.ace.accessType !== "deny") continue;
    (isDeletionGuard(c) ? deletionGuards : accountDenies).push(c);
  }

  // Unresolved ACEs count for the gMSA and its groups only, as resolved ones do.
  const unresolvedMine: Classified[] = [];
  for (const ace of unresolved) {
    const match = matchOf(ace.identity);
    if (match.kind !== "other") unresolvedMine.push({ ace, match, view: toView(ace, match) });
  }

  const permissions = REQUIRED_PERMISSIONS.map((perm) =>
    evaluatePermission(
      perm,
      [...accountAllows, ...allows.filter((c) => c.match.kind === "other")],
      accountDenies,
      resolver.membership.dataPresent,
      unresolvedMine,
      ordered,
    ),
  );
  // An unresolved Allow excess even as "some unknown specific object" is excess unless the name is a documented
  // grant's own object: unknown. (Not excess that way means not excess whatever the name is.)
  const unresolvedExcess = unresolvedMine
    .filter((c) => c.ace.accessType === "allow" && c.ace.inheritanceType !== "unknown")
    .filter((c) => c.match.kind === "subject" || (c.match.kind === "group" && !isBroadWellKnownGroup(c.match.group.ref)))
    .flatMap((c) => {
      const finding = excessOf(c);
      return finding === null ? [] : [{ ace: c.view, reason: `${finding.reason} Unknown for sure: ${unresolvedWords(c.ace)}, and it would be documented if that name were a documented grant's object.` }];
    });
  const unresolvedDenies = unresolvedMine
    .filter((c) => c.ace.accessType === "deny")
    .map((c) => ({
      ace: c.view,
      mayCancel: REQUIRED_PERMISSIONS.filter((perm) => mayDeny(c.ace, perm)).map((perm) => ({ permissionId: perm.id, label: `${perm.access} — ${perm.appliesTo}` })),
    }));

  const excessCandidates = accountAllows.filter(
    (c) => c.match.kind === "subject" || (c.match.kind === "group" && !isBroadWellKnownGroup(c.match.group.ref)),
  );
  const excess: ExcessFinding[] = [];
  const undeterminedExcess: AclAnalysis["undeterminedExcess"] = [];
  for (const c of excessCandidates) {
    if (c.ace.inheritanceType === "unknown") {
      const { certain, undetermined } = excessOfUnknown(c);
      if (certain !== null) excess.push(certain);
      if (undetermined !== null) undeterminedExcess.push(undetermined);
      continue;
    }
    const finding = excessOf(c);
    if (finding !== null) excess.push(finding);
  }

  const denies: DenyFinding[] = accountDenies.map((d) => ({
    ace: d.view,
    outranked: permissions.filter((p) => p.outrankedDenies.some((a) => a.index === d.ace.index)).map((p) => ({ permissionId: p.id, label: p.label })),
    cancels: permissions.flatMap((p) => {
      const hit = p.deniedBy.find((x) => x.ace.index === d.ace.index);
      return hit === undefined ? [] : [{ permissionId: p.id, label: p.label, partial: hit.partial }];
    }),
    maybeCancels:
      d.ace.inheritanceType !== "unknown"
        ? []
        : REQUIRED_PERMISSIONS.filter((perm) => partsOf(perm.applies).some((part) => denyEffect(d.ace, perm, part).cancels)).map((perm) => ({
            permissionId: perm.id,
            label: `${perm.access} — ${perm.appliesTo}`,
          })),
  }));

  for (const guard of deletionGuards) {
    denies.push({
      ace: guard.view,
      harmless: "\"Protect object from accidental deletion\" sets it (Deny Everyone: delete, on this object only); it reaches no object the agent reads or writes.",
      outranked: [],
      cancels: [],
      maybeCancels: [],
    });
  }

  let targetIsDomainRoot: boolean | null = null;
  if (targetDn !== null) {
    targetIsDomainRoot = domainRootDn !== null ? normalizeDn(targetDn) === normalizeDn(domainRootDn) : isDomainRootShaped(targetDn);
  }

  const warnings: string[] = [];
  if (targetIsDomainRoot === false) {
    warnings.push(
      `The ACL export is for ${targetDn}, not the domain root${domainRootDn === null ? "" : ` ${domainRootDn}`}; the documented permissions are granted at the domain root.`,
    );
  }
  if (skipped.length > 0) {
    warnings.push(
      `${skipped.length} ACE(s) could not be read and were ignored: ${skipped
        .slice(0, 5)
        .map((s) => (s.index < 0 ? s.reason : `acl.aces[${s.index}] (${s.reason})`))
        .join("; ")}.`,
    );
  }
  if (!resolver.membership.dataPresent) {
    warnings.push(
      "No group membership data (domain.groupMemberships): ACEs granted to groups are not counted, so rights the gMSA holds only through a group show as missing.",
    );
  } else if (account !== null && !resolver.membership.subjectEntryFound) {
    warnings.push(`The group membership data has no entry for ${account}; it is treated as a member of no group.`);
  }
  if (unresolvedMine.length > 0) {
    warnings.push(
      `${unresolvedMine.length} ACE(s) of the gMSA or its groups name something not in the default Active Directory schema (${unresolvedMine
        .slice(0, 5)
        .map((c) => `acl.aces[${c.ace.index}]: ${unresolvedWords(c.ace)}`)
        .join("; ")}); the checks they could change answer Unknown.`,
    );
  }
  if (accountDenies.length > 0 && !ordered) {
    warnings.push(
      "The export does not keep the DACL's order (dsacls lists entries by where they apply): an explicit Allow is taken to win over an inherited Deny, as canonical order guarantees, and any other matching Deny is treated as winning. A Get-Acl or SDDL export settles the order.",
    );
  }

  return {
    version: 1,
    targetDn,
    domainRootDn,
    targetIsDomainRoot,
    account,
    accountSource,
    accountSid,
    membership: {
      dataPresent: resolver.membership.dataPresent,
      accountEntryFound: resolver.membership.subjectEntryFound,
      groups: resolver.groups.map((g) => ({ name: g.name, via: g.via })),
    },
    aceCount: aces.length + unresolved.length + skipped.filter((s) => s.index >= 0).length,
    accountAces: forAccount.map((c) => c.view),
    permissions,
    excess,
    undeterminedExcess,
    denies,
    unresolvedAces: unresolvedMine.map((c) => c.view),
    unresolvedExcess,
    unresolvedDenies,
    skippedAces: skipped,
    warnings,
  };
}
