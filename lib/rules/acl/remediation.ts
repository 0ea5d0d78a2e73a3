import type { AclFacts, DomainFacts } from "@/lib/facts";
import type { RuleContext } from "@/lib/rules/types";
import { analyzeAcl, type AclAnalysis, type AceView } from "./analyze";
import { domainDnOf } from "./collect";
import { dsaclsAccount, dsaclsCommand, grantScript, removalScript } from "./scripts";
import type { RequiredPermission } from "./required";

/** Remediation helpers shared by the gMSA ACL rules: static steps and scripts for this domain/account. */

/** Placeholders used in the static remediation steps. */
export const STEP_DN = "<domain DN>";
export const STEP_ACCOUNT = "<DOMAIN>\\provAgentgMSA$";

/** `dsacls "<domain DN>" /I:S /G "<DOMAIN>\provAgentgMSA$:RP;;user"` for each permission. */
export function dsaclsSteps(perms: readonly RequiredPermission[]): string[] {
  return perms.map((p) => `${p.access} (${p.appliesTo}): ${dsaclsCommand(STEP_DN, STEP_ACCOUNT, p)}`);
}

export const CHECK_FIRST_STEP =
  `Check first: Get-Acl "AD:\\${STEP_DN}" | Select-Object -ExpandProperty Access | Where-Object { $_.IdentityReference -like '*provAgentgMSA*' } ` +
  `(or dsacls "${STEP_DN}" | findstr /i provAgentgMSA).`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface Target {
  analysis: AclAnalysis;
  /** Where to grant: the domain root when known, else the exported object. */
  targetDn: string;
  /** DOMAIN\name$ for dsacls. */
  account: string;
  /** False when no ACL was exported (the script then checks every permission itself). */
  aclKnown: boolean;
}

/** Reads the domain root, the gMSA and (when exported) the ACL analysis; null when the script cannot name them. */
export function remediationTarget(ctx: RuleContext): Target | null {
  const domain: DomainFacts | undefined = isRecord(ctx.domain) ? ctx.domain : undefined;
  const aclKnown = isRecord(ctx.acl) && Array.isArray(ctx.acl.aces);
  const acl: AclFacts | undefined = isRecord(ctx.acl) ? ctx.acl : undefined;
  const analysis = analyzeAcl(acl, domain);
  const targetDn = domainDnOf(ctx) ?? analysis.targetDn;
  if (targetDn === null || analysis.account === null) return null;
  const netbios = typeof domain?.netbiosName === "string" && domain.netbiosName.trim() !== "" ? domain.netbiosName.trim() : null;
  return { analysis, targetDn, account: dsaclsAccount(analysis.account, netbios), aclKnown };
}

/**
 * The grant script for the permissions this rule checks that are missing (all of them when no ACL was
 * exported: the script checks each before granting). Null when nothing is missing or the target is unknown.
 * Denied permissions are left to gmsa-acl-deny, whose script removes the Deny ACE first.
 */
export function grantRemediation(ctx: RuleContext, perms: readonly RequiredPermission[], purpose: string): string | null {
  const target = remediationTarget(ctx);
  if (target === null) return null;
  const ids = new Set(
    target.aclKnown ? target.analysis.permissions.filter((f) => f.status === "missing").map((f) => f.id) : perms.map((p) => p.id),
  );
  const todo = perms.filter((p) => ids.has(p.id));
  if (todo.length === 0) return null;
  return grantScript({
    targetDn: target.targetDn,
    account: target.account,
    permissions: todo,
    purpose: `${purpose} Grants ${target.account} on ${target.targetDn}.`,
  });
}

/** Removal script for the given ACEs, re-granting the documented permissions afterwards. */
export function removalRemediation(
  ctx: RuleContext,
  pick: (analysis: AclAnalysis) => readonly AceView[],
  regrant: (analysis: AclAnalysis) => readonly RequiredPermission[],
  purpose: string,
): string | null {
  const target = remediationTarget(ctx);
  if (target === null || !target.aclKnown) return null;
  const remove = pick(target.analysis);
  if (remove.length === 0) return null;
  return removalScript({
    targetDn: target.targetDn,
    account: target.account,
    remove,
    regrant: regrant(target.analysis),
    purpose: `${purpose} Changes the ACL of ${target.targetDn} for ${target.account}.`,
  });
}
