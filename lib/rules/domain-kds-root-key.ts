import { HINT } from "./domain/collect";
import { bestKey, classifyKey, KDS_REPLICATION_WAIT_MS, readKdsKeys, type ClassifiedKey } from "./domain/kds-root-key";
import { psSingleQuoted } from "./domain/powershell";
import { jsonSafe, missingFact, readArray, readString, readTime } from "./domain/read";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "./types";

const FACT = "domain.kdsRootKeys";

const iso = (ms: number) => new Date(ms).toISOString();

function keyEvidence(item: ClassifiedKey, asOfMs: number): Evidence {
  const { key } = item;
  return evidence(
    `${FACT}[${key.index}]`,
    {
      id: key.id ?? null,
      effectiveTime: jsonSafe(key.rawEffective),
      createdTime: jsonSafe(key.rawCreated),
      state: item.state,
      usableFrom: item.readyMs === undefined ? null : iso(item.readyMs),
    },
    `effectiveTime (and createdTime, when known) at or before ${iso(asOfMs - KDS_REPLICATION_WAIT_MS)} (10 hours before asOf)`,
  );
}

function label(item: ClassifiedKey): string {
  return item.key.id ? `KDS root key ${item.key.id}` : `KDS root key #${item.key.index}`;
}

function evaluateKds(ctx: RuleContext): RuleOutcome {
  const raw = ctx.domain?.kdsRootKeys;
  const list = readArray(raw);
  if (list === undefined) return missingFact(FACT, HINT.kdsRootKeys, raw, "The forest's KDS root keys");
  const asOfMs = readTime(ctx.asOf);
  if (asOfMs === undefined) {
    return unknown("asOf", { command: "", note: "Evaluate again with an ISO 8601 evaluation time (asOf), e.g. 2026-08-01T12:00:00Z." }, "The evaluation time (asOf) is not a valid ISO 8601 timestamp, so key ages cannot be judged.");
  }
  if (list.length === 0) {
    return fail(
      "No KDS root key exists in the forest: the agent's gMSA cannot be created. Run Add-KdsRootKey -EffectiveImmediately on a domain controller, then wait 10 hours.",
      [evidence(FACT, [], "at least one key, effective at least 10 hours before asOf")],
    );
  }
  const keys = readKdsKeys(list).map((key) => classifyKey(key, asOfMs));
  const found = keys.map((item) => keyEvidence(item, asOfMs));
  const best = bestKey(keys);
  if (best === undefined) return unknown(FACT, HINT.kdsRootKeys);
  if (best.state === "usable") {
    return pass(`${label(best)} has been effective since ${iso(best.key.effectiveMs ?? 0)}, more than 10 hours before ${iso(asOfMs)}.`, found);
  }
  const undecided = keys.find((item) => item.state === "undecided");
  if (undecided) {
    return unknown(
      `${FACT}[${undecided.key.index}].effectiveTime`,
      HINT.kdsRootKeys,
      `No KDS root key is known to be usable, and ${label(undecided)} has no valid effective time.`,
      found,
    );
  }
  const ready = iso(best.readyMs ?? asOfMs);
  switch (best.state) {
    case "backdated":
      return fail(
        `${label(best)} was back-dated (effective ${iso(best.key.effectiveMs ?? 0)}) but created at ${iso(best.key.createdMs ?? 0)}, less than 10 hours ago: ` +
          `other domain controllers may not have it yet. Fine for a single-DC lab; otherwise expect gMSA password retrieval to be reliable from ${ready}.`,
        found,
        "warning",
      );
    case "waiting":
      return fail(
        `${label(best)} is in its 10-hour replication wait (effective ${iso(best.key.effectiveMs ?? 0)}); gMSA creation is reliable from ${ready}.`,
        found,
        "warning",
      );
    default:
      return fail(
        `No KDS root key is effective: the earliest (${label(best)}) becomes effective only at ${iso(best.key.effectiveMs ?? 0)}, usable from ${ready}. ` +
          "Add a key with Add-KdsRootKey -EffectiveImmediately if the agent must be installed sooner.",
        found,
      );
  }
}

export default defineRule({
  meta: {
    id: "domain-kds-root-key",
    title: "A KDS root key exists in the forest and has been effective for at least 10 hours",
    severity: "blocker",
    scope: "domain",
    rationale:
      "Domain controllers need a Key Distribution Service root key to generate gMSA passwords. Without one the agent's " +
      "gMSA cannot be created; for 10 hours after a key becomes effective domain controllers may refuse or fail gMSA " +
      "requests while the key replicates.",
    source: cite(DOCS.kdsRootKey, "Create a Key Distribution Service (KDS) root key"),
    otherSources: [
      cite(DOCS.gmsaGettingStarted, "Prerequisites > Active Directory Domain Services", "active-directory-domain-services"),
      cite(DOCS.prerequisites, "Group Managed Service Accounts", "group-managed-service-accounts"),
    ],
    notes: [
      "Decision on the 10-hour window: the KDS doc says DCs wait up to 10 hours from a key's creation before allowing " +
        "gMSA creation, and its lab shortcut back-dates EffectiveTime by exactly 10 hours to skip the wait. The rule " +
        "therefore treats a key as usable from EffectiveTime + 10 h. Pass: EffectiveTime <= asOf - 10 h (exactly 10 h " +
        "passes; 9 h 59 min is still waiting). Fail as warning: the key is inside the wait (EffectiveTime within the " +
        "last 10 hours) or becomes effective within the next 10 hours (EffectiveTime <= asOf + 10 h) - both resolve " +
        "themselves. Fail as blocker: no key at all, or only keys effective more than 10 hours after asOf.",
      "A back-dated key (EffectiveTime 10+ hours ago) whose CreationTime is less than 10 hours before asOf is reported " +
        "as a warning: the doc allows the shortcut only for test environments with a single DC, because other DCs may " +
        "not have replicated the key yet.",
      "An empty kdsRootKeys array means collected and none exists (blocker); a missing array means not collected (unknown).",
      "The cloud sync prerequisites page does not mention the KDS root key; it comes from the Windows Server gMSA " +
        "pages, which cloud sync links for preparing Active Directory.",
      "Re-creating a key can leave the old one cached: the doc says to restart the KDC on all domain controllers after re-creating it.",
    ],
    remediation: {
      summary:
        "Create a KDS root key on a Windows Server 2012 or later domain controller as Domain Admin or Enterprise Admin, " +
        "then wait 10 hours for replication before installing the agent.",
      steps: [
        "Check first: Get-KdsRootKey | Select-Object KeyId, EffectiveTime, CreationTime",
        "If none: Add-KdsRootKey -EffectiveImmediately",
        "Wait 10 hours, then confirm event 4004 in Applications and Services Logs > Microsoft > Windows > KdsSvc > Operational",
        "Lab with a single DC only: Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10))",
      ],
    },
  },
  evaluate: evaluateKds,
  remediationScript: (ctx) => {
    if (evaluateKds(ctx).status === "pass") return null;
    const forest = readString(ctx.domain?.forestName) ?? readString(ctx.domain?.dnsName) ?? "the forest";
    return [
      "# Creates a KDS root key if the forest has none that is usable or about to be. Safe to run twice; supports -WhatIf.",
      "# Run elevated on a Windows Server 2012 or later domain controller as Domain Admin or Enterprise Admin.",
      "[CmdletBinding(SupportsShouldProcess = $true)]",
      "param()",
      "$ErrorActionPreference = 'Stop'",
      `$forest = ${psSingleQuoted(forest)}`,
      "if (-not (Get-Command -Name Add-KdsRootKey -ErrorAction SilentlyContinue)) {",
      "    throw 'The KDS cmdlets are missing: run this on a Windows Server 2012 or later domain controller.'",
      "}",
      "$now = Get-Date",
      "$keys = @(Get-KdsRootKey)",
      "$usable = @($keys | Where-Object { $_.EffectiveTime -le $now.AddHours(-10) })",
      "if ($usable.Count -gt 0) {",
      "    Write-Output \"A KDS root key is already usable in $forest (KeyId $($usable[0].KeyId)); nothing to do.\"",
      "    return",
      "}",
      "$pending = @($keys | Where-Object { $_.EffectiveTime -le $now.AddHours(10) } | Sort-Object EffectiveTime)",
      "if ($pending.Count -gt 0) {",
      "    Write-Output \"KDS root key $($pending[0].KeyId) exists; gMSA creation is reliable from $($pending[0].EffectiveTime.AddHours(10)). Nothing to do.\"",
      "    return",
      "}",
      "if ($PSCmdlet.ShouldProcess($forest, 'Add-KdsRootKey -EffectiveImmediately')) {",
      "    $keyId = Add-KdsRootKey -EffectiveImmediately",
      "    Write-Output \"Created KDS root key $keyId. Wait 10 hours for replication before creating the gMSA (event 4004 in the KdsSvc Operational log).\"",
      "}",
      "",
    ].join("\n");
  },
  examples: [
    {
      name: "key created two weeks ago",
      expect: "pass",
      context: {
        asOf: "2026-08-01T12:00:00Z",
        domain: {
          dnsName: "corp.contoso.com",
          forestName: "contoso.com",
          kdsRootKeys: [
            { id: "5c3a1c2e-2d6f-4b0a-9d8e-1f2a3b4c5d6e", effectiveTime: "2026-07-18T09:30:00Z", createdTime: "2026-07-18T09:30:00Z" },
          ],
        },
      },
    },
    {
      name: "no KDS root key in the forest",
      expect: "fail",
      context: { asOf: "2026-08-01T12:00:00Z", domain: { dnsName: "corp.contoso.com", forestName: "contoso.com", kdsRootKeys: [] } },
    },
    {
      name: "key added with -EffectiveImmediately three hours ago (warning)",
      expect: "fail",
      context: {
        asOf: "2026-08-01T12:00:00Z",
        domain: {
          dnsName: "corp.contoso.com",
          forestName: "contoso.com",
          kdsRootKeys: [{ id: "9a8b7c6d-0000-4000-8000-000000000001", effectiveTime: "2026-08-01T09:00:00Z", createdTime: "2026-08-01T09:00:00Z" }],
        },
      },
    },
    {
      name: "KDS root keys not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T12:00:00Z", domain: { dnsName: "corp.contoso.com", schemaVersion: 88 } },
    },
  ],
});
