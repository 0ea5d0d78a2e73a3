import { EXECUTION_POLICY_SCOPES, type ExecutionPolicy, type ExecutionPolicyScope } from "@/lib/facts";
import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { freezeEvidence } from "./host/frozen";
import { hostLabel, own, readEnum } from "./host/read";
import { psComment, psLiteral, remediationScript, shouldProcess } from "./host/registry-script";
import { hostCollect, prerequisites, SECTION } from "./host/sources";

const POLICIES: readonly ExecutionPolicy[] = ["Undefined", "Restricted", "AllSigned", "RemoteSigned", "Unrestricted", "Bypass", "Default"];
const ACCEPTED: readonly ExecutionPolicy[] = ["Undefined", "RemoteSigned", "Default"];
/** More permissive than documented; the install works, but it is not what Microsoft wrote. */
const PERMISSIVE: readonly ExecutionPolicy[] = ["Unrestricted", "Bypass"];
const GPO_SCOPES: readonly ExecutionPolicyScope[] = ["MachinePolicy", "UserPolicy"];
const EXPECTED = "effective policy Undefined or RemoteSigned (precedence MachinePolicy > UserPolicy > Process > CurrentUser > LocalMachine)";
const COLLECT = hostCollect(`Get-ExecutionPolicy -List`);

type Scopes = Partial<Record<ExecutionPolicyScope, ExecutionPolicy>>;

interface Decision {
  policy: ExecutionPolicy;
  /** Scope that decides, or "default" when every scope is Undefined, or "effective" when only Get-ExecutionPolicy is known. */
  decidedBy: ExecutionPolicyScope | "default" | "effective";
}

function readScopes(host: unknown): Scopes {
  const scopes: Scopes = {};
  const raw = own(own(host, "executionPolicy"), "scopes");
  for (let i = 0; i < EXECUTION_POLICY_SCOPES.length; i++) {
    const scope = EXECUTION_POLICY_SCOPES[i];
    const value = readEnum(own(raw, scope), POLICIES);
    if (value !== undefined) scopes[scope] = value;
  }
  return scopes;
}

/** First non-Undefined scope by precedence; undefined when a scope that could decide was not collected. */
function decideFromScopes(scopes: Scopes, order: readonly ExecutionPolicyScope[]): Decision | undefined {
  for (const scope of order) {
    const value = scopes[scope];
    if (value === undefined) return undefined;
    if (value !== "Undefined") return { policy: value, decidedBy: scope };
  }
  return { policy: "Undefined", decidedBy: "default" };
}

interface Judgement {
  decision: Decision;
  /** Process-scope policy of the collecting session that was set aside, if any. */
  ignoredProcess?: ExecutionPolicy;
  evidence: Evidence[];
}

function judge(host: unknown): Judgement | undefined {
  const scopes = readScopes(host);
  const effective = readEnum(own(own(host, "executionPolicy"), "effective"), POLICIES);
  const found: Evidence[] = [];
  if (Object.keys(scopes).length > 0) found.push(evidence("host.executionPolicy.scopes", scopes, EXPECTED));
  if (effective !== undefined) found.push(evidence("host.executionPolicy.effective", effective, "Undefined or RemoteSigned"));

  const withProcess = decideFromScopes(scopes, EXECUTION_POLICY_SCOPES);
  if (withProcess) {
    if (withProcess.decidedBy !== "Process") return { decision: withProcess, evidence: found };
    // The Process scope belongs to the session that collected the facts (e.g. powershell -ExecutionPolicy Bypass);
    // the installer's session does not inherit it, so judge what a new session would get.
    const machine = decideFromScopes(scopes, EXECUTION_POLICY_SCOPES.filter((scope) => scope !== "Process"));
    if (machine) return { decision: machine, ignoredProcess: withProcess.policy, evidence: found };
  }
  if (effective !== undefined) return { decision: { policy: effective, decidedBy: "effective" }, evidence: found };
  return undefined;
}

function describeDecision(decision: Decision): string {
  if (decision.decidedBy === "default") return "Undefined in every scope (Windows Server then applies its default, RemoteSigned)";
  if (decision.decidedBy === "effective") return `${decision.policy} (Get-ExecutionPolicy)`;
  return `${decision.policy}, set in the ${decision.decidedBy} scope${GPO_SCOPES.includes(decision.decidedBy) ? " by Group Policy" : ""}`;
}

/**
 * The outcome for the shapes most servers have, worked out once at module load by the same code (judge and
 * outcomeOf) on synthetic facts: nothing collected; every scope Undefined but LocalMachine; or the policy set
 * by Group Policy (MachinePolicy) over LocalMachine RemoteSigned, with Get-ExecutionPolicy agreeing. Keyed by `shapeCode`.
 * The evidence and message are shared (frozen) like string constants; each call returns the frozen outcome itself (the engine shares one result for it).
 */
const COMMON = new Map<number, RuleOutcome>();
const COMMON_SHAPES: unknown[] = [{}];
for (const policy of POLICIES) {
  for (const machinePolicy of ["Undefined", policy] as const) {
    const scopes = { MachinePolicy: machinePolicy, UserPolicy: "Undefined", Process: "Undefined", CurrentUser: "Undefined", LocalMachine: machinePolicy === "Undefined" ? policy : "RemoteSigned" };
    COMMON_SHAPES.push({ executionPolicy: { effective: policy, scopes } });
  }
}
for (const host of COMMON_SHAPES) {
  const outcome = outcomeOf(host);
  freezeEvidence(outcome.evidence);
  if (outcome.status === "unknown") Object.freeze(outcome.reason);
  COMMON.set(shapeCode(host), Object.freeze(outcome));
}

/** Each scope's policy and the effective one, as one number (position in POLICIES, or POLICIES.length when missing). */
function shapeCode(host: unknown): number {
  const executionPolicy = own(host, "executionPolicy");
  const scopes = own(executionPolicy, "scopes");
  let code = policyIndex(own(executionPolicy, "effective"));
  for (let i = 0; i < EXECUTION_POLICY_SCOPES.length; i++) code = code * (POLICIES.length + 1) + policyIndex(own(scopes, EXECUTION_POLICY_SCOPES[i]));
  return code;
}

function policyIndex(value: unknown): number {
  for (let i = 0; i < POLICIES.length; i++) if (POLICIES[i] === value) return i;
  return POLICIES.length;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const host = own(ctx, "host");
  const common = COMMON.get(shapeCode(host));
  return common === undefined ? outcomeOf(host) : common;
}

function outcomeOf(host: unknown): RuleOutcome {
  const judgement = judge(host);
  if (!judgement) return unknown("host.executionPolicy.scopes", COLLECT, "The PowerShell execution policy was not collected.");
  const { decision, ignoredProcess } = judgement;
  const processNote = ignoredProcess
    ? ` The collecting session's Process scope (${ignoredProcess}) was set aside: it does not apply to the installer.`
    : "";
  const effectiveNote =
    decision.decidedBy === "effective"
      ? " Only Get-ExecutionPolicy was collected; it reflects the collecting session and may include a Process-scope override."
      : "";
  const what = `The effective execution policy is ${describeDecision(decision)}.`;
  if (ACCEPTED.includes(decision.policy)) {
    const defaultNote = decision.policy === "Default" ? " 'Default' means RemoteSigned on Windows Server." : "";
    return pass(`${what}${defaultNote}${processNote}${effectiveNote}`, judgement.evidence);
  }
  const gpoNote =
    decision.decidedBy === "MachinePolicy" || decision.decidedBy === "UserPolicy"
      ? " It is set by Group Policy, so it must be changed in the GPO (Turn on Script Execution), not on the server."
      : "";
  if (PERMISSIVE.includes(decision.policy)) {
    return fail(
      `${what} Microsoft documents Undefined or RemoteSigned; ${decision.policy} is more permissive (some third-party checkers accept it) and is reported as a warning.${gpoNote}${processNote}${effectiveNote}`,
      judgement.evidence,
      "warning",
    );
  }
  return fail(
    `${what} The agent install requires Undefined or RemoteSigned; ${decision.policy} blocks its PowerShell scripts.${gpoNote}${processNote}${effectiveNote}`,
    judgement.evidence,
  );
}

/** Scopes the script may change (never the GPO scopes), with the value it sets. */
const FIXABLE: readonly { scope: ExecutionPolicyScope; value: ExecutionPolicy }[] = [
  { scope: "CurrentUser", value: "Undefined" },
  { scope: "LocalMachine", value: "RemoteSigned" },
];

function script(ctx: RuleContext): string | null {
  const host = own(ctx, "host");
  const judgement = judge(host);
  if (!judgement || ACCEPTED.includes(judgement.decision.policy)) return null;
  const { decidedBy } = judgement.decision;
  if (decidedBy === "MachinePolicy" || decidedBy === "UserPolicy") return null; // change the GPO instead
  const scopes = readScopes(host);
  const targets = FIXABLE.filter(({ scope }) => {
    const value = scopes[scope];
    return value === undefined || !ACCEPTED.includes(value);
  });
  const accepted = ACCEPTED.map(psLiteral).join(", ");
  const body = [
    "$gpo = Get-ExecutionPolicy -List | Where-Object { $_.Scope -in 'MachinePolicy', 'UserPolicy' -and $_.ExecutionPolicy -ne 'Undefined' }",
    "if ($gpo) {",
    "    Write-Warning \"The execution policy is set by Group Policy ($($gpo.Scope) = $($gpo.ExecutionPolicy)); change it in the GPO (Turn on Script Execution) instead.\"",
    "    return",
    "}",
  ];
  for (const { scope, value } of targets) {
    body.push(
      psComment(`${scope}: collected as ${scopes[scope] ?? "not collected"}; accepted values are Undefined or RemoteSigned.`),
      `$current = Get-ExecutionPolicy -Scope ${scope}`,
      `if ($current -notin ${accepted}) {`,
      ...shouldProcess(`'Execution policy (${scope} scope)'`, `"Set to ${value} (currently: $current)"`, [
        `Set-ExecutionPolicy -ExecutionPolicy ${value} -Scope ${scope} -Force`,
        "$changed = $true",
      ]).map((line) => `    ${line}`),
      "} else {",
      `    Write-Verbose "${scope} scope is already $current"`,
      "}",
    );
  }
  return remediationScript({
    ruleId: "host-execution-policy",
    title: "The PowerShell execution policy is Undefined or RemoteSigned",
    host: hostLabel(host),
    notes: ["CurrentUser is the account running this script: run it as the admin who will install the agent."],
    body,
    afterChange: "Open a new PowerShell session and check Get-ExecutionPolicy -List before installing the agent.",
  });
}

export default defineRule({
  meta: {
    id: "host-execution-policy",
    title: "The PowerShell execution policy is Undefined or RemoteSigned",
    severity: "blocker",
    scope: "host",
    rationale: "The provisioning agent installer runs PowerShell; the local server execution policy must be Undefined or RemoteSigned.",
    source: prerequisites(SECTION.onPremises),
    notes: [
      "The page does not say which scope it means (UNCERTAIN). The rule judges the effective policy by precedence MachinePolicy > UserPolicy > Process > CurrentUser > LocalMachine and lists every scope in evidence; Group Policy scopes (MachinePolicy/UserPolicy) win over LocalMachine.",
      "The Process scope belongs to the session that collected the facts (a collector started with -ExecutionPolicy Bypass shows Process = Bypass); when it alone decides, it is set aside and the policy a new session would get is judged instead.",
      "All scopes Undefined passes: Windows Server then applies its default, RemoteSigned. 'Default' is treated as RemoteSigned for the same reason.",
      "Restricted and AllSigned fail as blockers. Unrestricted and Bypass fail as warnings: third-party checkers accept them and they do not stop the install, but Microsoft documents only Undefined or RemoteSigned.",
      "When only Get-ExecutionPolicy (effective) was collected, it is used as is; it may include the collecting session's Process override.",
    ],
    remediation: {
      summary: "Set the LocalMachine execution policy to RemoteSigned (and CurrentUser to Undefined); if Group Policy sets it, change the GPO.",
      steps: [
        "Set-ExecutionPolicy -ExecutionPolicy RemoteSigned -Scope LocalMachine",
        "If CurrentUser is set to something else: Set-ExecutionPolicy -ExecutionPolicy Undefined -Scope CurrentUser",
        "A policy set by Group Policy (MachinePolicy/UserPolicy scope) cannot be changed on the server: in the GPO, set Computer (or User) Configuration > Administrative Templates > Windows Components > Windows PowerShell > Turn on Script Execution to 'Allow local scripts and remote signed scripts', or to Not Configured.",
        "Verify with Get-ExecutionPolicy -List in a new session.",
      ],
    },
  },
  evaluate,
  remediationScript: script,
  examples: [
    {
      name: "RemoteSigned on LocalMachine, collector ran with -ExecutionPolicy Bypass",
      expect: "pass",
      context: hostContext({
        executionPolicy: {
          effective: "Bypass",
          scopes: { MachinePolicy: "Undefined", UserPolicy: "Undefined", Process: "Bypass", CurrentUser: "Undefined", LocalMachine: "RemoteSigned" },
        },
      }),
    },
    {
      name: "AllSigned enforced by Group Policy",
      expect: "fail",
      context: hostContext({
        executionPolicy: {
          effective: "AllSigned",
          scopes: { MachinePolicy: "AllSigned", UserPolicy: "Undefined", Process: "Undefined", CurrentUser: "Undefined", LocalMachine: "RemoteSigned" },
        },
      }),
    },
    { name: "execution policy not collected", expect: "unknown", context: hostContext({}) },
  ],
});
