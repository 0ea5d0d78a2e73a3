import { DEFAULT_AS_OF, generateFleet } from "@/lib/demo";
import { toInventoryCsv } from "@/lib/demo/exports";

/** The three domains of a bench file: each file of a suite uses its own, so its servers are new. */
export function domainsFor(tag: string): string[] {
  return [`${tag}-corp.contoso.com`, `${tag}-emea.contoso.com`, `${tag}-fabrikam.com`];
}

/** An inventory CSV (lib/demo/exports, 40 columns) of a generated fleet in the tag's domains. */
export function csvFor(servers: number, seed: string, tag: string, asOf = DEFAULT_AS_OF): string {
  return toInventoryCsv(generateFleet({ servers, seed, domains: domainsFor(tag), asOf }).hosts);
}
