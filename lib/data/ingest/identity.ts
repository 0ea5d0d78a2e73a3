import type { HostFacts } from "@/lib/facts";
import { domainKeyOf } from "@/lib/readiness";
import { resolveOs, serverYearForBuild } from "@/lib/rules";

/** The identity and list columns a Server row carries, derived from its host facts. */
export interface ServerIdentity {
  fqdn: string;
  name: string;
  domain: string;
  objectGuid: string | null;
  sid: string | null;
  osName: string | null;
  osBuild: number | null;
  site: string | null;
  owner: string | null;
  tags: string;
}

/** The largest value of a 32-bit INTEGER column (Server.osBuild on PostgreSQL). */
const MAX_INT32 = 2_147_483_647;

/** Null when the record names no host at all (parsers reject those rows before this point). */
export function serverIdentityOf(facts: HostFacts): ServerIdentity | null {
  const identity = facts.identity ?? {};
  const domain = domainKeyOf(facts);
  const netbios = identity.netbiosName?.trim();
  const fqdn = (identity.fqdn?.trim() || (netbios ? (domain ? `${netbios}.${domain}` : netbios) : "")).toLowerCase().replace(/\.$/, "");
  if (!fqdn) return null;
  const os = resolveOs(facts);
  const year = os.build !== undefined && os.edition !== "client" ? serverYearForBuild(os.build) : undefined;
  const osName = year ? `Windows Server ${year}` : (os.caption?.replace(/^Microsoft\s+/i, "").trim() || null);
  const tags = (facts.tags ?? []).map((tag) => tag.trim().toLowerCase()).filter((tag) => tag && !tag.includes(","));
  return {
    fqdn,
    name: (netbios || fqdn.split(".")[0] || fqdn).toUpperCase(),
    domain,
    objectGuid: identity.objectGuid?.toLowerCase() ?? null,
    sid: identity.sid?.toUpperCase() ?? null,
    osName,
    // Server.osBuild is a 32-bit INTEGER on PostgreSQL: an absurd build ("10.0.99999999999") is not stored in the column
    // (the facts keep it, and the OS rules judge it), so the upload lands the same on both databases.
    osBuild: os.build !== undefined && os.build <= MAX_INT32 ? os.build : null,
    site: facts.site?.trim() || null,
    owner: facts.owner?.trim() || null,
    tags: tags.length ? `,${[...new Set(tags)].sort().join(",")},` : "",
  };
}

/** "DC=corp,DC=contoso,DC=com" -> "corp.contoso.com" (the DC= components of any DN). */
export function domainOfDn(dn: string | undefined): string {
  if (!dn) return "";
  return [...dn.matchAll(/(?:^|,)\s*DC=([^,]+)/gi)].map((m) => m[1]!.trim().toLowerCase()).join(".");
}

/** True when the DN is a domain root (only DC= components). */
export function isDomainRootDn(dn: string | undefined): boolean {
  return !!dn && dn.split(",").every((part) => /^\s*DC=/i.test(part));
}

/** Server.agentInstalled: 1 / 0 from the facts, null when not collected. */
export function agentFlag(facts: HostFacts): number | null {
  const installed = facts.agent?.installed;
  return typeof installed === "boolean" ? (installed ? 1 : 0) : null;
}
