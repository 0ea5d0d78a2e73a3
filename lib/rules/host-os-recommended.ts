import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { OS_COLLECT, resolveOs, SERVER_BUILDS, serverYearForBuild, SUPPORTED_SERVER_YEARS, type ServerYear } from "./host/os";
import { frozenSingle } from "./host/frozen";
import { own } from "./host/read";
import { hostCollect, prerequisites, prerequisites2025September, SECTION } from "./host/sources";

const EXPECTED = "Windows Server 2022 or 2025 (recommended)";
const PASS_2022 = passMessage(2022);
const PASS_2025 = passMessage(2025);
const FAIL_2016 = failMessage(2016);
const FAIL_2019 = failMessage(2019);

function passMessage(year: ServerYear): string {
  return `Windows Server ${year} is a recommended agent host.`;
}

function failMessage(year: ServerYear): string {
  return `Windows Server ${year} is supported but in extended support; Microsoft recommends 2022 or 2025 and support for older versions may require a paid extended-support program.`;
}

/** The evidence when the build (from host.os.build or host.os.version) is one of the four server builds. */
function foundByYear(fact: string): Readonly<Record<ServerYear, Evidence[]>> {
  return {
    2016: frozenSingle(fact, SERVER_BUILDS[2016], EXPECTED),
    2019: frozenSingle(fact, SERVER_BUILDS[2019], EXPECTED),
    2022: frozenSingle(fact, SERVER_BUILDS[2022], EXPECTED),
    2025: frozenSingle(fact, SERVER_BUILDS[2025], EXPECTED),
  };
}
const FOUND_BY_BUILD: Readonly<Record<string, Readonly<Record<ServerYear, Evidence[]>> | undefined>> = {
  "host.os.build": foundByYear("host.os.build"),
  "host.os.version": foundByYear("host.os.version"),
};

/** Applies unless the facts already show a host that host-os-supported rejects (client or unsupported build). */
function appliesTo(ctx: RuleContext): boolean {
  const os = resolveOs(own(ctx, "host"));
  if (os.edition === "client") return false;
  if (os.build !== undefined) return serverYearForBuild(os.build) !== undefined;
  if (os.captionYear !== undefined) return SUPPORTED_SERVER_YEARS.some((year) => year === os.captionYear);
  return true;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const os = resolveOs(own(ctx, "host"));
  const year = os.supportedYear;
  if (year === undefined) {
    const missing = os.build === undefined ? "host.os.build" : "host.os.productType";
    return unknown(missing, hostCollect(OS_COLLECT), "The Windows Server version could not be determined.");
  }
  const fact = os.build !== undefined ? (os.buildFact ?? "host.os.build") : "host.os.caption";
  const actual = os.build ?? os.caption ?? null;
  const found = os.build !== undefined && os.build === SERVER_BUILDS[year] ? FOUND_BY_BUILD[fact]?.[year] : undefined;
  if (year === 2022 || year === 2025) {
    return pass(year === 2022 ? PASS_2022 : PASS_2025, found ?? [evidence(fact, actual, EXPECTED)]);
  }
  return fail(year === 2016 ? FAIL_2016 : FAIL_2019, found ?? [evidence(fact, actual, EXPECTED)], "warning");
}

export default defineRule({
  meta: {
    id: "host-os-recommended",
    title: "The agent server runs a recommended Windows Server version (2022 or 2025)",
    severity: "warning",
    scope: "host",
    rationale:
      "Microsoft recommends Windows Server 2025 or 2022 for the agent. Older versions in extended support still work, but support for them may require a paid program.",
    source: prerequisites(SECTION.agentRequirements),
    otherSources: [prerequisites2025September(SECTION.agentRequirements)],
    notes: [
      "Applies only to hosts on a supported server version (2016/2019/2022/2025); unsupported or client hosts are reported by host-os-supported.",
      "2016 and 2019 fail as a warning (extended support); 2022 and 2025 pass.",
      "The 2025-09-29 revision recommended 2022 only and called 2025 not supported; the 2026-07-27 revision recommends 2025 or 2022. This rule follows the current revision.",
    ],
    remediation: {
      summary: "Plan to move the agent to Windows Server 2022 or 2025.",
      steps: [
        "Install an additional agent on a Windows Server 2022 or 2025 host, confirm it is Active in the Microsoft Entra admin center, then uninstall the agent from the older server.",
        "Alternatively, upgrade the server in place to Windows Server 2022 or 2025.",
      ],
    },
  },
  appliesTo,
  evaluate,
  remediationScript: () => null,
  examples: [
    {
      name: "Windows Server 2025",
      expect: "pass",
      context: hostContext({
        os: { caption: "Microsoft Windows Server 2025 Standard", version: "10.0.26100", build: 26100, productType: "server" },
      }),
    },
    {
      name: "Windows Server 2016 (extended support)",
      expect: "fail",
      context: hostContext({
        os: { caption: "Microsoft Windows Server 2016 Standard", version: "10.0.14393", build: 14393, productType: "server" },
      }),
    },
    { name: "no operating system facts", expect: "unknown", context: hostContext({}) },
  ],
});
