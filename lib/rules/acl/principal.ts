import type { DomainFacts } from "@/lib/facts";

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
  const name = (dollar ? trimmed.slice(0, -1) : trimmed).toLowerCase();
  if (name === "") return null;
  const dom = domain === null ? null : domain.trim().toLowerCase();
  return { kind: "name", domain: dom === "" ? null : dom, name, dollar, raw };
}

/** Parses one identity string. Null for empty or non-string input. */
export function parsePrincipal(value: unknown): PrincipalRef | null {
  if (typeof value !== "string") return null;
  const raw = value.trim();
  if (raw === "") return null;
  if (SID_PATTERN.test(raw)) return { kind: "sid", sid: raw.toUpperCase(), raw };
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
    return (
      ["S-1-1-0", "S-1-5-11", "S-1-5-32-545", "S-1-5-32-554"].includes(ref.sid) || /^S-1-5-21-\d+-\d+-\d+-(513|515)$/.test(ref.sid)
    );
  }
  return [
    "everyone",
    "authenticated users",
    "users",
    "pre-windows 2000 compatible access",
    "domain users",
    "domain computers",
  ].includes(ref.name);
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
}

/** Upper bound on groups walked, so a cyclic or huge membership map cannot blow up. */
const MAX_GROUPS = 2000;

function readMemberships(domain?: DomainFacts): [PrincipalRef, string[]][] | null {
  const raw: unknown = domain?.groupMemberships;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return null;
  const entries: [PrincipalRef, string[]][] = [];
  for (const [key, value] of Object.entries(raw)) {
    const ref = parsePrincipal(key);
    if (ref === null || !Array.isArray(value)) continue;
    entries.push([ref, value.filter((g): g is string => typeof g === "string" && g.trim() !== "")]);
  }
  return entries;
}

/**
 * Builds a resolver for one subject (the gMSA, or a host's computer account).
 * `names` and `sids` are every way the subject is known; empty or missing values are ignored.
 */
export function createIdentityResolver(
  subject: { names: readonly (string | null | undefined)[]; sids: readonly (string | null | undefined)[] },
  domain?: DomainFacts,
): IdentityResolver {
  const parsed = [...subject.names, ...subject.sids].map(parsePrincipal).filter((r): r is PrincipalRef => r !== null);
  const explicitDomains = parsed.flatMap((r) => (r.kind === "name" && r.domain !== null ? [r.domain] : []));
  // The domain facts name the domain; only when they do not does the subject's own prefix stand in for it.
  const known = domainAliases(domain);
  const aliases = known.names.size > 0 ? known : domainAliases(domain, explicitDomains.slice(0, 1));
  const subjectRefs = parsed.map((r) => qualify(r, aliases));

  const isSubject = (ref: PrincipalRef) => subjectRefs.some((s) => samePrincipal(s, ref, aliases));

  const memberships = readMemberships(domain);
  const groups: ResolvedGroup[] = [];
  let subjectEntryFound = false;
  if (memberships !== null) {
    const queue: { ref: PrincipalRef; via: string[]; isSubject: boolean }[] = subjectRefs.map((ref) => ({
      ref,
      via: [],
      isSubject: true,
    }));
    while (queue.length > 0 && groups.length < MAX_GROUPS) {
      const current = queue.shift();
      if (current === undefined) break;
      for (const [keyRef, memberOf] of memberships) {
        if (!samePrincipal(keyRef, current.ref, aliases)) continue;
        if (current.isSubject) subjectEntryFound = true;
        for (const groupName of memberOf) {
          const ref = parsePrincipal(groupName);
          if (ref === null || isSubject(ref)) continue;
          if (groups.some((g) => samePrincipal(g.ref, ref, aliases))) continue;
          const group: ResolvedGroup = { name: groupName.trim(), ref, via: [...current.via, groupName.trim()] };
          groups.push(group);
          queue.push({ ref, via: group.via, isSubject: false });
        }
      }
    }
  }

  return {
    subjectRefs,
    aliases,
    membership: { dataPresent: memberships !== null, subjectEntryFound },
    groups,
    match(identity: unknown): IdentityMatch {
      const ref = parsePrincipal(identity);
      if (ref === null) return { kind: "other" };
      if (isSubject(ref)) return { kind: "subject" };
      const group = groups.find((g) => samePrincipal(g.ref, ref, aliases));
      return group === undefined ? { kind: "other" } : { kind: "group", group };
    },
  };
}
