import { DOMAIN_RID_NAMES, wellKnownSidName } from "./well-known-sids";

/**
 * The two-letter SID aliases of the Security Descriptor Definition Language (MS-DTYP §2.5.1.1 sid-token,
 * §2.4.2.4 well-known SID structures; "SID Strings" in the Windows security docs): "AU" = Authenticated Users,
 * "DA" = the domain's Domain Admins, ...
 *
 * - `sid`: machine-independent aliases stand for one fixed SID.
 * - `rid` with `domain: "domain"`: relative to the domain of the object (S-1-5-21-<domain>-<rid>).
 * - `rid` with `domain: "forest-root"`: relative to the forest root domain (Enterprise Admins, Schema Admins, ...).
 * The domain SID itself is never in an SDDL alias, so domain-relative aliases resolve to a name, never to a SID.
 */
export type SddlAlias =
  | { alias: string; sid: string }
  | { alias: string; rid: number; domain: "domain" | "forest-root" };

const FIXED: ReadonlyArray<readonly [string, string]> = [
  ["AA", "S-1-5-32-579"],
  ["AC", "S-1-15-2-1"],
  ["AN", "S-1-5-7"],
  ["AO", "S-1-5-32-548"],
  ["AU", "S-1-5-11"],
  ["BA", "S-1-5-32-544"],
  ["BG", "S-1-5-32-546"],
  ["BO", "S-1-5-32-551"],
  ["BU", "S-1-5-32-545"],
  ["CD", "S-1-5-32-574"],
  ["CG", "S-1-3-1"],
  ["CO", "S-1-3-0"],
  ["CY", "S-1-5-32-569"],
  ["ED", "S-1-5-9"],
  ["ER", "S-1-5-32-573"],
  ["ES", "S-1-5-32-576"],
  ["HA", "S-1-5-32-578"],
  ["HI", "S-1-16-12288"],
  ["IS", "S-1-5-32-568"],
  ["IU", "S-1-5-4"],
  ["LS", "S-1-5-19"],
  ["LU", "S-1-5-32-559"],
  ["LW", "S-1-16-4096"],
  ["ME", "S-1-16-8192"],
  ["MP", "S-1-16-8448"],
  ["MS", "S-1-5-32-577"],
  ["MU", "S-1-5-32-558"],
  ["NO", "S-1-5-32-556"],
  ["NS", "S-1-5-20"],
  ["NU", "S-1-5-2"],
  ["OW", "S-1-3-4"],
  ["PO", "S-1-5-32-550"],
  ["PS", "S-1-5-10"],
  ["PU", "S-1-5-32-547"],
  ["RA", "S-1-5-32-575"],
  ["RC", "S-1-5-12"],
  ["RD", "S-1-5-32-555"],
  ["RE", "S-1-5-32-552"],
  ["RM", "S-1-5-32-580"],
  ["RU", "S-1-5-32-554"],
  ["SI", "S-1-16-16384"],
  ["SO", "S-1-5-32-549"],
  ["SS", "S-1-18-2"],
  ["SU", "S-1-5-6"],
  ["SY", "S-1-5-18"],
  ["UD", "S-1-5-84-0-0-0-0-0"],
  ["WD", "S-1-1-0"],
  ["WR", "S-1-5-33"],
];

const DOMAIN_RELATIVE: ReadonlyArray<readonly [string, number]> = [
  ["AP", 525],
  ["CA", 517],
  ["CN", 522],
  ["DA", 512],
  ["DC", 515],
  ["DD", 516],
  ["DG", 514],
  ["DU", 513],
  ["KA", 526],
  ["LA", 500],
  ["LG", 501],
  ["PA", 520],
  ["RS", 553],
];

const FOREST_ROOT_RELATIVE: ReadonlyArray<readonly [string, number]> = [
  ["EA", 519],
  ["EK", 527],
  ["RO", 498],
  ["SA", 518],
];

export const SDDL_SID_ALIASES: ReadonlyMap<string, SddlAlias> = new Map<string, SddlAlias>([
  ...FIXED.map(([alias, sid]) => [alias, { alias, sid }] as const),
  ...DOMAIN_RELATIVE.map(([alias, rid]) => [alias, { alias, rid, domain: "domain" as const }] as const),
  ...FOREST_ROOT_RELATIVE.map(([alias, rid]) => [alias, { alias, rid, domain: "forest-root" as const }] as const),
]);

/** The alias entry for a two-letter token (upper-case as SDDL writes it; lower-case accepted). */
export function sddlAlias(token: string): SddlAlias | undefined {
  return SDDL_SID_ALIASES.get(token.trim().toUpperCase());
}

/**
 * The identity an alias names, as Get-Acl would print it: "AU" -> "NT AUTHORITY\Authenticated Users",
 * "DA" -> "<domain>\Domain Admins" when the domain's name is given, else "Domain Admins" (no domain is invented).
 * Forest-root aliases (EA, SA, RO, EK) take `forestRoot` when given. Undefined for an unknown token.
 */
export function sddlAliasIdentity(token: string, names: { domain?: string; forestRoot?: string } = {}): string | undefined {
  const entry = sddlAlias(token);
  if (entry === undefined) return undefined;
  if ("sid" in entry) return wellKnownSidName(entry.sid) ?? entry.sid;
  const name = DOMAIN_RID_NAMES.get(entry.rid) ?? `RID ${entry.rid}`;
  const prefix = entry.domain === "domain" ? names.domain : names.forestRoot;
  return prefix === undefined || prefix === "" ? name : `${prefix}\\${name}`;
}
