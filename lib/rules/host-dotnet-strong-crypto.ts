import { evidence, fail, pass } from "@/lib/rules/outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import { hostContext } from "./host/examples";
import { own, shownDword } from "./host/read";
import { constantUnknown, frozenSingle } from "./host/frozen";
import { prerequisites, SECTION, TLS_CONNECT_ENFORCEMENT } from "./host/sources";
import { DOTNET64_KEY, readTlsDwords, stateOf, tlsCollect, tlsFact, tlsRemediationScript } from "./host/tls";

const PATH = ["dotnet64", "schUseStrongCrypto"] as const;
const FACT = tlsFact(PATH);
const EXPECTED = `1 (${DOTNET64_KEY}\\SchUseStrongCrypto)`;
const COLLECT = tlsCollect(`Get-ItemProperty '${DOTNET64_KEY}' -Name SchUseStrongCrypto`);

/** The evidence when the value is 1 (set) or absent, the two states most servers are in. */
const NOT_COLLECTED = constantUnknown(FACT, COLLECT);
const FOUND_ONE = frozenSingle(FACT, 1, EXPECTED);
const FOUND_ABSENT = frozenSingle(FACT, "absent", EXPECTED);

function isOne(dword: number): boolean {
  return dword === 1;
}

function readValue(host: unknown): number | null | undefined {
  return readTlsDwords(host, [PATH])[0];
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const value = readValue(own(ctx, "host"));
  const found = value === 1 ? FOUND_ONE : value === null ? FOUND_ABSENT : [evidence(FACT, shownDword(value), EXPECTED)];
  switch (stateOf(value, isOne)) {
    case "ok":
      return pass("SchUseStrongCrypto = 1 is set for 64-bit .NET Framework 4.x.", found);
    case "wrong":
      return fail(`SchUseStrongCrypto is ${value} for 64-bit .NET Framework 4.x; the prerequisites require 1 (strong cryptography, TLS 1.2).`, found);
    case "absent":
      return fail(
        "SchUseStrongCrypto is not set for 64-bit .NET Framework 4.x. Applications built for .NET 4.7+ use the OS TLS defaults anyway, but the prerequisites ask for this value explicitly.",
        found,
        "warning",
      );
    default:
      return NOT_COLLECTED();
  }
}

function script(ctx: RuleContext): string | null {
  const host = own(ctx, "host");
  const value = readValue(host);
  return tlsRemediationScript(
    {
      ruleId: "host-dotnet-strong-crypto",
      title: ".NET Framework uses strong cryptography (SchUseStrongCrypto = 1)",
      note: "A restart is required for .NET applications (and the agent) to pick up the change.",
    },
    host,
    value === 1 ? [] : [{ path: DOTNET64_KEY, name: "SchUseStrongCrypto", value: 1, label: "64-bit .NET Framework 4.x", raw: value, requirement: "required" }],
  );
}

export default defineRule({
  meta: {
    id: "host-dotnet-strong-crypto",
    title: ".NET Framework uses strong cryptography (SchUseStrongCrypto = 1)",
    severity: "blocker",
    scope: "host",
    rationale:
      "The TLS 1.2 steps of the prerequisites set SchUseStrongCrypto = 1 for .NET Framework 4.x so the agent's .NET code negotiates TLS 1.2 with strong ciphers.",
    source: prerequisites(SECTION.tls),
    otherSources: [TLS_CONNECT_ENFORCEMENT],
    notes: [
      "Checks HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319\\SchUseStrongCrypto (64-bit view), the value the cloud sync .reg file writes. The 32-bit (WOW6432Node) view and SystemDefaultTlsVersions are recommended by the Entra Connect TLS document and checked by host-dotnet-tls-defaults.",
      "An explicit value other than 1 fails as a blocker. An absent value fails as a warning: apps targeting .NET Framework 4.7+ default to the OS TLS settings, but the prerequisites ask for the value (this severity split is this project's choice).",
    ],
    remediation: {
      summary: "Set SchUseStrongCrypto = 1 (DWORD) under HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319 and restart the server.",
      steps: ["HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319: SchUseStrongCrypto = 1 (DWORD)", "Restart the server."],
    },
  },
  evaluate,
  remediationScript: script,
  examples: [
    { name: "strong crypto enabled", expect: "pass", context: hostContext({ tls: { dotnet64: { schUseStrongCrypto: 1 } } }) },
    { name: "strong crypto explicitly off", expect: "fail", context: hostContext({ tls: { dotnet64: { schUseStrongCrypto: 0 } } }) },
    { name: "value absent", expect: "fail", context: hostContext({ tls: { dotnet64: { schUseStrongCrypto: null } } }) },
    { name: ".NET TLS values not collected", expect: "unknown", context: hostContext({ tls: {} }) },
  ],
});
