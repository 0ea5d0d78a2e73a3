import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { hostLabel, own, readDword, shownDword } from "./host/read";
import { dwordCode, DWORD_CODE_VALUES, freezeOutcome } from "./host/frozen";
import { collectedAs, remediationScript, setDwordLines } from "./host/registry-script";
import { COLLECTOR_HINT, prerequisites, SECTION, TLS_CONNECT_ENFORCEMENT } from "./host/sources";
import { DOTNET32_KEY, DOTNET64_KEY, RESTART_REMINDER, type ValueState } from "./host/tls";

interface DotnetValue {
  view: "dotnet64" | "dotnet32";
  field: "schUseStrongCrypto" | "systemDefaultTlsVersions";
  name: "SchUseStrongCrypto" | "SystemDefaultTlsVersions";
  key: string;
  raw: number | null | undefined;
  state: ValueState;
}

/** The Entra Connect TLS document's .NET values beyond the 64-bit SchUseStrongCrypto (host-dotnet-strong-crypto). */
const CHECKED = [
  { view: "dotnet32", field: "schUseStrongCrypto", name: "SchUseStrongCrypto", key: DOTNET32_KEY },
  { view: "dotnet64", field: "systemDefaultTlsVersions", name: "SystemDefaultTlsVersions", key: DOTNET64_KEY },
  { view: "dotnet32", field: "systemDefaultTlsVersions", name: "SystemDefaultTlsVersions", key: DOTNET32_KEY },
] as const;

/** Fact path, expected text and label of each CHECKED value, worked out once. */
const FACTS: readonly string[] = CHECKED.map((item) => `host.tls.${item.view}.${item.field}`);
const EXPECTED: readonly string[] = CHECKED.map((item) => `1 (${item.key}\\${item.name})`);
const LABELS: readonly string[] = CHECKED.map((item) => label(item));

function stateOfValue(raw: number | null | undefined): ValueState {
  if (raw === undefined) return "not-collected";
  if (raw === null) return "absent";
  return raw === 1 ? "ok" : "wrong";
}

/** The three raw DWORDs in CHECKED order. */
function readRaws(host: unknown): (number | null | undefined)[] {
  const tls = own(host, "tls");
  const dotnet64 = own(tls, "dotnet64");
  const dotnet32 = own(tls, "dotnet32");
  return [
    readDword(own(dotnet32, "schUseStrongCrypto")),
    readDword(own(dotnet64, "systemDefaultTlsVersions")),
    readDword(own(dotnet32, "systemDefaultTlsVersions")),
  ];
}

function readValues(host: unknown): DotnetValue[] {
  const raws = readRaws(host);
  return CHECKED.map((item, i) => ({ ...item, raw: raws[i], state: stateOfValue(raws[i]) }));
}

function label(value: Pick<DotnetValue, "view" | "name">): string {
  return `${value.view === "dotnet32" ? "WOW6432Node (32-bit)" : "64-bit"} ${value.name}`;
}

const PASS_MESSAGE = "SystemDefaultTlsVersions = 1 in both .NET views and SchUseStrongCrypto = 1 in the 32-bit view.";

/**
 * The outcome for every combination of the three values being not collected, absent, 0 or 1 (64 of them),
 * worked out once at module load by outcomeFor itself; other values are judged per call.
 */
const TABLE: readonly RuleOutcome[] = buildTable();

function buildTable(): RuleOutcome[] {
  const table: RuleOutcome[] = [];
  for (let code = 0; code < 64; code++) {
    const raws = [0, 1, 2].map((i) => DWORD_CODE_VALUES[(code >> (2 * i)) & 3]);
    table.push(freezeOutcome(outcomeFor(raws)));
  }
  return table;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const tls = own(own(ctx, "host"), "tls");
  const dotnet64 = own(tls, "dotnet64");
  const dotnet32 = own(tls, "dotnet32");
  const strongCrypto32 = readDword(own(dotnet32, "schUseStrongCrypto"));
  const systemDefault64 = readDword(own(dotnet64, "systemDefaultTlsVersions"));
  const systemDefault32 = readDword(own(dotnet32, "systemDefaultTlsVersions"));
  const c0 = dwordCode(strongCrypto32);
  const c1 = dwordCode(systemDefault64);
  const c2 = dwordCode(systemDefault32);
  if (c0 >= 0 && c1 >= 0 && c2 >= 0) return { ...TABLE[c0 | (c1 << 2) | (c2 << 4)] };
  return outcomeFor([strongCrypto32, systemDefault64, systemDefault32]);
}

/** Judges the three raw DWORDs in CHECKED order. */
function outcomeFor(raws: readonly (number | null | undefined)[]): RuleOutcome {
  const found = new Array<Evidence>(raws.length);
  for (let i = 0; i < raws.length; i++) found[i] = evidence(FACTS[i], shownDword(raws[i]), EXPECTED[i]);
  let notSet = "";
  let missing = "";
  let firstMissing = -1;
  for (let i = 0; i < CHECKED.length; i++) {
    const raw = raws[i];
    const state = stateOfValue(raw);
    if (state === "wrong" || state === "absent") notSet = `${notSet === "" ? "" : `${notSet}, `}${LABELS[i]} = ${shownDword(raw)}`;
    else if (state === "not-collected") {
      missing = missing === "" ? LABELS[i] : `${missing}, ${LABELS[i]}`;
      if (firstMissing < 0) firstMissing = i;
    }
  }
  if (notSet !== "") {
    return fail(
      `Recommended .NET TLS values are not 1: ${notSet}. Entra Connect's TLS guidance sets them so 32- and 64-bit .NET code uses the OS TLS defaults and strong cryptography.`,
      found,
      "warning",
    );
  }
  if (firstMissing >= 0) {
    return unknown(
      FACTS[firstMissing],
      `Get-ItemProperty '${CHECKED[firstMissing].key}' -Name SchUseStrongCrypto, SystemDefaultTlsVersions (both the 64-bit and WOW6432Node keys) (${COLLECTOR_HINT})`,
      `Not collected: ${missing}.`,
      found,
    );
  }
  return pass(PASS_MESSAGE, found);
}

function script(ctx: RuleContext): string | null {
  const host = own(ctx, "host");
  const toSet = readValues(host).filter((value) => value.state !== "ok");
  if (toSet.length === 0) return null;
  return remediationScript({
    ruleId: "host-dotnet-tls-defaults",
    title: ".NET Framework uses the OS TLS defaults in both the 64-bit and 32-bit views",
    host: hostLabel(host),
    notes: ["A restart is required for .NET applications to pick up the change."],
    body: toSet.flatMap((value) =>
      setDwordLines({
        path: value.key,
        name: value.name,
        value: 1,
        reason: `${label(value)}: ${collectedAs(value.raw)}, recommended 1.`,
      }),
    ),
    afterChange: RESTART_REMINDER,
  });
}

export default defineRule({
  meta: {
    id: "host-dotnet-tls-defaults",
    title: ".NET Framework uses the OS TLS defaults in both the 64-bit and 32-bit views",
    severity: "warning",
    scope: "host",
    rationale:
      "Microsoft's Entra Connect TLS 1.2 guidance sets SystemDefaultTlsVersions = 1 and SchUseStrongCrypto = 1 in both the 64-bit and WOW6432Node .NET keys so every .NET process negotiates TLS 1.2.",
    source: TLS_CONNECT_ENFORCEMENT,
    otherSources: [prerequisites(SECTION.tls)],
    notes: [
      "Recommended, not required: the cloud sync prerequisites list only the 64-bit SchUseStrongCrypto (host-dotnet-strong-crypto); they do not mention the WOW6432Node key or SystemDefaultTlsVersions. The Entra Connect TLS document lists all four .NET values and says its requirement applies to Connect 2.3.20.0-2.4.129.0, so failures here are warnings.",
      "Checks WOW6432Node SchUseStrongCrypto, and SystemDefaultTlsVersions in both views; a value other than 1, or absent, fails as a warning.",
    ],
    remediation: {
      summary: "Set SystemDefaultTlsVersions = 1 and SchUseStrongCrypto = 1 in both .NET Framework keys, then restart the server.",
      steps: [
        "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319: SystemDefaultTlsVersions = 1 (DWORD), SchUseStrongCrypto = 1 (DWORD)",
        "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319: SystemDefaultTlsVersions = 1 (DWORD), SchUseStrongCrypto = 1 (DWORD)",
        "Restart the server.",
      ],
    },
  },
  evaluate,
  remediationScript: script,
  examples: [
    {
      name: "all recommended values set",
      expect: "pass",
      context: hostContext({
        tls: {
          dotnet64: { schUseStrongCrypto: 1, systemDefaultTlsVersions: 1 },
          dotnet32: { schUseStrongCrypto: 1, systemDefaultTlsVersions: 1 },
        },
      }),
    },
    {
      name: "only the cloud sync .reg file applied",
      expect: "fail",
      context: hostContext({
        tls: {
          dotnet64: { schUseStrongCrypto: 1, systemDefaultTlsVersions: null },
          dotnet32: { schUseStrongCrypto: null, systemDefaultTlsVersions: null },
        },
      }),
    },
    { name: "32-bit view not collected", expect: "unknown", context: hostContext({ tls: { dotnet64: { schUseStrongCrypto: 1, systemDefaultTlsVersions: 1 } } }) },
  ],
});
