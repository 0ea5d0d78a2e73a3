import type { Random } from "./prng";

/**
 * What a demo domain looks like. Profiles are assigned to the domains in order (and repeat), so a
 * fleet always shows the spectrum a real estate has:
 * - healthy: current schema, KDS root key, gMSA and a complete ACL, modest sync scope;
 * - mixed: domain-level warnings (protected objects, an older DC, 2012 R2 functional level, excess gMSA
 *   rights, group scoping near the 50,000-member limit) and one site that blocks outbound port 80;
 * - legacy: 2012 R2 schema, no KDS root key, no gMSA yet, a sync scope over the documented limits.
 */
export type DomainProfile = "healthy" | "mixed" | "legacy";
export const DOMAIN_PROFILES: readonly DomainProfile[] = ["healthy", "mixed", "legacy"];

/** A demo AD domain: names and identifiers every generated fact about it agrees on. */
export interface DemoDomain {
  /** Lower-case DNS name, e.g. "corp.contoso.com". */
  dnsName: string;
  /** Upper-case NetBIOS name, e.g. "CORP". */
  netbiosName: string;
  /** "DC=corp,DC=contoso,DC=com". */
  distinguishedName: string;
  /** "S-1-5-21-x-y-z" (append "-<rid>"). */
  sidPrefix: string;
  /** Three-letter site codes used in host names. */
  sites: readonly string[];
  profile: DomainProfile;
  /** Share of the fleet's servers in this domain (weights, not necessarily summing to 1). */
  weight: number;
}

export const DEFAULT_DOMAINS: readonly string[] = ["corp.contoso.com", "emea.contoso.com", "fabrikam.com"];

const SITE_SETS: readonly (readonly string[])[] = [
  ["ams", "fra", "lon"],
  ["par", "mad", "mil"],
  ["nyc", "chi"],
];
const WEIGHTS: Readonly<Record<DomainProfile, number>> = { healthy: 0.55, mixed: 0.3, legacy: 0.15 };

export function distinguishedNameOf(dnsName: string): string {
  return dnsName
    .split(".")
    .map((label) => `DC=${label}`)
    .join(",");
}

/** NetBIOS name: the first label, upper-case, at most 15 characters. */
export function netbiosNameOf(dnsName: string): string {
  return dnsName.split(".")[0].toUpperCase().slice(0, 15);
}

export function buildDomains(names: readonly string[], random: Random): DemoDomain[] {
  return names.map((raw, index) => {
    const dnsName = raw.trim().toLowerCase();
    const profile = DOMAIN_PROFILES[index % DOMAIN_PROFILES.length];
    const sidPrefix = `S-1-5-21-${random.int(1_000_000_000, 4_000_000_000)}-${random.int(1_000_000_000, 4_000_000_000)}-${random.int(1_000_000_000, 4_000_000_000)}`;
    return {
      dnsName,
      netbiosName: netbiosNameOf(dnsName),
      distinguishedName: distinguishedNameOf(dnsName),
      sidPrefix,
      sites: SITE_SETS[index % SITE_SETS.length],
      profile,
      weight: WEIGHTS[profile],
    };
  });
}

/** "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx", lower-case. */
export function guid(random: Random): string {
  const h = random.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** asOf shifted by a number of hours, as an ISO timestamp (pure date arithmetic, no clock). */
export function hoursBefore(asOf: string, hours: number): string {
  return new Date(Date.parse(asOf) - hours * 3_600_000).toISOString();
}
