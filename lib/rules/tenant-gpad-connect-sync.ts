import { isRecord, readBoolean, readString } from "./domain/read";
import { featureUse, usedBecause } from "./feature/use";
import { compareVersions } from "./host/version";
import { evidence, fail, pass, unknown } from "./outcome";
import { cite, DOCS } from "./sources";
import { FEATURE_HINT } from "./tenant/collect";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

/** [PRE-2026] GPAD: Entra Connect Sync must be 2.2.8.0 or later when it also runs (it syncs the on-premises memberships). */
export const CONNECT_SYNC_MINIMUM = "2.2.8.0";
const EXPECTED = `>= ${CONNECT_SYNC_MINIMUM} when Connect Sync also runs`;

function evaluate(ctx: RuleContext): RuleOutcome {
  const use = featureUse(ctx, "groupProvisioning", false);
  const lead = use.used ? `${usedBecause(use, "groupProvisioning")} ` : "";
  const connect: unknown = isRecord(ctx?.tenant) ? ctx.tenant.connectSync : undefined;
  const inUse = readBoolean(isRecord(connect) ? connect.inUse : undefined);
  const version = readString(isRecord(connect) ? connect.version : undefined)?.trim();
  if (inUse === false) {
    return pass(`${lead}Microsoft Entra Connect Sync does not run in this tenant, so its version does not matter.`, [
      evidence("tenant.connectSync.inUse", false, EXPECTED),
      ...use.evidence,
    ]);
  }
  if (version === undefined || version === "") {
    const what = inUse === true ? "Connect Sync runs in this tenant but its version was not recorded" : "Whether Microsoft Entra Connect Sync also runs (and its version) was not recorded";
    return unknown(inUse === true ? "tenant.connectSync.version" : "tenant.connectSync", FEATURE_HINT.connectSync, `${lead}${what}.`, use.evidence);
  }
  const found = [evidence("tenant.connectSync.version", version, EXPECTED), ...use.evidence];
  const order = compareVersions(version, CONNECT_SYNC_MINIMUM);
  if (order === undefined) {
    return unknown("tenant.connectSync.version", FEATURE_HINT.connectSync, `${lead}The Connect Sync version '${version}' is not a dotted version number.`, found);
  }
  return order >= 0
    ? pass(`${lead}Microsoft Entra Connect Sync ${version} is ${CONNECT_SYNC_MINIMUM} or later.`, found)
    : fail(
        `${lead}Microsoft Entra Connect Sync ${version} is older than ${CONNECT_SYNC_MINIMUM}, the minimum when Connect Sync also runs beside group provisioning to AD.`,
        found,
      );
}

export default defineRule({
  meta: {
    id: "tenant-gpad-connect-sync",
    title: `Microsoft Entra Connect Sync, where it also runs, is ${CONNECT_SYNC_MINIMUM} or later for group provisioning to Active Directory`,
    severity: "blocker",
    scope: "tenant",
    rationale:
      "When on-premises users and memberships still come from Entra Connect Sync, group provisioning to AD needs Connect Sync 2.2.8.0 or later " +
      "so that the provisioned groups' members resolve to the synced users.",
    source: cite(DOCS.prerequisites, "Provision Microsoft Entra ID to Active Directory Domain Services - Prerequisites"),
    otherSources: [],
    notes: [
      "Applies only when the tenant facts (featuresUsed.groupProvisioning) or any sync configuration (groupProvisioning) say group provisioning to AD is used; otherwise not applicable (feature/use.ts).",
      "connectSync.inUse = false passes: the requirement holds only where Connect Sync also runs. inUse unrecorded and no version is unknown.",
      "Versions compare numerically part by part (2.2.10.0 > 2.2.8.0).",
    ],
    remediation: {
      summary: `Upgrade every Entra Connect Sync server to ${CONNECT_SYNC_MINIMUM} or later (auto-upgrade, or download the current build), then record the version.`,
      steps: [
        "On each Connect Sync server: (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Azure AD Connect').Version",
        "Upgrade through auto-upgrade or by installing the current Microsoft Entra Connect build from the Microsoft Entra admin center.",
        "Record connectSync.inUse and connectSync.version with the tenant facts.",
      ],
    },
  },
  appliesTo: (ctx) => featureUse(ctx, "groupProvisioning", false).used,
  evaluate,
  examples: [
    {
      name: "Connect Sync 2.4.131.0 alongside group provisioning",
      expect: "pass",
      context: { asOf: "2026-08-01T00:00:00Z", tenant: { featuresUsed: { groupProvisioning: true }, connectSync: { inUse: true, version: "2.4.131.0" } } },
    },
    {
      name: "Connect Sync 2.1.20.0 still running",
      expect: "fail",
      context: { asOf: "2026-08-01T00:00:00Z", tenant: { featuresUsed: { groupProvisioning: true }, connectSync: { inUse: true, version: "2.1.20.0" } } },
    },
    {
      name: "Connect Sync status not recorded",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", tenant: { featuresUsed: { groupProvisioning: true } } },
    },
  ],
});
