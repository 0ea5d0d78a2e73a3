import { fail, pass } from "@/lib/rules/outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { hostLabel, own, readEnum } from "./host/read";
import { remediationScript, shouldProcess } from "./host/registry-script";
import { constantUnknown, frozenSingle } from "./host/frozen";
import { AGENT_VERSION_HISTORY, hostCollect, prerequisites, prerequisites2025April, SECTION } from "./host/sources";

const FACT = "host.services.vaultSvc";
const EXPECTED = "VaultSvc exists and is not Disabled (Manual is the Windows default)";
const START_MODES = ["Auto", "Manual", "Disabled"] as const;
const COLLECT = hostCollect(`Get-Service -Name VaultSvc | Select-Object Name, StartType`);
/** The evidence for each start mode, and for a missing service. */
const FOUND = {
  Auto: frozenSingle(FACT, "Auto", EXPECTED),
  Manual: frozenSingle(FACT, "Manual", EXPECTED),
  Disabled: frozenSingle(FACT, "Disabled", EXPECTED),
  missing: frozenSingle(FACT, "missing", EXPECTED),
} as const;
const NOT_COLLECTED = constantUnknown(FACT, COLLECT, "The Credential Manager service state was not collected.");
const PASS_MESSAGE = {
  Auto: "The Credential Manager service (VaultSvc) start mode is Auto.",
  Manual: "The Credential Manager service (VaultSvc) start mode is Manual.",
} as const;

/** Start mode; null = service missing; undefined = not collected. */
function readVaultSvc(host: unknown): (typeof START_MODES)[number] | null | undefined {
  const value = own(own(host, "services"), "vaultSvc");
  if (value === null) return null;
  return readEnum(value, START_MODES);
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const mode = readVaultSvc(own(ctx, "host"));
  if (mode === undefined) {
    return NOT_COLLECTED();
  }
  if (mode === null) return fail("The Windows Credential Manager service (VaultSvc) does not exist on this server; the agent install needs it.", FOUND.missing);
  if (mode === "Disabled") return fail("The Windows Credential Manager service (VaultSvc) is Disabled, which prevents the agent from installing.", FOUND.Disabled);
  return pass(PASS_MESSAGE[mode], FOUND[mode]);
}

function script(ctx: RuleContext): string | null {
  const host = own(ctx, "host");
  if (readVaultSvc(host) !== "Disabled") return null;
  return remediationScript({
    ruleId: "host-credential-manager",
    title: "The Windows Credential Manager service (VaultSvc) is not disabled",
    host: hostLabel(host),
    notes: ["If Group Policy (System Services) disables VaultSvc, change the GPO; it will disable the service again."],
    body: [
      "$service = Get-Service -Name 'VaultSvc' -ErrorAction SilentlyContinue",
      "if ($null -eq $service) {",
      "    Write-Warning 'The Credential Manager service (VaultSvc) does not exist on this server; nothing to change.'",
      "} elseif ($service.StartType -eq 'Disabled') {",
      ...shouldProcess("'VaultSvc (Credential Manager)'", "'Set startup type to Manual'", [
        "Set-Service -Name 'VaultSvc' -StartupType Manual",
        "$changed = $true",
      ]).map((line) => `    ${line}`),
      "} else {",
      "    Write-Verbose \"VaultSvc startup type is already $($service.StartType)\"",
      "}",
    ],
  });
}

export default defineRule({
  meta: {
    id: "host-credential-manager",
    title: "The Windows Credential Manager service (VaultSvc) is not disabled",
    severity: "blocker",
    scope: "host",
    rationale: "The Windows Credential Manager service (VaultSvc) can't be disabled: a disabled service prevents the provisioning agent from installing.",
    source: prerequisites(SECTION.agentRequirements),
    otherSources: [prerequisites2025April(SECTION.agentRequirements), AGENT_VERSION_HISTORY],
    notes: [
      "Disabled fails; a missing service (null) also fails because the install needs it. Auto and Manual pass (Manual is the Windows default).",
      "Agent 1.1.2102.0 made enabling the service part of the install, but the prerequisites still state the requirement; the rule keeps it as a blocker.",
    ],
    remediation: {
      summary: "Set the Credential Manager service (VaultSvc) startup type to Manual (the Windows default).",
      steps: [
        "Set-Service -Name VaultSvc -StartupType Manual",
        "If a GPO disables it (Computer Configuration > Windows Settings > Security Settings > System Services > Credential Manager), change the GPO.",
      ],
    },
  },
  evaluate,
  remediationScript: script,
  examples: [
    { name: "VaultSvc manual (default)", expect: "pass", context: hostContext({ services: { vaultSvc: "Manual" } }) },
    { name: "VaultSvc disabled by a hardening GPO", expect: "fail", context: hostContext({ services: { vaultSvc: "Disabled" } }) },
    { name: "services not collected", expect: "unknown", context: hostContext({}) },
  ],
});
