import { aceSchema, sddlAliasIdentity, wellKnownSidName, type Ace } from "@/lib/facts";
import { inheritanceFromFlags } from "./enums";
import type { SddlAce } from "./sddl";

/**
 * SDDL ACEs -> the facts model. Inheritance follows System.DirectoryServices: CI/OI -> InheritanceFlags,
 * NP/IO -> PropagationFlags, then the §3.5 table to ActiveDirectorySecurityInheritance (None, All, Descendents,
 * SelfAndChildren, Children); ID -> isInherited.
 *
 * Trustees: machine-independent well-known SIDs and aliases become the names Get-Acl prints ("NT AUTHORITY\SELF",
 * "BUILTIN\Account Operators"); domain-relative aliases (DA, DU, …) become "<domain>\Domain Admins" when the
 * domain's DNS name is known from the target DN, else the bare group name; any other SID stays a SID.
 */

export interface SddlNames {
  /** DNS name of the object's domain ("corp.contoso.com"), from the target DN's DC= parts. */
  domain?: string;
}

/** "CN=x,OU=y,DC=corp,DC=contoso,DC=com" -> "corp.contoso.com"; undefined without DC= parts. */
export function dnsNameOfDn(dn: string | undefined): string | undefined {
  if (dn === undefined) return undefined;
  const parts = dn
    .split(/(?<!\\),/)
    .map((p) => p.trim())
    .filter((p) => /^DC=/i.test(p))
    .map((p) => p.slice(3).trim());
  return parts.length > 0 && parts.every((p) => p !== "") ? parts.join(".").toLowerCase() : undefined;
}

/** The identity an SDDL trustee stands for (see module comment). */
export function sddlTrusteeIdentity(trustee: string, names: SddlNames = {}): string {
  if (/^S-1-/i.test(trustee)) return wellKnownSidName(trustee) ?? trustee.toUpperCase();
  return sddlAliasIdentity(trustee, { domain: names.domain }) ?? trustee;
}

/** The InheritanceType the ACE flags mean. */
export function sddlInheritance(ace: Pick<SddlAce, "containerInherit" | "objectInherit" | "noPropagateInherit" | "inheritOnly">) {
  const inheritanceFlags = (ace.containerInherit ? 1 : 0) | (ace.objectInherit ? 2 : 0);
  const propagationFlags = (ace.noPropagateInherit ? 1 : 0) | (ace.inheritOnly ? 2 : 0);
  return inheritanceFromFlags(inheritanceFlags, propagationFlags);
}

export type SddlAceBuild = { ok: true; ace: Ace } | { ok: false; message: string } | { ok: "skip"; note: string };

export function sddlAceToAce(ace: SddlAce, names: SddlNames = {}): SddlAceBuild {
  if (ace.inheritOnly && !ace.containerInherit) {
    return { ok: "skip", note: `ACE ${ace.position} is inherit-only (IO) but not inheritable (no CI), so it applies to no object; it was skipped.` };
  }
  const candidate: Ace = {
    identity: sddlTrusteeIdentity(ace.trustee, names),
    rights: ace.rights,
    accessType: ace.accessType,
    objectType: ace.objectType,
    inheritedObjectType: ace.inheritedObjectType,
    inheritanceType: sddlInheritance(ace),
    isInherited: ace.inherited,
  };
  const checked = aceSchema.safeParse(candidate);
  if (!checked.success) return { ok: false, message: checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { ok: true, ace: checked.data };
}
