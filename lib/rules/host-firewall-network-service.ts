import { hostContext } from "./host/examples";
import { freezeOutcome } from "./host/frozen";
import { own, readBoolean } from "./host/read";
import { COLLECTOR_HINT, prerequisites, SECTION } from "./host/sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const COLLECT =
  "Get-NetFirewallProfile | Select-Object Name, Enabled, DefaultOutboundAction\n" +
  "Get-NetFirewallRule -Direction Outbound -Enabled True | Get-NetFirewallSecurityFilter | Where-Object { $_.LocalUser -ne 'Any' } | Select-Object InstanceID, LocalUser";
const HINT = {
  command: COLLECT,
  note:
    "Outbound rules with a LocalUser other than Any filter Windows Firewall traffic by user; for a network or third-party firewall ask its owner. " +
    "Record firewall.filtersByUser and firewall.networkServiceAllowed in the inventory (FirewallFiltersByUser, NetworkServiceAllowed columns). " +
    COLLECTOR_HINT,
};
const EXPECTED = "firewalls that filter by originating user allow the services running as Network Service";

function evaluate(ctx: RuleContext): RuleOutcome {
  const firewall = own(own(ctx, "host"), "firewall");
  const byUser = readBoolean(own(firewall, "filtersByUser"));
  const allowed = readBoolean(own(firewall, "networkServiceAllowed"));
  return OUTCOMES[code(byUser) * 3 + code(allowed)];
}

/** undefined (not recorded), false, true as 0, 1, 2. */
function code(value: boolean | undefined): number {
  return value === undefined ? 0 : value ? 2 : 1;
}

const VALUES = [undefined, false, true] as const;

/** The outcome depends on the two facts alone: all nine, worked out once by `judge` and frozen (shared by every server). */
const OUTCOMES: readonly RuleOutcome[] = VALUES.flatMap((byUser) => VALUES.map((allowed) => freezeOutcome(judge(byUser, allowed))));

function judge(byUser: boolean | undefined, allowed: boolean | undefined): RuleOutcome {
  if (byUser === false) {
    return pass("No firewall on the path filters outbound traffic by originating user.", [evidence("host.firewall.filtersByUser", false, EXPECTED)]);
  }
  if (allowed === true) {
    return pass("Outbound traffic of services running as Network Service is allowed.", [
      evidence("host.firewall.networkServiceAllowed", true, EXPECTED),
      ...(byUser === undefined ? [] : [evidence("host.firewall.filtersByUser", byUser, EXPECTED)]),
    ]);
  }
  if (byUser === undefined) {
    return unknown("host.firewall.filtersByUser", HINT, "Whether a firewall filters this server's outbound traffic by originating user was not recorded.");
  }
  if (allowed === undefined) {
    return unknown("host.firewall.networkServiceAllowed", HINT, "A firewall filters by originating user, but whether it allows the services running as Network Service was not recorded.", [
      evidence("host.firewall.filtersByUser", true, EXPECTED),
    ]);
  }
  return fail(
    "A firewall filters outbound traffic by originating user and does not allow the services running as Network Service: the agent's connections to Microsoft Entra can be blocked even where an administrator's test succeeds.",
    [evidence("host.firewall.filtersByUser", true, EXPECTED), evidence("host.firewall.networkServiceAllowed", false, EXPECTED)],
  );
}

export default defineRule({
  meta: {
    id: "host-firewall-network-service",
    title: "Firewalls that filter by originating user allow the services running as Network Service",
    severity: "warning",
    scope: "host",
    rationale:
      "The agent's services make their outbound connections as Network Service. A firewall that filters by originating user and only " +
      "allows named users blocks them, while a connectivity test run as an administrator succeeds.",
    source: prerequisites(SECTION.firewall),
    otherSources: [],
    notes: [
      "Reads host.firewall.filtersByUser and host.firewall.networkServiceAllowed (inventory columns FirewallFiltersByUser and NetworkServiceAllowed; the collector records the Windows Firewall's user-filtered outbound rules).",
      "No user filtering passes; user filtering that allows Network Service passes; user filtering without it fails as a warning (the port rules may then pass on a probe that does not run as Network Service).",
      "This project's choice of severity: warning, because the facts are usually recorded by hand and the port and endpoint probes already catch a blocked path when they run as the agent would.",
    ],
    remediation: {
      summary: "Allow outbound traffic of Windows services running as Network Service (NT AUTHORITY\\NETWORK SERVICE) on the agent server, or stop filtering it by user.",
      steps: [
        "Windows Firewall: review outbound rules whose LocalUser is not Any (Get-NetFirewallRule | Get-NetFirewallSecurityFilter) and include NT AUTHORITY\\NETWORK SERVICE.",
        "Network or third-party firewall with user identity: allow the agent server's Network Service traffic on TCP 80, 443 (and 8080 if used).",
      ],
    },
  },
  evaluate,
  examples: [
    { name: "no user-based filtering", expect: "pass", context: hostContext({ firewall: { filtersByUser: false } }) },
    { name: "user filtering without Network Service", expect: "fail", context: hostContext({ firewall: { filtersByUser: true, networkServiceAllowed: false } }) },
    { name: "firewall not described", expect: "unknown", context: hostContext({}) },
  ],
});
