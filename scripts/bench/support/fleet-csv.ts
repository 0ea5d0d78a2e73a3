import { DEFAULT_AS_OF, generateFleet } from "@/lib/demo";
import { toInventoryCsv } from "@/lib/demo/exports";

/** The three domains of a bench file: each file of a suite uses its own, and its own servers (fleetFor). */
export function domainsFor(tag: string): string[] {
  return [`${tag}-corp.contoso.com`, `${tag}-emea.contoso.com`, `${tag}-fabrikam.com`];
}

/**
 * The generated fleet of a bench file: the tag's domains, and the tag in the seed. The servers' objectGUIDs come from
 * the seed, and the upload matches a server by objectGUID across renames: with one seed for every tag, host i of each
 * file had the same objectGUID, so a later file "moved" an earlier file's servers into its domains instead of adding
 * new ones. The same tag (and seed) gives the same servers (an update of that file's fleet, on another day).
 */
export function fleetFor(servers: number, seed: string, tag: string, asOf = DEFAULT_AS_OF): ReturnType<typeof generateFleet> {
  return generateFleet({ servers, seed: `${seed}:${tag}`, domains: domainsFor(tag), asOf });
}

/** An inventory CSV (lib/demo/exports, 40 columns) of a generated fleet in the tag's domains. */
export function csvFor(servers: number, seed: string, tag: string, asOf = DEFAULT_AS_OF): string {
  return toInventoryCsv(fleetFor(servers, seed, tag, asOf).hosts);
}
