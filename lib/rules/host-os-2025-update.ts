import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { OS_COLLECT, resolveOs, WINDOWS_SERVER_2025_BUILD } from "./host/os";
import { own, readArray, readString } from "./host/read";
import { hostCollect, prerequisites, prerequisites2025September, SECTION } from "./host/sources";

const REQUIRED_KB = "KB5070773";
const EXPECTED = `${REQUIRED_KB} (October 20, 2025) or a later cumulative update installed, then a restart`;
const HOTFIX_COLLECT = hostCollect(`Get-HotFix | Select-Object HotFixID, InstalledOn`);

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

function evaluate(ctx: RuleContext): RuleOutcome {
  const host = own(ctx, "host");
  const os = resolveOs(host);
  const is2025 = os.build !== undefined ? os.build === WINDOWS_SERVER_2025_BUILD : os.captionYear === 2025;
  if (!is2025) {
    return unknown("host.os.build", hostCollect(OS_COLLECT), "Whether this host runs Windows Server 2025 (build 26100) is not known.");
  }
  const hotfixes = readHotfixes(host);
  const ubrEvidence = evidence("host.os.ubr", os.ubr ?? null, "reported for reference; not evaluated (the UBR of KB5070773 is not in the reference)");
  if (!hotfixes) {
    return unknown("host.hotfixes", HOTFIX_COLLECT, "The installed updates were not collected for this Windows Server 2025 host.", [ubrEvidence]);
  }
  if (hotfixes.includes(REQUIRED_KB)) {
    return pass(`${REQUIRED_KB} is installed on this Windows Server 2025 host.`, [
      evidence("host.hotfixes", hotfixes, EXPECTED),
      ubrEvidence,
    ]);
  }
  return fail(
    `${REQUIRED_KB} is not in the installed-update list of this Windows Server 2025 host. Get-HotFix usually lists only the latest cumulative update, so a later update that already contains the fix shows a different KB id this rule cannot recognise: verify in Settings > Windows Update > Update history (or the OS build) that KB5070773 or a later cumulative update is installed and the server was restarted.`,
    [evidence("host.hotfixes", hotfixes, EXPECTED), ubrEvidence],
    "warning",
  );
}

export default defineRule({
  meta: {
    id: "host-os-2025-update",
    title: "A Windows Server 2025 agent server has KB5070773 or a later cumulative update",
    severity: "warning",
    scope: "host",
    rationale:
      "Windows Server 2025 had a known issue that broke cloud sync; Microsoft's guidance for anyone running the agent on 2025 is to install KB5070773 (October 20, 2025) or later and restart.",
    source: prerequisites(SECTION.agentRequirements),
    otherSources: [prerequisites2025September(SECTION.agentRequirements)],
    notes: [
      "The 2025-09-29 revision declared Windows Server 2025 not supported because of a known sync problem and told anyone already on 2025 to install KB5070773 (Oct 20, 2025) or later and restart. The 2026-07-27 revision (PR 2048) recommends 2025; the PR says the KB guidance was kept, but the mirrored page text does not show the callout (UNCERTAIN). Hence a warning, not a blocker.",
      "Only the KB id is checked: the reference does not record the build revision (UBR) KB5070773 shipped with, so a UBR comparison is not made and a later cumulative update's KB id is not recognised. A hotfix list without KB5070773 fails as a warning asking the admin to verify; host.os.ubr is shown for that check.",
      "An earlier, third-party mirror of the page (date UNCERTAIN) blamed update KB5065426 and gave a workaround DWORD HKLM\\SYSTEM\\CurrentControlSet\\Policies\\Microsoft\\FeatureManagement\\Overrides\\2362988687 = 0 plus a restart (https://free.blessedness.top/en-us/entra/identity/hybrid/cloud-sync/how-to-prerequisites?tabs=public-cloud). Installing KB5070773 or later supersedes that override; it is not scripted here.",
      "Applies to build 26100 only (Windows Server 2025); later builds are not supported agent hosts (see host-os-supported).",
    ],
    remediation: {
      summary: "Install KB5070773 (October 20, 2025) or any later cumulative update for Windows Server 2025, then restart the server.",
      steps: [
        "Run Windows Update (or your update management tool) and install the latest cumulative update for Windows Server 2025; any update released on or after October 20, 2025 contains KB5070773's fix.",
        "Restart the server after the update.",
        "Verify: Get-HotFix -Id KB5070773, or check the OS build (winver) against the release notes of the installed cumulative update.",
        "If the interim FeatureManagement override (HKLM\\SYSTEM\\CurrentControlSet\\Policies\\Microsoft\\FeatureManagement\\Overrides\\2362988687 = 0) was applied as a workaround, it is no longer needed once the update is installed.",
      ],
    },
  },
  appliesTo,
  evaluate,
  remediationScript: () => null,
  examples: [
    {
      name: "Windows Server 2025 with KB5070773",
      expect: "pass",
      context: hostContext({
        os: { caption: "Microsoft Windows Server 2025 Datacenter", build: 26100, ubr: 6901, productType: "server" },
        hotfixes: ["KB5066131", "KB5070773"],
      }),
    },
    {
      name: "Windows Server 2025 with only the September 2025 update",
      expect: "fail",
      context: hostContext({
        os: { caption: "Microsoft Windows Server 2025 Datacenter", build: 26100, ubr: 6584, productType: "server" },
        hotfixes: ["KB5065426"],
      }),
    },
    {
      name: "Windows Server 2025 without a hotfix list",
      expect: "unknown",
      context: hostContext({ os: { caption: "Microsoft Windows Server 2025 Datacenter", build: 26100, productType: "server" } }),
    },
  ],
});
