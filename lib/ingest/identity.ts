import { MAX_DNS_LABEL_LENGTH, MAX_FQDN_LENGTH } from "./limits";
import { displayValue } from "./text/display";

/**
 * Host identity normalisation shared by every host-inventory format:
 * FQDNs and DNS domains lower-case without trailing dots; NetBIOS names upper-case;
 * "\\SRV01" (UNC) and "CORP\SRV01$" (account form) accepted; short names qualified with the record's
 * domain or ParseOptions.defaultDomain.
 */

/** Longest NetBIOS computer / domain name. */
const NETBIOS_MAX = 15;

const LABEL = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?$/u;

/** "\\SRV01.corp.contoso.com." -> "srv01.corp.contoso.com" (no validation). */
export function normalizeDnsName(raw: string): string {
  // Trailing dots are cut with a loop: /\.+$/ is quadratic on a long run of dots that is not at the end.
  const name = raw.trim().replace(/^\\\\+/, "");
  let end = name.length;
  while (end > 0 && name.charCodeAt(end - 1) === 46) end--;
  return name.slice(0, end).toLowerCase();
}

/** "corp" -> "CORP". */
export function normalizeNetbiosName(raw: string): string {
  return raw.trim().replace(/^\\\\+/, "").replace(/\$$/, "").toUpperCase();
}

/** Why a DNS name is not acceptable, or undefined when it is fine. */
export function dnsNameProblem(name: string): string | undefined {
  if (name === "") return "the host name is empty";
  if (name.length > MAX_FQDN_LENGTH) return `the host name is ${name.length} characters long (at most ${MAX_FQDN_LENGTH} are allowed)`;
  const labels = name.split(".");
  for (const label of labels) {
    if (label === "") return `${displayValue(name)} has an empty part between dots`;
    if (label.length > MAX_DNS_LABEL_LENGTH) {
      return `${displayValue(name)} has a part longer than ${MAX_DNS_LABEL_LENGTH} characters`;
    }
    if (!LABEL.test(label)) {
      return `${displayValue(name)} is not a valid host name (only letters, digits, "-" and "_" are allowed between dots)`;
    }
  }
  return undefined;
}

export interface HostIdentityInput {
  /** Whatever the file calls the host: "SRV01", "srv01.corp.contoso.com", "\\SRV01", "CORP\SRV01$". */
  name?: string;
  /** A DNS host name when the file has one separately (CsDNSHostName, DNSHostName). */
  dnsHostName?: string;
  /** The record's DNS domain (CsDomain, Domain column). Ignored when `partOfDomain` is false. */
  domain?: string;
  /** NetBIOS computer name when the file has it separately (CsName). */
  netbiosName?: string;
  netbiosDomain?: string;
  /** False for workgroup machines: their "domain" is a workgroup name, never used to qualify. */
  partOfDomain?: boolean;
  /** ParseOptions.defaultDomain. */
  defaultDomain?: string;
}

export interface HostIdentity {
  fqdn?: string;
  netbiosName?: string;
  domain?: string;
  netbiosDomain?: string;
}

export type HostIdentityResult =
  | { ok: true; identity: HostIdentity; /** True when the name could not be qualified with any domain. */ unqualified: boolean }
  | { ok: false; message: string };

function looksLikeDnsDomain(value: string): boolean {
  return value.includes(".");
}

export function normalizeHostIdentity(input: HostIdentityInput): HostIdentityResult {
  const identity: HostIdentity = {};
  let rawName = (input.dnsHostName ?? "").trim() || (input.name ?? "").trim();
  if (rawName === "" && input.netbiosName !== undefined) rawName = input.netbiosName.trim();
  if (rawName === "") return { ok: false, message: "the host name is empty" };

  // "CORP\SRV01$" -> NetBIOS domain CORP, computer SRV01.
  let netbiosDomain = input.netbiosDomain?.trim() || undefined;
  const slash = rawName.indexOf("\\", rawName.startsWith("\\\\") ? 2 : 0);
  if (!rawName.startsWith("\\\\") && slash > 0) {
    netbiosDomain ??= rawName.slice(0, slash);
    rawName = rawName.slice(slash + 1);
  }
  rawName = rawName.replace(/\$$/, "");

  const name = normalizeDnsName(rawName);
  const problem = dnsNameProblem(name);
  if (problem !== undefined) return { ok: false, message: problem };

  const joined = input.partOfDomain !== false;
  let domain = joined && input.domain !== undefined && input.domain.trim() !== "" ? normalizeDnsName(input.domain) : undefined;
  if (domain !== undefined && !looksLikeDnsDomain(domain)) {
    // A single-label "domain" column is usually the NetBIOS domain name ("CORP").
    netbiosDomain ??= domain;
    domain = undefined;
  }
  if (domain !== undefined) {
    const domainProblem = dnsNameProblem(domain);
    if (domainProblem !== undefined) return { ok: false, message: `domain: ${domainProblem}` };
  }

  let unqualified = false;
  const dot = name.indexOf(".");
  if (dot > 0) {
    identity.fqdn = name;
    domain ??= name.slice(dot + 1);
  } else {
    const qualifier = domain ?? (joined && input.defaultDomain ? normalizeDnsName(input.defaultDomain) : undefined);
    if (qualifier !== undefined && qualifier !== "") {
      identity.fqdn = `${name}.${qualifier}`;
      if (identity.fqdn.length > MAX_FQDN_LENGTH) {
        return { ok: false, message: `the qualified host name is longer than ${MAX_FQDN_LENGTH} characters` };
      }
      domain ??= qualifier;
    } else {
      identity.fqdn = name;
      unqualified = joined;
    }
  }

  const firstLabel = identity.fqdn.split(".")[0];
  const netbios = input.netbiosName?.trim() ? normalizeNetbiosName(input.netbiosName) : firstLabel.toUpperCase();
  if (netbios !== "" && netbios.length <= NETBIOS_MAX && LABEL.test(netbios)) identity.netbiosName = netbios;
  if (domain !== undefined && joined) identity.domain = domain;
  if (netbiosDomain !== undefined && joined) {
    const upper = normalizeNetbiosName(netbiosDomain);
    if (upper !== "" && upper.length <= NETBIOS_MAX && LABEL.test(upper)) identity.netbiosDomain = upper;
  }
  return { ok: true, identity, unqualified };
}
