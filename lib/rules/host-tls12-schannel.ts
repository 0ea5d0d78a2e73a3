import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { hostLabel, own, readDword, shownDword } from "./host/read";
import { dwordCode, DWORD_CODE_VALUES, freezeOutcome } from "./host/frozen";
import { collectedAs, remediationScript, setDwordLines } from "./host/registry-script";
import { COLLECTOR_HINT, prerequisites, SECTION, TLS_CONNECT_ENFORCEMENT } from "./host/sources";
import { RESTART_REMINDER, SCHANNEL_TLS12, type ValueState } from "./host/tls";

interface SchannelValue {
  side: "client" | "server";
  field: "enabled" | "disabledByDefault";
  name: "Enabled" | "DisabledByDefault";
  /** The value the cloud sync .reg file writes. */
  required: 0 | 1;
  raw: number | null | undefined;
  state: ValueState;
}

/** One of the four values, with its fact path, label and expected text worked out once. */
interface SchannelSpec {
  side: "client" | "server";
  field: "enabled" | "disabledByDefault";
  name: "Enabled" | "DisabledByDefault";
  required: 0 | 1;
  fact: string;
  /** "TLS 1.2\\Client\\Enabled" */
  label: string;
  expected: string;
}

function spec(side: "client" | "server", field: "enabled" | "disabledByDefault"): SchannelSpec {
  const name = field === "enabled" ? "Enabled" : "DisabledByDefault";
  const required = field === "enabled" ? 1 : 0;
  const label = `TLS 1.2\\${side === "client" ? "Client" : "Server"}\\${name}`;
  return { side, field, name, required, fact: `host.tls.schannelTls12.${side}.${field}`, label, expected: `${required} (${label})` };
}

/** Client Enabled, Client DisabledByDefault, Server Enabled, Server DisabledByDefault: the order of evidence and messages. */
const SPECS: readonly SchannelSpec[] = [spec("client", "enabled"), spec("client", "disabledByDefault"), spec("server", "enabled"), spec("server", "disabledByDefault")];

/** SCHANNEL treats any non-zero Enabled as on and any non-zero DisabledByDefault as off-by-default. */
function isOk(field: SchannelSpec["field"], value: number): boolean {
  return field === "enabled" ? value !== 0 : value === 0;
}

function stateOfValue(field: SchannelSpec["field"], raw: number | null | undefined): ValueState {
  if (raw === undefined) return "not-collected";
  if (raw === null) return "absent";
  return isOk(field, raw) ? "ok" : "wrong";
}

/** The four raw DWORDs in SPECS order. */
function readRaws(host: unknown): (number | null | undefined)[] {
  const schannel = own(own(host, "tls"), "schannelTls12");
  const client = own(schannel, "client");
  const server = own(schannel, "server");
  return [
    readDword(own(client, "enabled")),
    readDword(own(client, "disabledByDefault")),
    readDword(own(server, "enabled")),
    readDword(own(server, "disabledByDefault")),
  ];
}

function readValues(host: unknown): SchannelValue[] {
  const raws = readRaws(host);
  return SPECS.map(({ side, field, name, required }, i) => ({ side, field, name, required, raw: raws[i], state: stateOfValue(field, raws[i]) }));
}

function keyPath(side: "client" | "server"): string {
  return `${SCHANNEL_TLS12}\\${side === "client" ? "Client" : "Server"}`;
}

function label(value: SchannelValue): string {
  return `TLS 1.2\\${value.side === "client" ? "Client" : "Server"}\\${value.name}`;
}

/** Labels of the values in `state`, comma-separated, in SPECS order. */
function labelsIn(states: readonly ValueState[], state: ValueState): string {
  let text = "";
  for (let i = 0; i < SPECS.length; i++) if (states[i] === state) text = text === "" ? SPECS[i].label : `${text}, ${SPECS[i].label}`;
  return text;
}

const PASS_MESSAGE = "TLS 1.2 is explicitly enabled in SCHANNEL for client and server (Enabled = 1, DisabledByDefault = 0).";

/**
 * The outcome for every combination of the four values being not collected, absent, 0 or 1 (256 of them),
 * worked out once at module load by outcomeFor itself; other values are judged per call.
 */
const TABLE: readonly RuleOutcome[] = buildTable();

function buildTable(): RuleOutcome[] {
  const table: RuleOutcome[] = [];
  for (let code = 0; code < 256; code++) {
    const raws = [0, 1, 2, 3].map((i) => DWORD_CODE_VALUES[(code >> (2 * i)) & 3]);
    table.push(freezeOutcome(outcomeFor(raws)));
  }
  return table;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const schannel = own(own(own(ctx, "host"), "tls"), "schannelTls12");
  const client = own(schannel, "client");
  const server = own(schannel, "server");
  const clientEnabled = readDword(own(client, "enabled"));
  const clientDisabledByDefault = readDword(own(client, "disabledByDefault"));
  const serverEnabled = readDword(own(server, "enabled"));
  const serverDisabledByDefault = readDword(own(server, "disabledByDefault"));
  const c0 = dwordCode(clientEnabled);
  const c1 = dwordCode(clientDisabledByDefault);
  const c2 = dwordCode(serverEnabled);
  const c3 = dwordCode(serverDisabledByDefault);
  if (c0 >= 0 && c1 >= 0 && c2 >= 0 && c3 >= 0) return { ...TABLE[c0 | (c1 << 2) | (c2 << 4) | (c3 << 6)] };
  return outcomeFor([clientEnabled, clientDisabledByDefault, serverEnabled, serverDisabledByDefault]);
}

function outcomeFor(raws: readonly (number | null | undefined)[]): RuleOutcome {
  const found = new Array<Evidence>(SPECS.length);
  const states: ValueState[] = new Array<ValueState>(SPECS.length);
  let wrong = 0;
  let absent = 0;
  let missing = 0;
  for (let i = 0; i < SPECS.length; i++) {
    const raw = raws[i];
    found[i] = evidence(SPECS[i].fact, shownDword(raw), SPECS[i].expected);
    const state = stateOfValue(SPECS[i].field, raw);
    states[i] = state;
    if (state === "wrong") wrong++;
    else if (state === "absent") absent++;
    else if (state === "not-collected") missing++;
  }
  if (wrong > 0) {
    let list = "";
    for (let i = 0; i < SPECS.length; i++) if (states[i] === "wrong") list = `${list === "" ? "" : `${list}, `}${SPECS[i].label} = ${raws[i]}`;
    return fail(`TLS 1.2 is disabled in SCHANNEL: ${list}. The agent needs TLS 1.2 enabled for client and server before install.`, found);
  }
  if (absent > 0) {
    return fail(
      `The TLS 1.2 SCHANNEL values are not set (${labelsIn(states, "absent")} absent). Windows enables TLS 1.2 by default, but the cloud sync prerequisites ask for these values explicitly.${missing > 0 ? ` Not collected: ${labelsIn(states, "not-collected")}.` : ""}`,
      found,
      "warning",
    );
  }
  if (missing > 0) {
    const first = SPECS[states.indexOf("not-collected")];
    return unknown(
      first.fact,
      `Get-ItemProperty '${keyPath(first.side)}' (Client and Server keys) (${COLLECTOR_HINT})`,
      `Not collected: ${labelsIn(states, "not-collected")}.`,
      found,
    );
  }
  return pass(PASS_MESSAGE, found);
}

function script(ctx: RuleContext): string | null {
  const host = own(ctx, "host");
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
