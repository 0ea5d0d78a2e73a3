import { z } from "zod";
import { guidSchema, isoDateTime } from "./common";

/** ActiveDirectorySecurityInheritance names (None 0, All 1, Descendents 2, SelfAndChildren 3, Children 4). */
export const inheritanceTypeSchema = z.enum(["None", "All", "Descendents", "SelfAndChildren", "Children"]);
export type InheritanceType = z.infer<typeof inheritanceTypeSchema>;

/**
 * An ACE's inheritance as stored: an InheritanceType, or "unknown" when the export did not carry it (a Get-Acl table
 * without the InheritanceType / InheritanceFlags / PropagationFlags columns). Rules answer Unknown where it matters.
 */
export const aceInheritanceSchema = z.union([inheritanceTypeSchema, z.literal("unknown")]);
export type AceInheritance = z.infer<typeof aceInheritanceSchema>;

export const aceSchema = z.object({
  /** IdentityReference as exported: "CORP\\provAgentgMSA$", "NT AUTHORITY\\SELF", or a SID. */
  identity: z.string().min(1),
  /** ActiveDirectoryRights as a bitmask (GenericAll = 0xF01FF). */
  rights: z.number().int().nonnegative(),
  accessType: z.enum(["allow", "deny"]),
  /** ObjectType GUID; EMPTY_GUID means all properties/rights. */
  objectType: guidSchema,
  /** InheritedObjectType GUID; EMPTY_GUID means every class. */
  inheritedObjectType: guidSchema,
  /** "unknown" when the export lacked the inheritance columns (see aceInheritanceSchema). */
  inheritanceType: aceInheritanceSchema,
  /** True when the ACE was inherited from a parent object. */
  isInherited: z.boolean(),
  /**
   * Set by text parsers (dsacls) when a name they print is in no default schema (a custom schema extension): the
   * name, for the GUID field it stands for. That field then holds UNRESOLVED_GUID (lib/facts/ad/schema-lookup.ts),
   * never EMPTY_GUID, so the entry never reads as "all properties" or "every class"; the gMSA rules answer Unknown
   * when such an entry belongs to the gMSA or its groups (lib/rules/acl/normalize.ts).
   */
  unresolved: z
    .object({ objectType: z.string().min(1).optional(), inheritedObjectType: z.string().min(1).optional() })
    .strict()
    .optional(),
});
export type Ace = z.infer<typeof aceSchema>;

export const aclFactsSchema = z
  .object({
    /** The object whose ACL was exported, e.g. "DC=corp,DC=contoso,DC=com". */
    targetDn: z.string(),
    /** The gMSA the export is judged for, e.g. "CORP\\provAgentgMSA$". */
    account: z.string(),
    accountSid: z.string(),
    aces: z.array(aceSchema),
    /**
     * True when `aces` are in the DACL's own order (Get-Acl's Access list, an SDDL string, the collector), so that an
     * Allow listed before a Deny is known to be evaluated first. Absent or false (dsacls groups entries by where they
     * apply): only the canonical order is assumed, in which an explicit Allow precedes an inherited Deny.
     */
    aclOrdered: z.boolean(),
    collectedAt: isoDateTime,
  })
  .partial();

export type AclFacts = z.infer<typeof aclFactsSchema>;
