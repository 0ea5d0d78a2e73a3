import { evidence, fail, pass } from "@/lib/rules/outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { own, shownDword } from "./host/read";
import { prerequisites, SECTION, TLS_CONNECT_ENFORCEMENT } from "./host/sources";
import { DOTNET32_KEY, DOTNET64_KEY, labelsIn, readTlsDwords, stateOf, tlsDwordEvaluator, tlsFact, tlsNotCollected, tlsRemediationScript, type ValueState } from "./host/tls";

/** The Entra Connect TLS document's .NET values beyond the 64-bit SchUseStrongCrypto (host-dotnet-strong-crypto). */
const CHECKED = [
  { view: "dotnet32", field: "schUseStrongCrypto", name: "SchUseStrongCrypto", key: DOTNET32_KEY },
  { view: "dotnet64", field: "systemDefaultTlsVersions", name: "SystemDefaultTlsVersions", key: DOTNET64_KEY },
  { view: "dotnet32", field: "systemDefaultTlsVersions", name: "SystemDefaultTlsVersions", key: DOTNET32_KEY },
] as const;

/** Path under host.tls, fact path, expected text and label of each CHECKED value, worked out once. */
const PATHS: readonly (readonly string[])[] = CHECKED.map((item) => [item.view, item.field]);
const FACTS: readonly string[] = PATHS.map(tlsFact);
const EXPECTED: readonly string[] = CHECKED.map((item) => `1 (${item.key}\\${item.name})`);
const LABELS: readonly string[] = CHECKED.map((item) => `${item.view === "dotnet32" ? "WOW6432Node (32-bit)" : "64-bit"} ${item.name}`);

function isOne(value: number): boolean {
  return value === 1;
}

const PASS_MESSAGE = "SystemDefaultTlsVersions = 1 in both .NET views and SchUseStrongCrypto = 1 in the 32-bit view.";

/** Reads the three values in CHECKED order and judges them (precomputed for not collected, absent, 0 and 1). */
const evaluate = tlsDwordEvaluator(PATHS, outcomeFor);

/** Judges the three raw DWORDs in CHECKED order. */
function outcomeFor(raws: readonly (number | null | undefined)[]): RuleOutcome {
  const found = new Array<Evidence>(raws.length);
  for (let i = 0; i < raws.length; i++) found[i] = evidence(FACTS[i], shownDword(raws[i]), EXPECTED[i]);
  const states: ValueState[] = raws.map((raw) => stateOf(raw, isOne));
  let notSet = "";
  for (let i = 0; i < CHECKED.length; i++) {
    if (states[i] === "wrong" || states[i] === "absent") notSet = `${notSet === "" ? "" : `${notSet}, `}${LABELS[i]} = ${shownDword(raws[i])}`;
  }
  if (notSet !== "") {
    return fail(
      `Recommended .NET TLS values are not 1: ${notSet}. Entra Connect's TLS guidance sets them so 32- and 64-bit .NET code uses the OS TLS defaults and strong cryptography.`,
      found,
      "warning",
    );
  }
  const firstMissing = states.indexOf("not-collected");
  if (firstMissing >= 0) {
    return tlsNotCollected(
      FACTS[firstMissing],
      `Get-ItemProperty '${DOTNET64_KEY}' -Name SchUseStrongCrypto, SystemDefaultTlsVersions\nGet-ItemProperty '${DOTNET32_KEY}' -Name SchUseStrongCrypto, SystemDefaultTlsVersions`,
      labelsIn(LABELS, states, "not-collected"),
      found,
    );
  }
  return pass(PASS_MESSAGE, found);
}

function script(ctx: RuleContext): string | null {
  const host = own(ctx, "host");
  const raws = readTlsDwords(host, PATHS);
  const fixes = CHECKED.flatMap((item, i) =>
    raws[i] === 1 ? [] : [{ path: item.key, name: item.name, value: 1, label: LABELS[i], raw: raws[i], requirement: "recommended" as const }],
  );
  return tlsRemediationScript(
    {
      ruleId: "host-dotnet-tls-defaults",
      title: ".NET Framework uses the OS TLS defaults in both the 64-bit and 32-bit views",
      note: "A restart is required for .NET applications to pick up the change.",
    },
    host,
    fixes,
  );
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
