import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { at, hostLabel, readDword, shownDword } from "./host/read";
import { collectedAs, remediationScript, setDwordLines } from "./host/registry-script";
import { COLLECTOR_HINT, prerequisites, SECTION, TLS_CONNECT_ENFORCEMENT } from "./host/sources";
import { DOTNET32_KEY, DOTNET64_KEY, RESTART_REMINDER, stateOf, type ValueState } from "./host/tls";

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

function readValues(host: unknown): DotnetValue[] {
  return CHECKED.map((item) => {
    const raw = readDword(at(host, "tls", item.view, item.field));
    return { ...item, raw, state: stateOf(raw, (value) => value === 1) };
  });
}

function label(value: DotnetValue): string {
  return `${value.view === "dotnet32" ? "WOW6432Node (32-bit)" : "64-bit"} ${value.name}`;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const values = readValues(at(ctx, "host"));
  const found = values.map((value) =>
    evidence(`host.tls.${value.view}.${value.field}`, shownDword(value.raw), `1 (${value.key}\\${value.name})`),
  );
  const notSet = values.filter((value) => value.state === "wrong" || value.state === "absent");
  const missing = values.filter((value) => value.state === "not-collected");
  if (notSet.length > 0) {
    return fail(
      `Recommended .NET TLS values are not 1: ${notSet.map((value) => `${label(value)} = ${shownDword(value.raw)}`).join(", ")}. Entra Connect's TLS guidance sets them so 32- and 64-bit .NET code uses the OS TLS defaults and strong cryptography.`,
      found,
      "warning",
    );
  }
  if (missing.length > 0) {
    return unknown(
      `host.tls.${missing[0].view}.${missing[0].field}`,
      `Get-ItemProperty '${missing[0].key}' -Name SchUseStrongCrypto, SystemDefaultTlsVersions (both the 64-bit and WOW6432Node keys) (${COLLECTOR_HINT})`,
      `Not collected: ${missing.map(label).join(", ")}.`,
      found,
    );
  }
  return pass("SystemDefaultTlsVersions = 1 in both .NET views and SchUseStrongCrypto = 1 in the 32-bit view.", found);
}

function script(ctx: RuleContext): string | null {
  const host = at(ctx, "host");
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
