import { evidence, fail, pass } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { own, shownDword } from "./host/read";
import { prerequisites, SECTION, TLS_CONNECT_ENFORCEMENT } from "./host/sources";
import { labelsIn, readTlsDwords, SCHANNEL_TLS12, stateOf, tlsDwordEvaluator, tlsFact, tlsNotCollected, tlsRemediationScript, type ValueState } from "./host/tls";

/** One of the four values, with its fact path, label and expected text worked out once. */
interface SchannelSpec {
  side: "client" | "server";
  field: "enabled" | "disabledByDefault";
  name: "Enabled" | "DisabledByDefault";
  /** The value the cloud sync .reg file writes. */
  required: 0 | 1;
  path: readonly string[];
  fact: string;
  /** "TLS 1.2\\Client\\Enabled" */
  label: string;
  expected: string;
}

function spec(side: "client" | "server", field: "enabled" | "disabledByDefault"): SchannelSpec {
  const name = field === "enabled" ? "Enabled" : "DisabledByDefault";
  const required = field === "enabled" ? 1 : 0;
  const label = `TLS 1.2\\${side === "client" ? "Client" : "Server"}\\${name}`;
  const path = ["schannelTls12", side, field];
  return { side, field, name, required, path, fact: tlsFact(path), label, expected: `${required} (${label})` };
}

/** Client Enabled, Client DisabledByDefault, Server Enabled, Server DisabledByDefault: the order of evidence and messages. */
const SPECS: readonly SchannelSpec[] = [spec("client", "enabled"), spec("client", "disabledByDefault"), spec("server", "enabled"), spec("server", "disabledByDefault")];
const PATHS: readonly (readonly string[])[] = SPECS.map((item) => item.path);
const LABELS: readonly string[] = SPECS.map((item) => item.label);

/** SCHANNEL treats any non-zero Enabled as on and any non-zero DisabledByDefault as off-by-default. */
const IS_OK = {
  enabled: (value: number) => value !== 0,
  disabledByDefault: (value: number) => value === 0,
} as const;

function keyPath(side: "client" | "server"): string {
  return `${SCHANNEL_TLS12}\\${side === "client" ? "Client" : "Server"}`;
}

const PASS_MESSAGE = "TLS 1.2 is explicitly enabled in SCHANNEL for client and server (Enabled = 1, DisabledByDefault = 0).";

/** Reads the four values in SPECS order and judges them (precomputed for not collected, absent, 0 and 1). */
const evaluate = tlsDwordEvaluator(PATHS, outcomeFor);

function outcomeFor(raws: readonly (number | null | undefined)[]): RuleOutcome {
  const found = new Array<Evidence>(SPECS.length);
  const states: ValueState[] = new Array<ValueState>(SPECS.length);
  let wrong = 0;
  let absent = 0;
  let missing = 0;
  for (let i = 0; i < SPECS.length; i++) {
    const raw = raws[i];
    found[i] = evidence(SPECS[i].fact, shownDword(raw), SPECS[i].expected);
    const state = stateOf(raw, IS_OK[SPECS[i].field]);
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
      `The TLS 1.2 SCHANNEL values are not set (${labelsIn(LABELS, states, "absent")} absent). Windows enables TLS 1.2 by default, but the cloud sync prerequisites ask for these values explicitly.${missing > 0 ? ` Not collected: ${labelsIn(LABELS, states, "not-collected")}.` : ""}`,
      found,
      "warning",
    );
  }
  if (missing > 0) {
    const first = SPECS[states.indexOf("not-collected")];
    return tlsNotCollected(first.fact, `Get-ItemProperty '${keyPath("client")}'\nGet-ItemProperty '${keyPath("server")}'`, labelsIn(LABELS, states, "not-collected"), found);
  }
  return pass(PASS_MESSAGE, found);
}

function script(ctx: RuleContext): string | null {
  const host = own(ctx, "host");
  const raws = readTlsDwords(host, PATHS);
  // Not-collected values are included too: every step tests before it sets.
  const fixes = SPECS.flatMap((item, i) =>
    stateOf(raws[i], IS_OK[item.field]) === "ok"
      ? []
      : [{ path: keyPath(item.side), name: item.name, value: item.required, label: item.label, raw: raws[i], requirement: "required" as const }],
  );
  return tlsRemediationScript(
    { ruleId: "host-tls12-schannel", title: "TLS 1.2 is enabled for the SCHANNEL client and server", note: "A restart is required after changing SCHANNEL settings." },
    host,
    fixes,
  );
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
