import { COLLECT, HINT, PROTECTED_OBJECTS_HINT } from "./domain/collect";
import { isRecord, missingFact, prop, readArray, readCount, readString } from "./domain/read";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule } from "./types";

const FACT = "domain.protectedObjects";
const MAX_SAMPLES = 10;

export default defineRule({
  meta: {
    id: "domain-protected-objects",
    title: "Objects in sync scope inherit the permissions granted at the domain root (no inheritance-disabled or adminCount=1 objects)",
    severity: "warning",
    scope: "domain",
    rationale:
      "Cloud sync grants the agent's gMSA its permissions at the root of the domain and relies on inheritance to reach " +
      "users, groups and contacts. Objects with inheritance disabled, and privileged accounts whose ACL AdminSDHolder " +
      "resets (adminCount=1), never receive those ACEs, so reading, password writeback or group provisioning fails for them.",
    source: cite(
      DOCS.adDsConnectorAccount,
      "Using the ADSyncConfig PowerShell module > Locate AD DS objects with permission inheritance disabled",
      "locate-ad-ds-objects-with-permission-inheritance-disabled",
    ),
    otherSources: [
      cite(DOCS.gmsaCmdlets, "How to use the cmdlets (permissions granted in the root of the domain)", "how-to-use-the-cmdlets"),
      cite(DOCS.prerequisites, "Provision Microsoft Entra ID to Active Directory Domain Services - Prerequisites (AdminSDHolder note)", "general-requirements"),
    ],
    notes: [
      "Cloud sync's Set-AADCloudSyncPermissions grants at the domain root and is documented as identical to Entra " +
        "Connect's ADSyncConfig permission sets; the Connect page is the one that spells out the inheritance-disabled " +
        "problem and the -ADobjectDN / -IncludeAdminSdHolders workarounds (the latter \"isn't recommended\").",
      "The cloud sync prerequisites state that the group-provisioning permissions aren't applied to AdminSDHolder " +
        "objects by default; the SSPR writeback tutorial says writeback fails for accounts with inheritance disabled.",
      "adminCount=1 can be stale: accounts removed from protected groups keep adminCount=1 and a protected ACL until " +
        "someone clears them. The count is reported as found; the rule does not judge whether each one is intended.",
      "Warning, not blocker: only the listed objects are affected, and syncing privileged accounts is often undesirable anyway.",
    ],
    remediation: {
      summary:
        "For each listed object decide whether it should be synced: re-enable inheritance where it was disabled by " +
        "mistake, grant the gMSA the permissions directly on the objects that must stay protected, and leave " +
        "AdminSDHolder-protected privileged accounts out of scope or manage them cloud-only.",
      steps: [
        "List inheritance-disabled objects: " + COLLECT.inheritanceDisabled,
        "List AdminSDHolder-protected objects: " + COLLECT.adminCount,
        "Re-enable inheritance on an object (ADUC > Security > Advanced > Enable inheritance), or dsacls \"<DN>\" /P:N",
        "Or grant the cloud sync permissions on that object: Set-AADCloudSyncPermissions is domain-root only, so use " +
          "dsacls \"<DN>\" /G \"<DOMAIN>\\provAgentgMSA$:RP\" (and the writeback rights you use)",
        "Stale adminCount: clear it (Set-ADObject <DN> -Clear adminCount) and re-enable inheritance, only for accounts no longer in protected groups",
      ],
    },
  },
  evaluate: (ctx) => {
    const raw = ctx.domain?.protectedObjects;
    if (!isRecord(raw)) {
      return missingFact(FACT, PROTECTED_OBJECTS_HINT, raw, "The inheritance-disabled and adminCount=1 objects in scope");
    }
    const inheritanceDisabled = readCount(prop(raw, "inheritanceDisabledCount"));
    const adminCount = readCount(prop(raw, "adminCountCount"));
    const samples = (readArray(prop(raw, "samples")) ?? [])
      .map(readString)
      .filter((dn): dn is string => dn !== undefined)
      .slice(0, MAX_SAMPLES);
    const found = [
      evidence(`${FACT}.inheritanceDisabledCount`, inheritanceDisabled ?? null, "0 objects with inheritance disabled"),
      evidence(`${FACT}.adminCountCount`, adminCount ?? null, "0 objects with adminCount=1"),
      ...(samples.length > 0 ? [evidence(`${FACT}.samples`, samples, "no such objects")] : []),
    ];
    const problems = [
      inheritanceDisabled ? `${inheritanceDisabled} object(s) with inheritance disabled` : undefined,
      adminCount ? `${adminCount} object(s) with adminCount=1 (AdminSDHolder)` : undefined,
    ].filter((text): text is string => text !== undefined);
    if (problems.length > 0) {
      const example = samples.length > 0 ? ` For example: ${samples.slice(0, 3).join("; ")}.` : "";
      return fail(`${problems.join(" and ")} in sync scope will not receive the gMSA's domain-root permissions.${example}`, found);
    }
    if (inheritanceDisabled === undefined || adminCount === undefined) {
      const which = inheritanceDisabled === undefined ? "inheritanceDisabledCount" : "adminCountCount";
      const collect = which === "inheritanceDisabledCount" ? HINT.inheritanceDisabled : HINT.adminCount;
      return unknown(`${FACT}.${which}`, collect, `The number of ${which === "inheritanceDisabledCount" ? "inheritance-disabled" : "adminCount=1"} objects in scope was not collected.`, found);
    }
    return pass("No object in sync scope has inheritance disabled or adminCount=1; domain-root permissions reach them all.", found);
  },
  examples: [
    {
      name: "clean scope",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        domain: { dnsName: "corp.contoso.com", protectedObjects: { inheritanceDisabledCount: 0, adminCountCount: 0, samples: [] } },
      },
    },
    {
      name: "a protected OU and former admins",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        domain: {
          dnsName: "corp.contoso.com",
          protectedObjects: {
            inheritanceDisabledCount: 1,
            adminCountCount: 4,
            samples: ["OU=Executives,OU=Users,DC=corp,DC=contoso,DC=com", "CN=Jane Admin,OU=Users,DC=corp,DC=contoso,DC=com"],
          },
        },
      },
    },
    {
      name: "adminCount not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", protectedObjects: { inheritanceDisabledCount: 0 } } },
    },
  ],
});
