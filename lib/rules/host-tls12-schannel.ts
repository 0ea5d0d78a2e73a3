import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { at, hostLabel, readDword, shownDword } from "./host/read";
import { collectedAs, remediationScript, setDwordLines } from "./host/registry-script";
import { COLLECTOR_HINT, prerequisites, SECTION, TLS_CONNECT_ENFORCEMENT } from "./host/sources";
import { RESTART_REMINDER, SCHANNEL_TLS12, stateOf, type ValueState } from "./host/tls";

interface SchannelValue {
  side: "client" | "server";
  field: "enabled" | "disabledByDefault";
  name: "Enabled" | "DisabledByDefault";
  /** The value the cloud sync .reg file writes. */
  required: 0 | 1;
  raw: number | null | undefined;
  state: ValueState;
}

/** SCHANNEL treats any non-zero Enabled as on and any non-zero DisabledByDefault as off-by-default. */
const IS_OK = {
  enabled: (value: number) => value !== 0,
  disabledByDefault: (value: number) => value === 0,
} as const;

function readValues(host: unknown): SchannelValue[] {
  const values: SchannelValue[] = [];
  for (const side of ["client", "server"] as const) {
    for (const [field, name, required] of [
      ["enabled", "Enabled", 1],
      ["disabledByDefault", "DisabledByDefault", 0],
    ] as const) {
      const raw = readDword(at(host, "tls", "schannelTls12", side, field));
      values.push({ side, field, name, required, raw, state: stateOf(raw, IS_OK[field]) });
    }
  }
  return values;
}

function keyPath(side: "client" | "server"): string {
  return `${SCHANNEL_TLS12}\\${side === "client" ? "Client" : "Server"}`;
}

function label(value: SchannelValue): string {
  return `TLS 1.2\\${value.side === "client" ? "Client" : "Server"}\\${value.name}`;
}

function toEvidence(value: SchannelValue): Evidence {
  return evidence(`host.tls.schannelTls12.${value.side}.${value.field}`, shownDword(value.raw), `${value.required} (${label(value)})`);
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const values = readValues(at(ctx, "host"));
  const found = values.map(toEvidence);
  const wrong = values.filter((value) => value.state === "wrong");
  const absent = values.filter((value) => value.state === "absent");
  const missing = values.filter((value) => value.state === "not-collected");
  if (wrong.length > 0) {
    return fail(
      `TLS 1.2 is disabled in SCHANNEL: ${wrong.map((value) => `${label(value)} = ${value.raw}`).join(", ")}. The agent needs TLS 1.2 enabled for client and server before install.`,
      found,
    );
  }
  if (absent.length > 0) {
    return fail(
      `The TLS 1.2 SCHANNEL values are not set (${absent.map(label).join(", ")} absent). Windows enables TLS 1.2 by default, but the cloud sync prerequisites ask for these values explicitly.${missing.length > 0 ? ` Not collected: ${missing.map(label).join(", ")}.` : ""}`,
      found,
      "warning",
    );
  }
  if (missing.length > 0) {
    return unknown(
      `host.tls.schannelTls12.${missing[0].side}.${missing[0].field}`,
      `Get-ItemProperty '${keyPath(missing[0].side)}' (Client and Server keys) (${COLLECTOR_HINT})`,
      `Not collected: ${missing.map(label).join(", ")}.`,
      found,
    );
  }
  return pass("TLS 1.2 is explicitly enabled in SCHANNEL for client and server (Enabled = 1, DisabledByDefault = 0).", found);
}

function script(ctx: RuleContext): string | null {
  const host = at(ctx, "host");
  // Not-collected values are included too: every step tests before it sets.
  const toSet = readValues(host).filter((value) => value.state !== "ok");
  if (toSet.length === 0) return null;
  return remediationScript({
    ruleId: "host-tls12-schannel",
    title: "TLS 1.2 is enabled for the SCHANNEL client and server",
    host: hostLabel(host),
    notes: ["A restart is required after changing SCHANNEL settings."],
    body: toSet.flatMap((value) =>
      setDwordLines({
        path: keyPath(value.side),
        name: value.name,
        value: value.required,
        reason: `${label(value)}: ${collectedAs(value.raw)}, required ${value.required}.`,
      }),
    ),
    afterChange: RESTART_REMINDER,
  });
}

export default defineRule({
  meta: {
    id: "host-tls12-schannel",
    title: "TLS 1.2 is enabled for the SCHANNEL client and server",
    severity: "blocker",
    scope: "host",
    rationale:
      "The server that hosts the provisioning agent must have TLS 1.2 enabled before the agent is installed; the prerequisites give the SCHANNEL values to set, followed by a restart.",
    source: prerequisites(SECTION.tls),
    otherSources: [TLS_CONNECT_ENFORCEMENT],
    notes: [
      "Values: HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\{Client,Server} with Enabled = 1 and DisabledByDefault = 0.",
      "Enabled = 0 or DisabledByDefault = 1 (any non-zero) explicitly set fails as a blocker. A non-zero Enabled other than 1 (e.g. 0xffffffff) counts as enabled, as SCHANNEL reads it.",
      "Values absent (null; the Entra Connect check script's 'Not Found') fail as a warning: Windows Server 2016+ enables TLS 1.2 by default, but the prerequisites ask for the values explicitly.",
      "TLS 1.3 is not mentioned by the prerequisites; TLS 1.3 settings do not affect this rule.",
    ],
    remediation: {
      summary: "Set the TLS 1.2 SCHANNEL Client and Server values (Enabled = 1, DisabledByDefault = 0) and restart the server.",
      steps: [
        "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client: DisabledByDefault = 0 (DWORD), Enabled = 1 (DWORD)",
        "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server: DisabledByDefault = 0 (DWORD), Enabled = 1 (DWORD)",
        "Restart the server.",
        "If a GPO or security baseline manages SCHANNEL, change it there so the values are not reverted.",
      ],
    },
  },
  evaluate,
  remediationScript: script,
  examples: [
    {
      name: "TLS 1.2 explicitly enabled",
      expect: "pass",
      context: hostContext({
        tls: { schannelTls12: { client: { enabled: 1, disabledByDefault: 0 }, server: { enabled: 1, disabledByDefault: 0 } } },
      }),
    },
    {
      name: "TLS 1.2 client disabled by a hardening baseline",
      expect: "fail",
      context: hostContext({
        tls: { schannelTls12: { client: { enabled: 0, disabledByDefault: 1 }, server: { enabled: 1, disabledByDefault: 0 } } },
      }),
    },
    {
      name: "keys absent on a default install",
      expect: "fail",
      context: hostContext({
        tls: {
          schannelTls12: { client: { enabled: null, disabledByDefault: null }, server: { enabled: null, disabledByDefault: null } },
        },
      }),
    },
    { name: "TLS settings not collected", expect: "unknown", context: hostContext({}) },
  ],
});
