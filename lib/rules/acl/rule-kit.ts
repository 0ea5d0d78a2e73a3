import type { AclFacts, DomainFacts } from "@/lib/facts";
import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import type { CollectHint, Evidence, RuleContext, RuleOutcome } from "@/lib/rules/types";
import { analyzeAcl, isSatisfied, normalizeDn, UNKNOWN_INHERITANCE_HINT, type AclAnalysis, type PermissionFinding } from "./analyze";
import { collectAclHint, COLLECT_ACCOUNT, COLLECT_MEMBERSHIPS_TEXT, domainDnOf } from "./collect";
import { objectTypeText } from "./describe";
import { collectUnresolved, UNRESOLVED_FACT } from "./unresolved";
import { rightsLabel } from "@/lib/facts";

/** Shared steps of the gMSA ACL rules: read the facts, analyse, turn findings into evidence and outcomes. */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export type Prepared =
  | { ok: true; analysis: AclAnalysis; account: string; context: Evidence[]; collectInheritance: CollectHint }
  | { ok: false; outcome: RuleOutcome };

/** The collector's error reading the domain root's ACL (domain.aclErrors), when it recorded one. */
function rootAclError(ctx: RuleContext): { targetDn: string; message: string } | null {
  const errors: unknown = isRecord(ctx.domain) ? ctx.domain.aclErrors : undefined;
  if (!Array.isArray(errors)) return null;
  const root = domainDnOf(ctx);
  for (const entry of errors) {
    if (!isRecord(entry) || typeof entry.targetDn !== "string" || typeof entry.message !== "string") continue;
    if (root === null || normalizeDn(entry.targetDn) === normalizeDn(root)) return { targetDn: entry.targetDn, message: entry.message };
  }
  return null;
}

/** The ACL analysis for this context, or the unknown outcome saying what to collect. */
export function prepareAcl(ctx: RuleContext): Prepared {
  if (!isRecord(ctx.acl)) {
    const failed = rootAclError(ctx);
    if (failed !== null) {
      return {
        ok: false,
        outcome: unknown(
          "acl",
          collectAclHint(ctx),
          `The collector could not read the ACL of the domain root ${failed.targetDn} (${failed.message}), and no other export of it was uploaded, so the gMSA's permissions cannot be judged.`,
          [evidence("domain.aclErrors", failed, "the domain root's access rules, read by the collector with -IncludeDomain or uploaded as a Get-Acl export")],
        ),
      };
    }
    return {
      ok: false,
      outcome: unknown("acl", collectAclHint(ctx), "No ACL export of the domain root was uploaded for the gMSA, so its permissions cannot be judged."),
    };
  }
  if (!Array.isArray(ctx.acl.aces)) {
    return {
      ok: false,
      outcome: unknown("acl.aces", collectAclHint(ctx), "The ACL export carries no access rules (acl.aces), so the gMSA's permissions cannot be judged."),
    };
  }
  const domain: DomainFacts | undefined = isRecord(ctx.domain) ? ctx.domain : undefined;
  const acl: AclFacts = ctx.acl;
  const analysis = analyzeAcl(acl, domain);
  if (analysis.account === null) {
    return {
      ok: false,
      outcome: unknown("acl.account", COLLECT_ACCOUNT, "The ACL export does not say which gMSA it is judged for, and no gMSA is on record for the domain."),
    };
  }
  const readable = analysis.aceCount - analysis.skippedAces.filter((s) => s.index >= 0).length;
  if (analysis.aceCount > 0 && readable === 0) {
    return {
      ok: false,
      outcome: unknown(
        "acl.aces",
        collectAclHint(ctx),
        `None of the ${analysis.aceCount} access rules in the ACL export could be read (${analysis.skippedAces[0]?.reason ?? "invalid"}); export it again.`,
        [evidence("acl.aces", analysis.skippedAces, "ACEs with identity, rights, accessType, objectType, inheritedObjectType, inheritanceType")],
      ),
    };
  }
  return { ok: true, analysis, account: analysis.account, context: contextEvidence(analysis), collectInheritance: collectInheritance(ctx) };
}

/** Evidence about the export itself: wrong target, unread ACEs, missing membership data. */
function contextEvidence(analysis: AclAnalysis): Evidence[] {
  const items: Evidence[] = [];
  if (analysis.targetIsDomainRoot === false) {
    items.push(
      evidence(
        "acl.targetDn",
        analysis.targetDn,
        `the domain root${analysis.domainRootDn === null ? "" : ` (${analysis.domainRootDn})`}: the documented permissions are granted there, so an export of another object may not show them`,
      ),
    );
  } else if (analysis.targetDn === null) {
    items.push(evidence("acl.targetDn", null, "the domain root's DN, to confirm the export is of the domain root"));
  }
  if (analysis.accountSource === "domain.gmsa") {
    items.push(evidence("acl.account", null, `the gMSA the export is judged for; ${analysis.account} (domain.gmsa) was used`));
  }
  if (analysis.skippedAces.length > 0) {
    items.push(evidence("acl.aces", analysis.skippedAces, "every ACE readable; unreadable ones were ignored"));
  }
  if (!analysis.membership.dataPresent) {
    items.push(evidence("domain.groupMemberships", null, `group memberships of ${analysis.account ?? "the gMSA"}, so that grants to groups can be counted`));
  }
  return items;
}

/** "Allow CORP\provAgentgMSA$: ReadProperty on all properties/rights/child classes, all descendant user objects". */
export function expectedGrant(finding: PermissionFinding, account: string): string {
  const alternatives =
    finding.required.inheritedObjectTypeNames.length > 1 ? ` (accepted classes: ${finding.required.inheritedObjectTypeNames.join(" or ")})` : "";
  return `Allow ${account}: ${rightsLabel(finding.required.rights)} on ${objectTypeText(finding.required.objectType)}, ${finding.required.appliesText}${alternatives}`;
}

/** One evidence item per required permission: what satisfies it, what denies it, and near misses. */
export function permissionEvidence(finding: PermissionFinding, account: string): Evidence {
  const fact = finding.satisfiedBy.length === 1 ? `acl.aces[${finding.satisfiedBy[0].index}]` : "acl.aces";
  return evidence(
    fact,
    {
      permission: finding.label,
      status: finding.status,
      satisfiedBy: finding.satisfiedBy.map((a) => (a.via === null ? a.summary : `${a.summary} [via ${a.via.join(" → ")}]`)),
      deniedBy: finding.deniedBy.map((d) => `${d.ace.summary}${d.partial ? " (partial)" : ""}`),
      ...(finding.undetermined.length > 0 ? { undetermined: finding.undetermined.map((a) => `acl.aces[${a.index}]: ${a.summary}`) } : {}),
      notes: finding.notes,
    },
    expectedGrant(finding, account),
  );
}

function statusWord(finding: PermissionFinding): string {
  switch (finding.status) {
    case "present":
      return "present";
    case "covered-by-inheritance":
      return "covered by a broader or inherited ACE";
    case "covered-by-group": {
      const via = finding.satisfiedBy.find((a) => a.via !== null)?.via;
      return via === undefined || via === null ? "covered by a group" : `covered by group ${via.join(" → ")}`;
    }
    case "denied":
      return "denied";
    case "unknown":
      return finding.undetermined.length === 0 && finding.unresolvedBy.length > 0 ? "unknown (an ACE names a custom schema object)" : "unknown (inheritance not exported)";
    case "missing":
      return "missing";
  }
}

/** The fact and the collect hint of an Unknown caused by ACEs whose inheritance was not exported. */
export const UNKNOWN_INHERITANCE_FACT = "acl.aces[].inheritanceType";

export function collectInheritance(ctx: RuleContext): CollectHint {
  return collectAclHint(ctx, "The ACL export lacks the InheritanceType column (and InheritanceFlags/PropagationFlags): export it again with every column. ");
}

/**
 * Pass when every selected permission is held; fail listing the missing and denied ones.
 * `what` names the requirement ("Read all properties on the six descendant object classes").
 */
export function permissionsOutcome(
  prepared: Extract<Prepared, { ok: true }>,
  findings: readonly PermissionFinding[],
  what: string,
  preface = "",
): RuleOutcome {
  const { analysis, account } = prepared;
  const items = [...findings.map((f) => permissionEvidence(f, account)), ...prepared.context];
  const target = analysis.targetDn ?? "the exported object";
  const lead = preface === "" ? "" : `${preface} `;
  const bad = findings.filter((f) => !isSatisfied(f.status));
  if (bad.length === 0) {
    // Name each row by what differs between them: where it applies (read rows) or what it grants (PHS, writeback).
    const sameAccess = new Set(findings.map((f) => f.access)).size === 1;
    const details = findings.map((f) => `${sameAccess ? f.appliesTo : f.access}: ${statusWord(f)}`).join("; ");
    return pass(`${lead}${account} holds ${what} on ${target} (${details}).`, items);
  }
  const missing = bad.filter((f) => f.status === "missing").map((f) => f.label);
  const denied = bad.filter((f) => f.status === "denied").map((f) => f.label);
  if (missing.length === 0 && denied.length === 0) {
    // Only permissions that ACEs with unknown inheritance could satisfy (or a Deny among them could take away).
    const open = bad.filter((f) => f.status === "unknown");
    const unresolvedAces = open.flatMap((f) => f.unresolvedBy);
    if (open.every((f) => f.undetermined.length === 0) && unresolvedAces.length > 0) {
      // Only ACEs naming something outside the default schema (unresolved.ts) could change these.
      const named = [...new Map(unresolvedAces.map((a) => [a.index, `acl.aces[${a.index}] (${a.summary})`])).values()];
      return unknown(
        UNRESOLVED_FACT,
        collectUnresolved(unresolvedAces),
        `${lead}Whether ${account} holds ${what} on ${target} depends on ${named.join(", ")}, which names something not in the default ` +
          `Active Directory schema (a custom schema extension?). Open: ${open.map((f) => f.label).join("; ")}.`,
        items,
      );
    }
    const aces = [...new Set(open.flatMap((f) => [...f.undetermined, ...f.unresolvedBy].map((a) => `acl.aces[${a.index}]`)))];
    return unknown(
      UNKNOWN_INHERITANCE_FACT,
      prepared.collectInheritance,
      `${lead}Whether ${account} holds ${what} on ${target} depends on ${aces.join(", ")}: ${UNKNOWN_INHERITANCE_HINT} ` +
        `Open: ${open.map((f) => f.label).join("; ")}.`,
      items,
    );
  }
  // Only partial Denies (one property, right, class or level out of a broader grant) and nothing missing: a warning.
  const onlyPartlyDenied = bad.every((f) => f.status === "denied" && f.deniedPartly);
  const parts = [
    missing.length > 0 ? `missing: ${missing.join("; ")}` : "",
    denied.length > 0 ? `${onlyPartlyDenied ? "partly cancelled" : "cancelled"} by Deny ACEs: ${denied.join("; ")}` : "",
  ]
    .filter((p) => p !== "")
    .join(". ");
  const wrongTarget = analysis.targetIsDomainRoot === false ? ` The export is of ${target}, not the domain root, where these rights are granted.` : "";
  const candidates = [...new Set(bad.flatMap((f) => f.unverifiedGroupGrants))];
  const groups =
    candidates.length > 0
      ? ` ACEs for ${candidates.join(", ")} would count if the gMSA is a member, but no group membership data was supplied: ${COLLECT_MEMBERSHIPS_TEXT}`
      : "";
  if (onlyPartlyDenied) {
    return fail(
      `${lead}${account} holds ${what} on ${target} except what Deny ACEs take away from part of it: ${parts}. ` +
        "The agent fails only where it needs the denied property, right or class; remove the Deny ACEs unless that is intended.",
      items,
      "warning",
    );
  }
  return fail(`${lead}${account} lacks ${what} on ${target}: ${parts}.${wrongTarget}${groups}`, items);
}
