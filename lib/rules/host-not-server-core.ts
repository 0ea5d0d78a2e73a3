import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { frozenEvidence } from "./host/frozen";
import { resolveOs } from "./host/os";
import { own, readEnum } from "./host/read";
import { CLOUD_SYNC_FAQ, hostCollect, prerequisites, SECTION } from "./host/sources";

const INSTALLATION_TYPES = ["Client", "Server", "Server Core", "Nano Server"] as const;
const SERVER_LEVELS = ["Unknown", "NanoServer", "ServerCore", "ServerCoreWithManagementTools", "FullServer"] as const;
const CORE_INSTALLATION_TYPES: readonly string[] = ["Server Core", "Nano Server"];
const CORE_SERVER_LEVELS: readonly string[] = ["NanoServer", "ServerCore", "ServerCoreWithManagementTools"];
const EXPECTED = "InstallationType 'Server' / OsServerLevel 'FullServer' (Desktop Experience)";
/**
 * The evidence for every combination of the two enums (each may also be missing): a constant table built
 * at module load, indexed by position (a missing value takes the last position).
 */
const FOUND: readonly Evidence[][] = buildFound();

function buildFound(): Evidence[][] {
  const table: Evidence[][] = [];
  for (const installationType of [...INSTALLATION_TYPES, null]) {
    for (const serverLevel of [...SERVER_LEVELS, null]) {
      table.push(
        frozenEvidence(evidence("host.os.installationType", installationType, EXPECTED), evidence("host.os.serverLevel", serverLevel, EXPECTED)),
      );
    }
  }
  return table;
}

function foundFor(installationType: (typeof INSTALLATION_TYPES)[number] | undefined, serverLevel: (typeof SERVER_LEVELS)[number] | undefined): Evidence[] {
  const typeIndex = installationType === undefined ? INSTALLATION_TYPES.length : INSTALLATION_TYPES.indexOf(installationType);
  const levelIndex = serverLevel === undefined ? SERVER_LEVELS.length : SERVER_LEVELS.indexOf(serverLevel);
  return FOUND[typeIndex * (SERVER_LEVELS.length + 1) + levelIndex];
}

const COLLECT = hostCollect(`Get-ItemPropertyValue 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' -Name InstallationType`);

const PASS_SERVER = "Not Server Core: InstallationType is 'Server'.";

/** Not for client Windows (host-os-supported rejects those). */
function appliesTo(ctx: RuleContext): boolean {
  return resolveOs(own(ctx, "host")).edition !== "client";
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const os = own(own(ctx, "host"), "os");
  const installationType = readEnum(own(os, "installationType"), INSTALLATION_TYPES);
  const serverLevel = readEnum(own(os, "serverLevel"), SERVER_LEVELS);
  const found = foundFor(installationType, serverLevel);
  const coreByType = installationType !== undefined && CORE_INSTALLATION_TYPES.includes(installationType);
  const coreByLevel = serverLevel !== undefined && CORE_SERVER_LEVELS.includes(serverLevel);
  if (coreByType || coreByLevel) {
    const what = coreByType ? `InstallationType is '${installationType}'` : `OsServerLevel is '${serverLevel}'`;
    return fail(`This is a Server Core installation (${what}); the agent is not supported on Server Core.`, found);
  }
  if (installationType === "Server" || installationType === "Client" || serverLevel === "FullServer") {
    return pass(
      installationType === "Server"
        ? PASS_SERVER
        : `Not Server Core: ${installationType ? `InstallationType is '${installationType}'` : "OsServerLevel is 'FullServer'"}.`,
      found,
    );
  }
  return unknown(
    "host.os.installationType",
    COLLECT,
    "Neither InstallationType nor OsServerLevel was collected (OperatingSystemSKU alone cannot tell Server Core apart).",
  );
}

export default defineRule({
  meta: {
    id: "host-not-server-core",
    title: "The agent server is not a Server Core installation",
    severity: "blocker",
    scope: "host",
    rationale: "Installing the cloud provisioning agent on Windows Server Core isn't supported.",
    source: prerequisites(SECTION.onPremises),
    otherSources: [CLOUD_SYNC_FAQ],
    notes: [
      "Reads the registry InstallationType (Get-ComputerInfo WindowsInstallationType: Client, Server, Server Core) and Get-ComputerInfo OsServerLevel (ServerLevel enum: NanoServer, ServerCore, ServerCoreWithManagementTools, FullServer). Either one reporting a Core/Nano value fails.",
      "Win32_OperatingSystem.OperatingSystemSKU is deliberately not used: since Windows Server 2012, Core installations report the full-server SKU, so SKU 12/13/14 are unreliable.",
      "OsServerLevel is blank on client Windows; client editions are out of scope here (host-os-supported rejects them).",
    ],
    remediation: {
      summary: "Install the agent on a Windows Server installation with Desktop Experience; Server Core cannot be converted in place since Windows Server 2016.",
      steps: [
        "Deploy a Windows Server 2022 or 2025 server with the Desktop Experience installation option and install the agent there.",
        "Check with: Get-ItemPropertyValue 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' -Name InstallationType (expect 'Server').",
      ],
    },
  },
  appliesTo,
  evaluate,
  remediationScript: () => null,
  examples: [
    {
      name: "Desktop Experience server",
      expect: "pass",
      context: hostContext({ os: { build: 20348, installationType: "Server", serverLevel: "FullServer", productType: "server" } }),
    },
    {
      name: "Server Core",
      expect: "fail",
      context: hostContext({ os: { build: 20348, installationType: "Server Core", serverLevel: "ServerCore", productType: "server" } }),
    },
    { name: "installation type not collected", expect: "unknown", context: hostContext({ os: { build: 20348, productType: "server" } }) },
  ],
});
