import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { outcomeMemo } from "./host/frozen";
import { describeBuild, MIN_SUPPORTED_BUILD, OS_COLLECT, osSnapshot, type ResolvedOs, resolveOs, SERVER_BUILDS, serverYearForBuild, type ServerYear } from "./host/os";
import { own } from "./host/read";
import { hostCollect, prerequisites, prerequisites2025April, prerequisites2025September, SECTION } from "./host/sources";

const EXPECTED = "Windows Server 2016 (14393), 2019 (17763), 2022 (20348) or 2025 (26100), server edition";
const COLLECT = hostCollect(OS_COLLECT);
const PASS_BY_YEAR: Readonly<Record<ServerYear, string>> = {
  2016: passMessage(2016),
  2019: passMessage(2019),
  2022: passMessage(2022),
  2025: passMessage(2025),
};

/** The build evidence of each supported server build, by the fact the build came from (built once, frozen). */
function buildEvidenceByYear(fact: string): Readonly<Record<ServerYear, Evidence>> {
  return {
    2016: Object.freeze(evidence(fact, SERVER_BUILDS[2016], EXPECTED)),
    2019: Object.freeze(evidence(fact, SERVER_BUILDS[2019], EXPECTED)),
    2022: Object.freeze(evidence(fact, SERVER_BUILDS[2022], EXPECTED)),
    2025: Object.freeze(evidence(fact, SERVER_BUILDS[2025], EXPECTED)),
  };
}
const BUILD_EVIDENCE: Readonly<Record<string, Readonly<Record<ServerYear, Evidence>> | undefined>> = {
  "host.os.build": buildEvidenceByYear("host.os.build"),
  "host.os.version": buildEvidenceByYear("host.os.version"),
};

function passMessage(year: ServerYear): string {
  return `Windows Server ${year} (build ${SERVER_BUILDS[year]}) is a supported agent host.`;
}

/**
 * The outcome is a function of these resolved fields alone (the update revision is not one of them), so servers on
 * the same OS share it: a fleet runs a few dozen distinct ones.
 */
const BY_OS = outcomeMemo<string>();
const SEP = "\u0001";

function evaluate(ctx: RuleContext): RuleOutcome {
  const os = resolveOs(own(ctx, "host"));
  if ((os.caption !== undefined && os.caption.includes(SEP)) || (os.version !== undefined && os.version.includes(SEP))) return judge(os);
  const key = `${os.caption ?? SEP}${SEP}${os.version ?? SEP}${SEP}${os.productType ?? ""}${SEP}${os.installationType ?? ""}${SEP}${os.build ?? ""}${SEP}${os.buildFact ?? ""}${SEP}${os.edition ?? ""}${SEP}${os.editionFact ?? ""}`;
  return BY_OS(key, () => judge(os));
}

function judge(os: Readonly<ResolvedOs>): RuleOutcome {
  const snapshot = osSnapshot(os);
  const osEvidence = evidence("host.os", snapshot, EXPECTED);

  if (os.build === undefined && os.caption === undefined && os.edition === undefined) {
    return unknown("host.os.build", COLLECT, "The operating system was not collected (no build, version or caption).");
  }
  if (os.edition === "client") {
    return fail(
      `This is a client edition of Windows (${os.caption ?? describeBuild(os.build ?? 0, "client")}); the agent needs Windows Server 2016 or later.`,
      [evidence(os.editionFact ?? "host.os", snapshot, EXPECTED)],
    );
  }
  if (os.build !== undefined) {
    const fact = os.buildFact ?? "host.os.build";
    if (os.supportedYear !== undefined) {
      // supportedYear comes from the build, so the message is one of four constants.
      const message = os.build === SERVER_BUILDS[os.supportedYear] ? PASS_BY_YEAR[os.supportedYear] : undefined;
      const buildEvidence = (message !== undefined ? BUILD_EVIDENCE[fact]?.[os.supportedYear] : undefined) ?? evidence(fact, os.build, EXPECTED);
      return pass(message ?? `Windows Server ${os.supportedYear} (build ${os.build}) is a supported agent host.`, [buildEvidence, osEvidence]);
    }
    if (os.edition === undefined && serverYearForBuild(os.build) !== undefined) {
      return unknown(
        "host.os.productType",
        COLLECT,
        `Build ${os.build} is shared by Windows Server and client Windows; the edition (productType, installationType or caption) was not collected.`,
        [evidence(fact, os.build, EXPECTED)],
      );
    }
    const why =
      os.build < MIN_SUPPORTED_BUILD
        ? `build ${os.build} is older than Windows Server 2016`
        : `build ${os.build} is not one of the documented Windows Server versions (semi-annual and Azure Edition builds are not listed)`;
    return fail(`Unsupported operating system: ${why}${os.caption ? ` (${os.caption})` : ""}.`, [
      evidence(fact, os.build, EXPECTED),
      osEvidence,
    ]);
  }
  // No build: fall back to the year in the caption.
  if (os.captionYear !== undefined) {
    if (os.supportedYear !== undefined) {
      return pass(`${os.caption} is a supported agent host (from the caption; no build collected).`, [
        evidence("host.os.caption", os.caption ?? null, EXPECTED),
      ]);
    }
    return fail(`${os.caption} is not a supported agent host: Windows Server 2016 or later is required.`, [
      evidence("host.os.caption", os.caption ?? null, EXPECTED),
    ]);
  }
  return unknown(
    "host.os.build",
    COLLECT,
    `The Windows version could not be determined${os.caption ? ` from the caption "${os.caption}"` : ""}; the build number was not collected.`,
    [osEvidence],
  );
}

export default defineRule({
  meta: {
    id: "host-os-supported",
    title: "The agent server runs Windows Server 2016, 2019, 2022 or 2025",
    severity: "blocker",
    scope: "host",
    rationale:
      "The provisioning agent is only supported on Windows Server 2016, 2019, 2022 and 2025; client Windows and older servers are not supported hosts.",
    source: prerequisites(SECTION.onPremises),
    otherSources: [prerequisites2025September(SECTION.agentRequirements), prerequisites2025April(SECTION.onPremises)],
    notes: [
      "Supported versions by build: 2016 = 14393, 2019 = 17763, 2022 = 20348, 2025 = 26100. The build comes from host.os.build, else from host.os.version (10.0.<build>[.<ubr>]); without either, the year in the caption is used.",
      "Client Windows shares builds with servers (Windows 10 1607 = 14393, 1809 = 17763, Windows 11 24H2 = 26100), so a supported build with no productType, installationType or caption is reported unknown rather than passed.",
      "Windows Server 2025 was explicitly not supported in the 2025-09-29 revision (known sync problem, fixed by KB5070773) and is recommended in the 2026-07-27 revision; this rule follows the current revision and host-os-2025-update checks the update.",
      "The group provisioning to AD (GPAD) subsection of the 2026-07-27 page still lists only Windows Server 2022, 2019 and 2016; it was not updated for 2025. Flagged here, not failed.",
      "Builds not in the list (for example Windows Server 23H2, build 25398) fail: the page names only the four long-term versions.",
      "Domain controllers (productType 2) are valid hosts: installing the agent on a DC is supported.",
    ],
    remediation: {
      summary:
        "Install the agent on a domain-joined Windows Server 2022 or 2025 with Desktop Experience (2016 and 2019 are supported but in extended support).",
      steps: [
        "Provision a new server running Windows Server 2025 or 2022 (Desktop Experience), join it to the domain and install the agent there.",
        "An in-place upgrade of an existing server to Windows Server 2022/2025 also satisfies the rule; client Windows cannot host the agent.",
        "If you use group provisioning to AD (GPAD), note that its prerequisites still list only 2022, 2019 and 2016.",
      ],
    },
  },
  evaluate,
  remediationScript: () => null,
  examples: [
    {
      name: "Windows Server 2022 member server",
      expect: "pass",
      context: hostContext({
        os: {
          caption: "Microsoft Windows Server 2022 Datacenter",
          version: "10.0.20348",
          build: 20348,
          ubr: 2402,
          installationType: "Server",
          productType: "server",
        },
      }),
    },
    {
      name: "Windows Server 2012 R2",
      expect: "fail",
      context: hostContext({
        os: { caption: "Microsoft Windows Server 2012 R2 Standard", version: "6.3.9600", build: 9600, productType: "server" },
      }),
    },
    {
      name: "Windows 11 workstation",
      expect: "fail",
      context: hostContext({
        os: {
          caption: "Microsoft Windows 11 Enterprise",
          version: "10.0.26100",
          build: 26100,
          installationType: "Client",
          productType: "workstation",
        },
      }),
    },
    { name: "no operating system facts", expect: "unknown", context: hostContext({}) },
  ],
});
