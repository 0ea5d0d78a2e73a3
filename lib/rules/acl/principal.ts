import { BROAD_DOMAIN_GROUP_SID, BROAD_GROUP_NAMES, BROAD_GROUP_SIDS, type DomainFacts } from "@/lib/facts";
import { toLower, toUpper } from "@/lib/rules/text-case";

/**
 * Identity matching for ACE IdentityReference values, gMSA password-retrieval lists and group memberships.
 *
 * Forms seen in exports: "CORP\provAgentgMSA$", "provAgentgMSA$", "corp.contoso.com\provAgentgMSA$" (rare),
 * "provAgentgMSA$@corp.contoso.com", a SID ("S-1-5-21-…"), a DN ("CN=SYNC01,OU=…,DC=corp,DC=contoso,DC=com"),
 * and built-ins such as "NT AUTHORITY\SELF" or "BUILTIN\Administrators".
 *
 * Matching is case-insensitive on the account-name part, with or without the trailing "$". A domain prefix
 * that names another domain makes it another principal; a missing prefix matches any domain. A SID only
 * matches a SID.
 */
export type PrincipalRef =
  | { kind: "sid"; sid: string; raw: string }
  | {
      kind: "name";
      /** Lower-case domain (NetBIOS or DNS), null when the value carried none. */
      domain: string | null;
      /** Lower-case name without the trailing "$". */
      name: string;
      /** True when the value ended with "$" (computer accounts and gMSAs). */
      dollar: boolean;
      raw: string;
    };

const SID_PATTERN = /^S-1-\d+(-\d+)+$/i;
/** Prefixes that never name an AD domain. */
const AUTHORITIES = new Set(["nt authority", "builtin", "nt service", "nt virtual machine", "iis apppool", "window manager"]);

function splitDn(dn: string): string[] {
  // Split on commas that are not escaped with a backslash.
  return dn.split(/(?<!\\),/).map((part) => part.trim());
}

function nameRef(raw: string, domain: string | null, account: string): PrincipalRef | null {
  const trimmed = account.trim();
  if (trimmed === "") return null;
  const dollar = trimmed.endsWith("$");
  const name = toLower(dollar ? trimmed.slice(0, -1) : trimmed);
  if (name === "") return null;
  const dom = domain === null ? null : toLower(domain.trim());
  return { kind: "name", domain: dom === "" ? null : dom, name, dollar, raw };
}

/** Parses one identity string. Null for empty or non-string input. */
export function parsePrincipal(value: unknown): PrincipalRef | null {
  if (typeof value !== "string") return null;
  const raw = value.trim();
  if (raw === "") return null;
  if (SID_PATTERN.test(raw)) return { kind: "sid", sid: toUpper(raw), raw };
  if (/^CN=/i.test(raw) && raw.includes(",")) {
    const parts = splitDn(raw);
    const cn = parts[0].slice(3).replace(/\\(.)/g, "$1");
    const dcs = parts.filter((p) => /^DC=/i.test(p)).map((p) => p.slice(3));
    return nameRef(raw, dcs.length > 0 ? dcs.join(".") : null, cn);
  }
  const backslash = raw.indexOf("\\");
  if (backslash >= 0) return nameRef(raw, raw.slice(0, backslash), raw.slice(backslash + 1));
  const at = raw.lastIndexOf("@");
  if (at > 0) return nameRef(raw, raw.slice(at + 1), raw.slice(0, at));
  return nameRef(raw, null, raw);
}

/** The names one domain goes by (NetBIOS and DNS), lower-case. */
export interface DomainAliases {
  names: ReadonlySet<string>;
  netbios: string | null;
  dns: string | null;
}

export function domainAliases(domain?: DomainFacts, extra: readonly (string | null | undefined)[] = []): DomainAliases {
  const netbios = typeof domain?.netbiosName === "string" && domain.netbiosName.trim() !== "" ? domain.netbiosName.trim().toLowerCase() : null;
  const dns = typeof domain?.dnsName === "string" && domain.dnsName.trim() !== "" ? domain.dnsName.trim().toLowerCase() : null;
  const names = new Set<string>();
  for (const name of [netbios, dns, ...extra]) {
    if (typeof name === "string" && name.trim() !== "") names.add(name.trim().toLowerCase());
  }
  return { names, netbios, dns };
}

function sameDomain(a: string, b: string, aliases: DomainAliases): boolean {
  if (a === b) return true;
  if (aliases.names.has(a) && aliases.names.has(b)) return true;
  if (AUTHORITIES.has(a) || AUTHORITIES.has(b)) return false;
  // Without the DNS name on record, treat "corp.contoso.com" and "corp" as the same domain when "corp" is ours.
  if (aliases.dns === null) {
    const [dotted, flat] = a.includes(".") ? [a, b] : [b, a];
    if (dotted.includes(".") && !flat.includes(".") && aliases.names.has(flat)) return dotted.split(".")[0] === flat;
  }
  return false;
}

/** True when two references name the same principal (see module comment for the rules). */
export function samePrincipal(a: PrincipalRef, b: PrincipalRef, aliases: DomainAliases): boolean {
  if (a.kind === "sid" || b.kind === "sid") return a.kind === "sid" && b.kind === "sid" && a.sid === b.sid;
  if (a.name !== b.name) return false;
  if (a.domain === null || b.domain === null) {
    const other = a.domain ?? b.domain;
    return other === null || !AUTHORITIES.has(other);
  }
  return sameDomain(a.domain, b.domain, aliases);
}

/** Gives a bare name the subject's own domain so that "OTHER\name" no longer matches it. */
function qualify(ref: PrincipalRef, aliases: DomainAliases): PrincipalRef {
  if (ref.kind !== "name" || ref.domain !== null) return ref;
  const domain = aliases.netbios ?? aliases.dns;
  return domain === null ? ref : { ...ref, domain };
}

/** Everyone, Authenticated Users, Users, Pre-Windows 2000 Compatible Access, Domain Users, Domain Computers. */
export function isBroadWellKnownGroup(ref: PrincipalRef): boolean {
  if (ref.kind === "sid") {
    return BROAD_GROUP_SIDS.includes(ref.sid) || BROAD_DOMAIN_GROUP_SID.test(ref.sid);
  }
  return BROAD_GROUP_NAMES.includes(ref.name);
}

export interface ResolvedGroup {
  /** The group as written in domain.groupMemberships. */
  name: string;
  ref: PrincipalRef;
  /** Membership chain from the subject, outermost last: ["CORP\\Sync Hosts", "CORP\\Tier0 Servers"]. */
  via: string[];
}

export type IdentityMatch = { kind: "subject" } | { kind: "group"; group: ResolvedGroup } | { kind: "other" };

export interface IdentityResolver {
  /** How the subject was identified (qualified with its domain when known). */
  subjectRefs: PrincipalRef[];
  aliases: DomainAliases;
  membership: {
    /** domain.groupMemberships was collected; group grants only count when it was. */
    dataPresent: boolean;
    /** A membership entry exists for the subject itself. */
    subjectEntryFound: boolean;
  };
  /** Groups the subject belongs to, transitively through the membership data. */
  groups: ResolvedGroup[];
  /** Classifies one identity string against the subject and its groups. */
  match(identity: unknown): IdentityMatch;
  /** `match` for an identity already parsed with `parsePrincipal` (null: not an identity). */
  matchRef(ref: PrincipalRef | null): IdentityMatch;
}

/** Upper bound on groups walked, so a cyclic or huge membership map cannot blow up. */
const MAX_GROUPS = 2000;

/** One group a membership entry names: as written, trimmed, and parsed. */
interface MemberOf {
  name: string;
  ref: PrincipalRef | null;
}

interface MembershipEntry {
  ref: PrincipalRef;
  memberOf: readonly MemberOf[];
}

/**
 * domain.groupMemberships parsed once: the entries bucketed by SID and by account name, each bucket in input
 * order (two references can only name the same principal when their SIDs, or their names, are equal).
 */
interface MembershipIndex {
  bySid: ReadonlyMap<string, readonly MembershipEntry[]>;
  byName: ReadonlyMap<string, readonly MembershipEntry[]>;
}

/**
 * Parsed membership maps by the groupMemberships object they were parsed from. This is derived data of an
 * immutable input (one parse per domain instead of one per server), never a rule result; the WeakMap lets
 * the entry go with the domain facts.
 */
const MEMBERSHIP_INDEX = new WeakMap<object, MembershipIndex>();

function bucketOf(index: MembershipIndex, ref: PrincipalRef): readonly MembershipEntry[] | undefined {
  return ref.kind === "sid" ? index.bySid.get(ref.sid) : index.byName.get(ref.name);
}

function parseMemberships(raw: object): MembershipIndex {
  const bySid = new Map<string, MembershipEntry[]>();
  const byName = new Map<string, MembershipEntry[]>();
  for (const [key, value] of Object.entries(raw)) {
    const ref = parsePrincipal(key);
    if (ref === null || !Array.isArray(value)) continue;
    const memberOf: MemberOf[] = [];
    for (const group of value) {
      if (typeof group === "string" && group.trim() !== "") memberOf.push({ name: group.trim(), ref: parsePrincipal(group) });
    }
    const map = ref.kind === "sid" ? bySid : byName;
    const bucketKey = ref.kind === "sid" ? ref.sid : ref.name;
    const bucket = map.get(bucketKey);
    if (bucket === undefined) map.set(bucketKey, [{ ref, memberOf }]);
    else bucket.push({ ref, memberOf });
  }
  return { bySid, byName };
}

function readMemberships(domain?: DomainFacts): MembershipIndex | null {
  const raw: unknown = domain?.groupMemberships;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return null;
  let index = MEMBERSHIP_INDEX.get(raw);
  if (index === undefined) {
    index = parseMemberships(raw);
    MEMBERSHIP_INDEX.set(raw, index);
  }
  return index;
}

/** The domain's own aliases (no extra names) by domain facts object: derived data, worked out once per domain. */
const OWN_ALIASES = new WeakMap<object, DomainAliases>();

function ownAliases(domain: DomainFacts | undefined): DomainAliases {
  if (domain === undefined || domain === null || typeof domain !== "object") return domainAliases(domain);
  let aliases = OWN_ALIASES.get(domain);
  if (aliases === undefined) {
    aliases = domainAliases(domain);
    OWN_ALIASES.set(domain, aliases);
  }
  return aliases;
}

function isSubjectRef(subjectRefs: readonly PrincipalRef[], ref: PrincipalRef, aliases: DomainAliases): boolean {
  for (let i = 0; i < subjectRefs.length; i++) if (samePrincipal(subjectRefs[i], ref, aliases)) return true;
  return false;
}

function findGroup(groups: readonly ResolvedGroup[], ref: PrincipalRef, aliases: DomainAliases): ResolvedGroup | undefined {
  for (let i = 0; i < groups.length; i++) if (samePrincipal(groups[i].ref, ref, aliases)) return groups[i];
  return undefined;
}

const OTHER: IdentityMatch = Object.freeze({ kind: "other" });
const SUBJECT: IdentityMatch = Object.freeze({ kind: "subject" });

/**
 * Adds the groups the subject belongs to, walked breadth-first through the membership data (entries in input
 * order), to `groups`; true when the data has an entry for the subject itself.
 */
function resolveGroups(subjectRefs: readonly PrincipalRef[], memberships: MembershipIndex, aliases: DomainAliases, groups: ResolvedGroup[]): boolean {
  let subjectEntryFound = false;
  // Most subjects have no entry at all: then there is nothing to walk.
  let any = false;
  for (let i = 0; i < subjectRefs.length && !any; i++) any = bucketOf(memberships, subjectRefs[i]) !== undefined;
  if (!any) return false;
  const queue: { ref: PrincipalRef; via: string[]; isSubject: boolean }[] = subjectRefs.map((ref) => ({ ref, via: [], isSubject: true }));
  // Walks the queue in order (an index instead of shift()).
  for (let head = 0; head < queue.length && groups.length < MAX_GROUPS; head++) {
    const current = queue[head];
    const bucket = bucketOf(memberships, current.ref);
    if (bucket === undefined) continue;
    for (const entry of bucket) {
      if (!samePrincipal(entry.ref, current.ref, aliases)) continue;
      if (current.isSubject) subjectEntryFound = true;
      for (const { name, ref } of entry.memberOf) {
        if (ref === null || isSubjectRef(subjectRefs, ref, aliases)) continue;
        if (findGroup(groups, ref, aliases) !== undefined) continue;
        const via = current.via.slice();
        via.push(name);
        const group: ResolvedGroup = { name, ref, via };
        groups.push(group);
        queue.push({ ref, via: group.via, isSubject: false });
      }
    }
  }
  return subjectEntryFound;
}

/** The resolver for one subject; methods live on the prototype, so a resolver per server costs no closures. */
class SubjectResolver implements IdentityResolver {
  readonly membership: IdentityResolver["membership"];

  constructor(
    readonly subjectRefs: PrincipalRef[],
    readonly aliases: DomainAliases,
    readonly groups: ResolvedGroup[],
    dataPresent: boolean,
    subjectEntryFound: boolean,
  ) {
    this.membership = { dataPresent, subjectEntryFound };
  }

  match(identity: unknown): IdentityMatch {
    return this.matchRef(parsePrincipal(identity));
  }

  matchRef(ref: PrincipalRef | null): IdentityMatch {
    if (ref === null) return OTHER;
    if (isSubjectRef(this.subjectRefs, ref, this.aliases)) return SUBJECT;
    const group = findGroup(this.groups, ref, this.aliases);
    return group === undefined ? OTHER : { kind: "group", group };
  }
}

/**
 * Builds a resolver for one subject (the gMSA, or a host's computer account).
 * `names` and `sids` are every way the subject is known; empty or missing values are ignored.
 */
export function createIdentityResolver(
  subject: { names: readonly (string | null | undefined)[]; sids: readonly (string | null | undefined)[] },
  domain?: DomainFacts,
): IdentityResolver {
  const parsed = new Array<PrincipalRef>(subject.names.length + subject.sids.length);
  let count = 0;
  for (const value of subject.names) {
    const ref = parsePrincipal(value);
    if (ref !== null) parsed[count++] = ref;
  }
  for (const value of subject.sids) {
    const ref = parsePrincipal(value);
    if (ref !== null) parsed[count++] = ref;
  }
  parsed.length = count;
  // The domain facts name the domain; only when they do not does the subject's own prefix stand in for it.
  const known = ownAliases(domain);
  let aliases = known;
  if (known.names.size === 0) {
    let explicitDomain: string | undefined;
    for (const ref of parsed) {
      if (ref.kind === "name" && ref.domain !== null) {
        explicitDomain = ref.domain;
        break;
      }
    }
    aliases = explicitDomain === undefined ? domainAliases(domain) : domainAliases(domain, [explicitDomain]);
  }
  // Qualifying changes only bare names; the list is copied only when one is.
  let subjectRefs = parsed;
  for (let i = 0; i < parsed.length; i++) {
    const qualified = qualify(parsed[i], aliases);
    if (qualified === parsed[i]) continue;
    if (subjectRefs === parsed) subjectRefs = parsed.slice();
    subjectRefs[i] = qualified;
  }
  const memberships = readMemberships(domain);
  const groups: ResolvedGroup[] = [];
  if (memberships === null) return new SubjectResolver(subjectRefs, aliases, groups, false, false);
  return new SubjectResolver(subjectRefs, aliases, groups, true, resolveGroups(subjectRefs, memberships, aliases, groups));
}
