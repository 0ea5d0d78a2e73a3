import { MAX_MEMBERS } from "../scope-group-members";
import { MAX_OBJECTS_PER_DOMAIN } from "../scope-object-count";
import { HARD_LIMIT, SOFT_LIMIT } from "../scope-ou-count";

/** The documented sync-scope limits the scope rules judge, for screens that show them next to the figures. */
export const SCOPE_LIMITS = {
  /** Separate OUs + groups per configuration: a warning above this (4 MB scope filter cap). */
  separateEntriesSoft: SOFT_LIMIT,
  /** Separate OUs + groups per configuration: never more. */
  separateEntriesHard: HARD_LIMIT,
  /** Members of one scoping group. */
  membersPerGroup: MAX_MEMBERS,
  /** Objects in scope per AD domain, over all its configurations. */
  objectsPerDomain: MAX_OBJECTS_PER_DOMAIN,
} as const;

export type ScopeLimits = typeof SCOPE_LIMITS;

/** The rule that judges each figure a sync configuration is measured by (the scope page's rows). */
export const SCOPE_MEASURE_RULES = {
  separateEntries: "scope-ou-count",
  largestGroup: "scope-group-members",
  objects: "scope-object-count",
  phsInetOrgPerson: "scope-phs-inetorgperson",
  groupScoping: "scope-known-limitations",
} as const;
