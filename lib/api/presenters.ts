import type { ReadinessByWave } from "@/lib/data/rollout/progress";
import type { z } from "zod";
import type { FleetSummary } from "@/lib/data/fleet-summary";
import type { ServerDetail, ServerHistory } from "@/lib/data/servers";
import { waivedText } from "@/lib/readiness";
import { getRule, type RuleResult, RULES, RULESET_VERSION } from "@/lib/rules";
import type { resultSchema, rulesSchema, serverDetailSchema, summarySchema } from "./schemas";

// Plain DTOs -> API bodies (shapes in lib/api/schemas.ts).

const STATUS_ORDER = { fail: 0, unknown: 1, waived: 2, pass: 3 } as const;

export function presentResult(result: RuleResult, inherited: boolean): z.infer<typeof resultSchema> {
  const rule = getRule(result.ruleId);
  return {
    ruleId: result.ruleId,
    title: rule?.meta.title ?? result.ruleId,
    status: result.status,
    severity: result.severity,
    scope: result.scope,
    inherited,
    message: result.message,
    evidence: result.evidence,
    ...(result.reason ? { reason: result.reason } : {}),
    ...(result.waiver
      ? { waiver: { ...result.waiver, blocker: result.severity === "blocker" || rule?.meta.severity === "blocker", label: waivedText(result.waiver) } }
      : {}),
    remediation: { summary: rule?.meta.remediation.summary ?? "", steps: rule?.meta.remediation.steps ?? [] },
    source: rule?.meta.source ?? { document: "", section: "", url: "", revised: "" },
  };
}

export function presentServer(detail: ServerDetail, history: ServerHistory): z.infer<typeof serverDetailSchema> {
  const results = [...detail.hostResults.map((r) => presentResult(r, false)), ...detail.sharedResults.map((r) => presentResult(r, true))].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.ruleId.localeCompare(b.ruleId),
  );
  return {
    fqdn: detail.fqdn,
    name: detail.name,
    domain: detail.domain,
    osName: detail.osName,
    site: detail.site,
    owner: detail.owner,
    tags: detail.tags,
    verdict: detail.verdict,
    confidenceStars: detail.confidenceStars,
    confidenceShare: detail.confidenceShare,
    blockingRuleIds: detail.blockingRuleIds,
    conditionRuleIds: detail.conditionRuleIds,
    unknownRuleIds: detail.unknownRuleIds,
    factsCollectedAt: detail.factsCollectedAt,
    evaluatedAt: detail.evaluatedAt,
    stale: detail.stale,
    waivedRuleIds: detail.waivedRuleIds,
    rollout: detail.rollout,
    rulesetVersion: detail.rulesetVersion,
    results,
    history: {
      uploads: history.uploads,
      evaluations: history.evaluations.map(({ evaluatedAt, rulesetVersion, verdict, confidenceStars, cause }) => ({ evaluatedAt, rulesetVersion, verdict, confidenceStars, cause })),
    },
  };
}

export function presentRules(summary: FleetSummary["rules"]): z.infer<typeof rulesSchema> {
  const counts = new Map(summary.map((row) => [row.ruleId, row]));
  return {
    rulesetVersion: RULESET_VERSION,
    rules: RULES.map(({ meta }) => {
      const row = counts.get(meta.id);
      return {
        id: meta.id,
        title: meta.title,
        severity: meta.severity,
        scope: meta.scope,
        source: meta.source,
        notes: meta.notes ?? [],
        remediation: { summary: meta.remediation.summary, steps: meta.remediation.steps ?? [] },
        servers: { pass: row?.pass ?? 0, fail: row?.fail ?? 0, unknown: row?.unknown ?? 0, waived: row?.waived ?? 0, blocking: row?.blocking ?? 0 },
      };
    }),
  };
}

export function presentSummary(summary: FleetSummary, byWave: readonly ReadinessByWave[] = []): z.infer<typeof summarySchema> {
  return {
    total: summary.total,
    byVerdict: summary.byVerdict,
    byRule: summary.rules,
    byDomain: summary.byDomain,
    byWave: byWave.map((row) => ({ wave: row.name, waveId: row.waveId, total: row.total, byVerdict: row.byVerdict })),
    freshness: summary.freshness,
  };
}
