import type { CollectHint, RuleContext } from "@/lib/rules/types";

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

/** The Get-Acl command that exports the domain root's ACL (one line of PowerShell). */
export function collectAclCommand(ctx: RuleContext): string {
  const dn = domainDnOf(ctx);
  return dn === null
    ? `$dn = (Get-ADDomain).DistinguishedName; Get-Acl "AD:\\$dn" | Select-Object -ExpandProperty Access | Export-Csv -Path gmsa-acl.csv -NoTypeInformation`
    : `Get-Acl "AD:\\${dn}" | Select-Object -ExpandProperty Access | Export-Csv -Path gmsa-acl.csv -NoTypeInformation`;
}

/** The ACL export as a collect hint: the Get-Acl command in the box; dsacls and the upload to make beside it. */
export function collectAclHint(ctx: RuleContext, lead = ""): CollectHint {
  const dn = domainDnOf(ctx);
  return {
    command: collectAclCommand(ctx),
    note:
      `${lead}Upload gmsa-acl.csv as a gMSA ACL export naming the gMSA (e.g. CORP\\provAgentgMSA$). ` +
      `A dsacls listing works too: dsacls "${dn ?? "<domain DN>"}" > gmsa-acl.txt. ` +
      "Or run the collector with -IncludeDomain on a domain controller: it reads the domain root's ACL itself.",
  };
}

export const COLLECT_ACCOUNT: CollectHint = {
  command: "Get-ADServiceAccount -Identity provAgentgMSA -Properties PrincipalsAllowedToRetrieveManagedPassword, objectSid",
  note: "Name the gMSA when uploading the ACL export (e.g. CORP\\provAgentgMSA$), or upload the domain facts with the gMSA this command reads (the collector with -IncludeDomain does both).",
};

export const COLLECT_MEMBERSHIPS: CollectHint = {
  command: "Get-ADPrincipalGroupMembership -Identity 'provAgentgMSA$' | Select-Object Name, SID",
  note: "Upload the domain facts with group memberships (the collector with -IncludeDomain reads them); for a host, its groups come from Get-ADComputer <name> -Properties MemberOf.",
};

/** COLLECT_MEMBERSHIPS as one sentence, for fail messages. */
export const COLLECT_MEMBERSHIPS_TEXT = `upload the domain facts with group memberships, e.g. ${COLLECT_MEMBERSHIPS.command}.`;

export function collectRetrievalCommand(gmsaName: string): CollectHint {
  return {
    command: `Get-ADServiceAccount -Identity '${gmsaName.replace(/'/g, "''")}' -Properties PrincipalsAllowedToRetrieveManagedPassword | Select-Object -ExpandProperty PrincipalsAllowedToRetrieveManagedPassword`,
    note: "Upload the result with the domain facts, or run the collector with -IncludeDomain on a domain controller.",
  };
}

export const COLLECT_HOST_IDENTITY: CollectHint = {
  command: "$env:COMPUTERNAME\n(Get-CimInstance Win32_ComputerSystem).Domain\n(Get-ADComputer $env:COMPUTERNAME).SID",
  note: "Collect the host inventory with its identity (name, domain and computer account SID): the collector records all three.",
};
