import { evidence, fail, pass } from "@/lib/rules/outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { DOTNET_MIN_RELEASE, DOTNET_MIN_VERSION, DOTNET_RELEASE_KEY, DOTNET_RELEASES_SEEN, dotnetVersionName } from "./host/dotnet";
import { hostContext } from "./host/examples";
import { constantUnknown, freezeOutcome } from "./host/frozen";
import { own, readDword } from "./host/read";
import { hostCollect, DOTNET_VERSIONS, prerequisites, SECTION } from "./host/sources";

const EXPECTED = `Release >= ${DOTNET_MIN_RELEASE} (.NET Framework ${DOTNET_MIN_VERSION} or later)`;
const COLLECT = hostCollect(`Get-ItemPropertyValue '${DOTNET_RELEASE_KEY}' -Name Release`);

const NOT_COLLECTED = constantUnknown("host.dotnet.release", COLLECT, "The .NET Framework Release value was not collected.");

/**
 * The outcome for each documented Release value (DOTNET_RELEASES_SEEN), worked out once at module load by
 * outcomeFor itself; any other value is judged per call.
 */
const SEEN = new Map<number, RuleOutcome>(DOTNET_RELEASES_SEEN.map((release) => [release, freezeOutcome(outcomeFor(release))]));

function evaluate(ctx: RuleContext): RuleOutcome {
  const release = readDword(own(own(own(ctx, "host"), "dotnet"), "release"));
  if (release === undefined) return NOT_COLLECTED();
  if (release === null) {
    return fail("No .NET Framework 4.5 or later is installed (the Release value is absent); the agent needs 4.7.1 or later.", [
      evidence("host.dotnet.release", { release: null, version: "none (4.5 or later not installed)" }, EXPECTED),
    ]);
  }
  const seen = SEEN.get(release);
  return seen === undefined ? outcomeFor(release) : seen;
}

function outcomeFor(release: number): RuleOutcome {
  const version = dotnetVersionName(release);
  const found = [evidence("host.dotnet.release", { release, version }, EXPECTED)];
  if (release >= DOTNET_MIN_RELEASE) return pass(`${version} is installed (Release ${release}).`, found);
  return fail(`${version} is installed (Release ${release}); the agent needs .NET Framework ${DOTNET_MIN_VERSION} or later.`, found);
}

export default defineRule({
  meta: {
    id: "host-dotnet-version",
    title: "The agent server has .NET Framework 4.7.1 or later",
    severity: "blocker",
    scope: "host",
    rationale: "The provisioning agent needs the .NET Framework 4.7.1 runtime or later.",
    source: prerequisites(SECTION.onPremises),
    otherSources: [prerequisites(SECTION.moreRequirements), DOTNET_VERSIONS],
    notes: [
      `Tested as Release >= ${DOTNET_MIN_RELEASE} (the smallest 4.7.1 value, Windows 10 1709 / Server 1709; other systems report 461310), per Microsoft's Release table. The version name shown in evidence comes from the same table (lib/rules/host/dotnet.ts).`,
      "A stock Windows Server 2016 has 4.6.2 (Release 394802) and fails until .NET is updated; 2019 ships 4.7.2 and 2022 ships 4.8 (general knowledge, not from the table).",
    ],
    remediation: {
      summary: "Install .NET Framework 4.8 (or 4.8.1) on the server and restart it.",
      steps: [
        "Install the latest .NET Framework 4.8.x through Windows Update/WSUS, or with the offline installer from https://dotnet.microsoft.com/download/dotnet-framework.",
        "Restart the server.",
        `Verify: Get-ItemPropertyValue '${DOTNET_RELEASE_KEY}' -Name Release returns ${DOTNET_MIN_RELEASE} or more.`,
      ],
    },
  },
  evaluate,
  remediationScript: () => null,
  examples: [
    { name: ".NET Framework 4.8 on Windows Server 2022", expect: "pass", context: hostContext({ dotnet: { release: 528449 } }) },
    { name: "stock Windows Server 2016 (.NET 4.6.2)", expect: "fail", context: hostContext({ dotnet: { release: 394802 } }) },
    { name: "Release not collected", expect: "unknown", context: hostContext({}) },
  ],
});
