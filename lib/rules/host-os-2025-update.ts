import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { OS_COLLECT, resolveOs, WINDOWS_SERVER_2025_BUILD } from "./host/os";
import { own, readArray, readString } from "./host/read";
import { hostCollect, prerequisites, prerequisites2025September, SECTION } from "./host/sources";
import { cite, DOCS } from "./sources";

const REQUIRED_KB = "KB5070773";
/** KB5070773 is OS Build 26100.6901; every later cumulative update for build 26100 has a higher UBR. */
export const REQUIRED_UBR = 6901;
const EXPECTED_UBR = `build 26100 with UBR >= ${REQUIRED_UBR} (${REQUIRED_KB}, October 20, 2025, or a later cumulative update), then a restart`;
const EXPECTED_KB = `${REQUIRED_KB} in the installed-update list (a later cumulative update shows another KB id; the UBR decides then)`;
const HOTFIX_COLLECT = hostCollect(`Get-HotFix | Select-Object HotFixID, InstalledOn`);
const UBR_COLLECT = hostCollect(`Get-ItemPropertyValue 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' -Name CurrentBuildNumber, UBR`);

/** Windows Server 2025 (build 26100) hosts only; applies while the version is still unknown. */
function appliesTo(ctx: RuleContext): boolean {
  const os = resolveOs(own(ctx, "host"));
  if (os.edition === "client") return false;
  if (os.build !== undefined) return os.build === WINDOWS_SERVER_2025_BUILD;
  if (os.captionYear !== undefined) return os.captionYear === 2025;
  return true;
}

/** Installed hotfix ids, upper-cased; undefined when the list was not collected. */
function readHotfixes(host: unknown): string[] | undefined {
  const raw = readArray(own(host, "hotfixes"));
  if (!raw) return undefined;
  return raw.flatMap((entry) => {
    const id = readString(entry);
    return id ? [id.toUpperCase()] : [];
  });
}

/**
 * The UBR is judged first (it is exact: the installed-update list shows only the latest cumulative update,
 * so a patched server rarely lists KB5070773 itself); a KB5070773 entry still passes; with neither the UBR
 * nor the KB the answer is Unknown, never a warning about an update that may well be installed.
 */
function evaluate(ctx: RuleContext): RuleOutcome {
  const host = own(ctx, "host");
  const os = resolveOs(host);
  const is2025 = os.build !== undefined ? os.build === WINDOWS_SERVER_2025_BUILD : os.captionYear === 2025;
  if (!is2025) {
    return unknown("host.os.build", hostCollect(OS_COLLECT), "Whether this host runs Windows Server 2025 (build 26100) is not known.");
  }
  const hotfixes = readHotfixes(host);
  const buildLabel = `build ${WINDOWS_SERVER_2025_BUILD}`;
  const ubrEvidence = evidence("host.os.ubr", os.ubr ?? null, EXPECTED_UBR);
  const hotfixEvidence = evidence("host.hotfixes", hotfixes ?? null, EXPECTED_KB);
  if (os.ubr !== undefined && os.ubr >= REQUIRED_UBR) {
    return pass(
      `Judged by the UBR: ${buildLabel}.${os.ubr} is at or above 26100.${REQUIRED_UBR} (${REQUIRED_KB}), so ${REQUIRED_KB} or a later cumulative update is installed.`,
      [ubrEvidence, hotfixEvidence],
    );
  }
  if (hotfixes?.includes(REQUIRED_KB)) {
    return pass(`Judged by the installed-update list: ${REQUIRED_KB} is installed on this Windows Server 2025 host.`, [hotfixEvidence, ubrEvidence]);
  }
  if (os.ubr !== undefined) {
    return fail(
      `Judged by the UBR: ${buildLabel}.${os.ubr} is below 26100.${REQUIRED_UBR}, so ${REQUIRED_KB} (October 20, 2025) or a later cumulative update is not installed on this Windows Server 2025 host.`,
      [ubrEvidence, hotfixEvidence],
      "info",
    );
  }
  const missing = hotfixes ? "host.os.ubr" : "host.hotfixes";
  return unknown(
    missing,
    hotfixes ? UBR_COLLECT : HOTFIX_COLLECT,
    hotfixes
      ? `The UBR (update build revision) of this Windows Server 2025 host was not collected and its installed-update list does not name ${REQUIRED_KB}; the list shows only the latest cumulative update, so a later one that contains the fix cannot be told apart without the UBR.`
      : `Neither the UBR (update build revision) nor the installed updates were collected for this Windows Server 2025 host.`,
    [ubrEvidence, hotfixEvidence],
  );
}

export default defineRule({
  meta: {
    id: "host-os-2025-update",
    title: "A Windows Server 2025 agent server has KB5070773 (build 26100.6901) or a later cumulative update",
    severity: "info",
    scope: "host",
    rationale:
      "Windows Server 2025 had a known issue that broke cloud sync; the 2025-09-29 prerequisites page told anyone running the agent on 2025 to install KB5070773 (October 20, 2025, OS Build 26100.6901) or later and restart. The current page (2026-07-27) no longer carries that notice, so this is information, not a condition.",
    source: prerequisites2025September(SECTION.agentRequirements),
    otherSources: [prerequisites(SECTION.agentRequirements), cite(DOCS.kb5070773, "OS Build 26100.6901")],
    notes: [
      "Judged by the UBR first: build 26100 with UBR >= 6901 passes (KB5070773 is OS Build 26100.6901, as its Microsoft Support article is titled, the article the 2025-09-29 page links to; every later cumulative update for 26100 has a higher UBR). A KB5070773 entry in the installed-update list also passes. A UBR below 6901 without that entry fails as information. Without the UBR, an update list lacking KB5070773 is Unknown, not a failure: Get-HotFix usually lists only the latest cumulative update, so a patched server rarely shows KB5070773 itself.",
      "Sources disagree on whether the notice still applies: the 2025-09-29 revision declared Windows Server 2025 not supported and carried the KB5070773 notice; PR 2048 (2026-07-27) says the KB guidance was kept, but the rendered 2026-07-27 page (as mirrored) does not show the callout. Hence severity info: the fix is reported, not required.",
      "An earlier, third-party mirror of the page (date UNCERTAIN) blamed update KB5065426 and gave a workaround DWORD HKLM\\SYSTEM\\CurrentControlSet\\Policies\\Microsoft\\FeatureManagement\\Overrides\\2362988687 = 0 plus a restart (https://free.blessedness.top/en-us/entra/identity/hybrid/cloud-sync/how-to-prerequisites?tabs=public-cloud). Installing KB5070773 or later supersedes that override; it is not scripted here.",
      "Applies to build 26100 only (Windows Server 2025); later builds are not supported agent hosts (see host-os-supported).",
    ],
    remediation: {
      summary: "Install KB5070773 (October 20, 2025) or any later cumulative update for Windows Server 2025, then restart the server.",
      steps: [
        "Run Windows Update (or your update management tool) and install the latest cumulative update for Windows Server 2025; any update released on or after October 20, 2025 contains KB5070773's fix.",
        "Restart the server after the update.",
        "Verify: (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion').UBR is 6901 or higher on build 26100 (winver shows it as 26100.<UBR>).",
        "If the interim FeatureManagement override (HKLM\\SYSTEM\\CurrentControlSet\\Policies\\Microsoft\\FeatureManagement\\Overrides\\2362988687 = 0) was applied as a workaround, it is no longer needed once the update is installed.",
      ],
    },
  },
  appliesTo,
  evaluate,
  remediationScript: () => null,
  examples: [
    {
      name: "Windows Server 2025 at UBR 7019 (a later cumulative update; the list shows only its KB)",
      expect: "pass",
      context: hostContext({
        os: { caption: "Microsoft Windows Server 2025 Datacenter", build: 26100, ubr: 7019, productType: "server" },
        hotfixes: ["KB5067036"],
      }),
    },
    {
      name: "Windows Server 2025 with KB5070773 listed",
      expect: "pass",
      context: hostContext({
        os: { caption: "Microsoft Windows Server 2025 Datacenter", build: 26100, productType: "server" },
        hotfixes: ["KB5066131", "KB5070773"],
      }),
    },
    {
      name: "Windows Server 2025 at UBR 6584 (the September 2025 update)",
      expect: "fail",
      context: hostContext({
        os: { caption: "Microsoft Windows Server 2025 Datacenter", build: 26100, ubr: 6584, productType: "server" },
        hotfixes: ["KB5065426"],
      }),
    },
    {
      name: "Windows Server 2025 with neither the UBR nor KB5070773",
      expect: "unknown",
      context: hostContext({
        os: { caption: "Microsoft Windows Server 2025 Datacenter", build: 26100, productType: "server" },
        hotfixes: ["KB5072033"],
      }),
    },
  ],
});
