import { aclFactsSchema, type AceProperty, type AclFacts, type DomainFacts } from "@/lib/facts";
import { buildAce } from "../acl/build-ace";
import { normalizeTargetDn } from "../acl/assemble";
import { formatJsonPath, type CollectorAccessRule, type CollectorAclObject, type CollectorDomain, type CollectorIssue, type CollectorOutput } from "./schema";
import { displayValue } from "../text/display";

/**
 * `domain.acls` of a collector report (schemaVersion 2) -> one AclFacts per object read, for the gMSA the report
 * names, exactly as an uploaded Get-Acl export of that object would give: every access rule goes through
 * lib/ingest/acl/build-ace.ts, the mapping the Get-Acl parsers use. Objects the collector could not read become
 * `DomainFacts.aclErrors`, so the gMSA ACL rules can say why they have nothing to judge.
 */

export type AclError = NonNullable<DomainFacts["aclErrors"]>[number];

export interface CollectorAcls {
  acls: AclFacts[];
  aclErrors: AclError[];
  /** Problems that make the report unusable (an access rule that cannot be read): the report is rejected. */
  errors: CollectorIssue[];
  warnings: CollectorIssue[];
}

/** Where each Get-Acl property is in a report's access rule; undefined: the collector does not write it (redundant). */
const RULE_KEYS: Record<AceProperty, keyof CollectorAccessRule | undefined> = {
  ActiveDirectoryRights: "activeDirectoryRights",
  InheritanceType: "inheritanceType",
  ObjectType: "objectType",
  InheritedObjectType: "inheritedObjectType",
  ObjectFlags: undefined,
  AccessControlType: "accessControlType",
  IdentityReference: "identityReference",
  IsInherited: "isInherited",
  InheritanceFlags: undefined,
  PropagationFlags: undefined,
};

function str(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The gMSA the ACLs are judged for: NETBIOS\sam (as Get-Acl names it) and its SID; nothing when it was not found. */
function gmsaAccount(domain: CollectorDomain): { account?: string; accountSid?: string } {
  const gmsa = domain.gmsa;
  if (!gmsa || gmsa.found === false) return {};
  const sam = str(gmsa.samAccountName);
  const netbios = str(domain.netbiosName)?.toUpperCase();
  const out: { account?: string; accountSid?: string } = {};
  if (sam) out.account = netbios ? `${netbios}\\${sam}` : sam;
  const sid = str(gmsa.sid)?.toUpperCase();
  if (sid) out.accountSid = sid;
  return out;
}

/** The probe message without the "<dn>: " the script puts in front of it (the DN is kept separately). */
function errorMessage(object: CollectorAclObject): string {
  const message = object.error?.message.trim() ?? "";
  const prefix = `${object.distinguishedName}:`;
  const bare = message.startsWith(prefix) ? message.slice(prefix.length).trim() : message;
  return bare === "" ? "the collector recorded an error without a message" : bare;
}

class AclNormalizer {
  readonly out: CollectorAcls = { acls: [], aclErrors: [], errors: [], warnings: [] };

  constructor(
    private readonly account: { account?: string; accountSid?: string },
    private readonly collectedAt: string,
    private readonly domainDn: string | undefined,
  ) {}

  object(object: CollectorAclObject, path: string): void {
    const targetDn = normalizeTargetDn(object.distinguishedName);
    if (targetDn === undefined) {
      this.out.errors.push({ path: `${path}.distinguishedName`, message: `${displayValue(String(object.distinguishedName))} is not a distinguished name such as OU=Servers,DC=corp,DC=contoso,DC=com` });
      return;
    }
    if (object.error) this.out.aclErrors.push({ targetDn, message: errorMessage(object) });
    const rules = object.accessRules;
    if (rules === null || rules === undefined) {
      if (!object.error) this.out.warnings.push({ path: `${path}.accessRules`, message: `the access rules of ${targetDn} were not collected` });
      return;
    }
    if (object.protected === true && !this.isDomainRoot(object, targetDn)) {
      this.out.warnings.push({
        path: `${path}.protected`,
        message:
          `inheritance is disabled on ${targetDn}: permissions granted to the gMSA on the domain root do not reach it or ` +
          `the objects below it unless they are granted there too (see its ACL export)`,
      });
    }
    const aces: NonNullable<AclFacts["aces"]> = [];
    let rejected = false;
    rules.forEach((rule, index) => {
      const rulePath = `${path}.accessRules[${index}]`;
      const built = buildAce({
        get(property: AceProperty) {
          const key = RULE_KEYS[property];
          const value: unknown = key === undefined ? undefined : rule[key];
          if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return undefined;
          return value;
        },
        column(property: AceProperty) {
          return `${rulePath}.${RULE_KEYS[property] ?? property}`;
        },
      });
      if (!built.ok) {
        rejected = true;
        for (const error of built.errors) this.out.errors.push({ path: error.column, message: error.message });
        return;
      }
      for (const warning of built.warnings) this.out.warnings.push({ path: warning.column, message: warning.message });
      aces.push(built.ace);
    });
    // An ACL with an unreadable entry is not stored: a dropped Deny would make the gMSA look better than it is.
    if (rejected) return;
    // GetAccessRules returns the DACL's entries in order.
    const facts: AclFacts = { targetDn, ...this.account, aces, aclOrdered: true, collectedAt: this.collectedAt };
    const checked = aclFactsSchema.safeParse(facts);
    if (!checked.success) {
      for (const issue of checked.error.issues) this.out.errors.push({ path: formatJsonPath([path, ...issue.path]), message: `facts: ${issue.message}` });
      return;
    }
    this.out.acls.push(checked.data);
  }

  private isDomainRoot(object: CollectorAclObject, targetDn: string): boolean {
    if (object.role === "domainRoot") return true;
    return this.domainDn !== undefined && targetDn.replace(/\s*,\s*/g, ",").toLowerCase() === this.domainDn.replace(/\s*,\s*/g, ",").toLowerCase();
  }
}

/** Normalises `domain.acls` (absent in schemaVersion 1 reports: then nothing is produced). */
export function normalizeCollectorAcls(domain: CollectorDomain, output: Pick<CollectorOutput, "errors" | "collector">): CollectorAcls {
  const domainDn = str(domain.distinguishedName);
  const account = gmsaAccount(domain);
  const normalizer = new AclNormalizer(account, output.collector.runAt, domainDn);
  const objects = domain.acls;
  if (objects === undefined) return normalizer.out;
  if (objects === null) {
    // The probe failed as a whole: its error (in `errors`) concerns the domain root, the first object it reads.
    const failure = (output.errors ?? []).find((error) => error.probe === "domain.acls");
    if (failure && domainDn) normalizer.out.aclErrors.push({ targetDn: domainDn, message: failure.message.trim() || "the collector recorded an error without a message" });
    return normalizer.out;
  }
  objects.forEach((object, index) => normalizer.object(object, `domain.acls[${index}]`));
  if (normalizer.out.acls.length > 0 && account.account === undefined) {
    const name = str(domain.gmsa?.requestedName) ?? "the gMSA";
    normalizer.out.warnings.push({
      path: "domain.gmsa",
      message: `${name} was not found or not collected, so the ACLs read name no account to judge; the gMSA ACL rules answer Unknown until the gMSA is known`,
    });
  }
  return normalizer.out;
}
