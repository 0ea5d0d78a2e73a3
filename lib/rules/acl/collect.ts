import type { RuleContext } from "@/lib/rules/types";

/** How to collect what the gMSA rules read. Commands name this domain when its DN is known. */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

export function domainDnOf(ctx: RuleContext): string | null {
  return nonEmpty(isRecord(ctx.domain) ? ctx.domain.distinguishedName : undefined);
}

/** The Get-Acl / dsacls commands that export the domain root's ACL. */
export function collectAclCommand(ctx: RuleContext): string {
  const dn = domainDnOf(ctx);
  const getAcl =
    dn === null
      ? `$dn = (Get-ADDomain).DistinguishedName; Get-Acl "AD:\\$dn" | Select-Object -ExpandProperty Access | Export-Csv -Path gmsa-acl.csv -NoTypeInformation`
      : `Get-Acl "AD:\\${dn}" | Select-Object -ExpandProperty Access | Export-Csv -Path gmsa-acl.csv -NoTypeInformation`;
  const dsacls = `dsacls "${dn ?? "<domain DN>"}" > gmsa-acl.txt`;
  return `${getAcl} (or: ${dsacls}), then upload it as a gMSA ACL export naming the gMSA, e.g. CORP\\provAgentgMSA$.`;
}

export const COLLECT_ACCOUNT =
  "Name the gMSA when uploading the ACL export (e.g. CORP\\provAgentgMSA$), or upload the domain facts with the gMSA: " +
  "Get-ADServiceAccount -Identity provAgentgMSA -Properties PrincipalsAllowedToRetrieveManagedPassword, objectSid";

export const COLLECT_MEMBERSHIPS =
  "Upload the domain facts with group memberships, e.g. Get-ADPrincipalGroupMembership -Identity 'provAgentgMSA$' | Select-Object Name, SID " +
  "(and for a host: Get-ADComputer SYNC01 -Properties MemberOf).";

export function collectRetrievalCommand(gmsaName: string): string {
  return `Get-ADServiceAccount -Identity '${gmsaName.replace(/'/g, "''")}' -Properties PrincipalsAllowedToRetrieveManagedPassword | Select-Object -ExpandProperty PrincipalsAllowedToRetrieveManagedPassword`;
}

export const COLLECT_HOST_IDENTITY =
  "Collect the host inventory with its identity: $env:COMPUTERNAME, (Get-CimInstance Win32_ComputerSystem).Domain and the computer account SID " +
  "((Get-ADComputer $env:COMPUTERNAME).SID).";
