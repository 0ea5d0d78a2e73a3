import { evidence, fail, pass } from "@/lib/rules/outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { own, readArray, readBoolean, readString } from "./host/read";
import { constantUnknown, frozenSingle } from "./host/frozen";
import { prerequisites, SECTION } from "./host/sources";

const EXPECTED = "managed as a Tier 0 / Control Plane asset";
/** Inventory tags read as "Tier 0" when host.tier0 itself was not set. */
const TIER0_TAGS = new Set(["tier0", "tier-0", "tier 0", "t0", "controlplane", "control-plane", "control plane"]);
const NOT_RECORDED = constantUnknown(
  "host.tier0",
  {
    command: "",
    note: "Record it in the inventory: tag the host 'tier0' (or set its Tier 0 column to true or false) in the host inventory upload, or run the collector with -Tier0 (or -Tier0:$false).",
  },
  "Whether this server is managed as Tier 0 is not recorded.",
);
const TIER0_TRUE = frozenSingle("host.tier0", true, EXPECTED);
const TIER0_FALSE = frozenSingle("host.tier0", false, EXPECTED);

function evaluate(ctx: RuleContext): RuleOutcome {
  const host = own(ctx, "host");
  const tier0 = readBoolean(own(host, "tier0"));
  if (tier0 === true) return pass("The server is managed as a Tier 0 (Control Plane) asset.", TIER0_TRUE);
  if (tier0 === false) {
    return fail(
      "The server is not managed as Tier 0: whoever controls the agent server can change users in Microsoft Entra ID, so Microsoft recommends treating it as a Control Plane asset.",
      TIER0_FALSE,
      "warning",
    );
  }
  const rawTags = readArray(own(host, "tags"));
  let tags: string[] | undefined;
  let tier0Tag: string | undefined;
  if (rawTags) {
    tags = [];
    for (const tag of rawTags) {
      const text = readString(tag);
      if (!text) continue;
      tags.push(text);
      if (tier0Tag === undefined && TIER0_TAGS.has(text.toLowerCase())) tier0Tag = text;
    }
  }
  if (tier0Tag) return pass(`The server is tagged '${tier0Tag}' in the inventory.`, [evidence("host.tags", tags ?? [], EXPECTED)]);
  return NOT_RECORDED();
}

export default defineRule({
  meta: {
    id: "host-tier0",
    title: "The agent server is managed as a Tier 0 (Control Plane) asset",
    severity: "warning",
    scope: "host",
    rationale:
      "An attacker who controls the provisioning agent server can manipulate users in Microsoft Entra ID, so Microsoft recommends hardening it as a Tier 0 / Control Plane asset.",
    source: prerequisites(SECTION.agentRequirements),
    otherSources: [prerequisites(SECTION.harden)],
    notes: [
      "Tier 0 membership is an organisational fact nobody can read from the server: it comes from the inventory (host.tier0, or a tag such as 'tier0', 'tier-0' or 'control-plane').",
      "A recommendation, not an install blocker: false fails as a warning; not recorded is unknown.",
    ],
    remediation: {
      summary: "Manage the agent server as a Tier 0 / Control Plane asset, then record it as such in the inventory.",
      steps: [
        "Place the computer account in a Tier 0 OU whose GPOs only Tier 0 admins can change; restrict local administrators and logon rights to Tier 0 accounts.",
        "Administer it only from privileged access workstations; enable MFA for privileged accounts; use Windows LAPS for the local administrator password.",
        "Mark the host as Tier 0 in the inventory (tag 'tier0').",
      ],
    },
  },
  evaluate,
  remediationScript: () => null,
  examples: [
    { name: "recorded as Tier 0", expect: "pass", context: hostContext({ tier0: true, tags: ["tier0", "identity"] }) },
    { name: "recorded as a Tier 1 server", expect: "fail", context: hostContext({ tier0: false, tags: ["tier1"] }) },
    { name: "tier not recorded", expect: "unknown", context: hostContext({ tags: ["datacenter-a"] }) },
  ],
});
