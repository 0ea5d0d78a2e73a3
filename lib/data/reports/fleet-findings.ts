import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { functionalLevelName, getRule, type PermissionFinding, type PermissionSetNeed, type RuleResult } from "@/lib/rules";
import { STALE_AFTER_DAYS } from "@/lib/views/server-filters";
import { db } from "../db";
import { listDomainViews } from "../domain-views";
import { staleBefore } from "../servers";
import { getScopeView, getTenantView } from "../tenant-views";
import { listWaivers, type WaiverDto } from "../waivers";

// The findings sections of the fleet report: domains and gMSA permissions, tenant and sync scope, accepted risks,
// and stale data. Everything is read from stored evaluations and details (lib/data only reads).

/** A rule result worth a manager's attention: failing, unknown or waived (passes are left out). */
export interface FindingRow {
  ruleId: string;
  title: string;
  status: RuleResult["status"];
  severity: RuleResult["severity"];
  message: string;
}

export interface DomainFinding {
  domain: string;
  servers: number;
  functionalLevel: string | null;
  factsCollectedAt: string | null;
  factsFile: string | null;
  findings: FindingRow[];
  /** The judged gMSA ACL export's permission table (documented permission → status), when one was uploaded. */
  gmsa: { account: string | null; targetDn: string | null; sets: PermissionSetNeed[]; permissions: Pick<PermissionFinding, "set" | "access" | "appliesTo" | "status">[] } | null;
}

export interface TenantScopeFindings {
  tenantCollectedAt: string | null;
  tenantFile: string | null;
  tenant: FindingRow[];
  scopeCollectedAt: string | null;
  scopeFile: string | null;
  scope: FindingRow[];
  configurations: { name: string; domain: string | null; objectCount: number | null; problems: string[] }[];
}

export interface AcceptedRisks {
  active: WaiverDto[];
  /** Expired or lapsed (evidence changed) waivers: the risk is no longer accepted. */
  ended: WaiverDto[];
}

export interface StaleData {
  afterDays: number;
  count: number;
  /** The oldest first, capped. */
  servers: { fqdn: string; domain: string; factsCollectedAt: string | null }[];
}


function findingRows(results: readonly RuleResult[]): FindingRow[] {
  const order = { fail: 0, unknown: 1, waived: 2, pass: 3 } as const;
  return results
    .filter((r) => r.status !== "pass")
    .sort((a, b) => order[a.status] - order[b.status] || a.ruleId.localeCompare(b.ruleId))
    .map((r) => ({ ruleId: r.ruleId, title: getRule(r.ruleId)?.meta.title ?? r.ruleId, status: r.status, severity: r.severity, message: r.message }));
}

/** Domains in scope with their failing/unknown/waived domain and gMSA results and the permission table. */
export async function domainFindings(inScope: ReadonlyMap<string, number>): Promise<DomainFinding[]> {
  const views = await listDomainViews();
  return views
    .filter((view) => inScope.has(view.domain))
    .map((view) => {
      const judged = view.aclExports.find((e) => e.judged) ?? view.aclExports[0];
      return {
        domain: view.domain,
        servers: inScope.get(view.domain) ?? 0,
        functionalLevel: view.facts?.functionalLevels?.domain !== undefined ? functionalLevelName(view.facts.functionalLevels.domain) : null,
        factsCollectedAt: view.factsCollectedAt,
        factsFile: view.factsUpload?.fileName ?? null,
        findings: findingRows([...view.domainResults, ...view.gmsaResults]),
        gmsa: judged
          ? {
              account: judged.account,
              targetDn: judged.targetDn,
              sets: judged.sets,
              permissions: judged.analysis.permissions.map(({ set, access, appliesTo, status }) => ({ set, access, appliesTo, status })),
            }
          : null,
      };
    });
}

export async function tenantScopeFindings(): Promise<TenantScopeFindings> {
  const [tenant, scope] = await Promise.all([getTenantView(), getScopeView()]);
  return {
    tenantCollectedAt: tenant.collectedAt,
    tenantFile: tenant.upload?.fileName ?? null,
    tenant: findingRows(tenant.results),
    scopeCollectedAt: scope.collectedAt,
    scopeFile: scope.upload?.fileName ?? null,
    scope: findingRows(scope.results),
    configurations: (scope.configurations ?? []).map((c) => ({
      name: c.name,
      domain: c.domain,
      objectCount: c.objectCount,
      problems: c.checks.filter((check) => check.status === "fail" || check.status === "unknown").map((check) => `${check.ruleId}: ${check.message}`),
    })),
  };
}

/**
 * Waivers that touch the servers in scope: domain waivers of a domain in scope, server waivers of a server in
 * scope. Active ones, and the expired or lapsed ones (flagged in the report).
 */
export async function acceptedRisks(where: Prisma.ServerWhereInput, domains: ReadonlySet<string>, now: Date): Promise<AcceptedRisks> {
  const [active, renewal] = await Promise.all([listWaivers({ status: "active", take: 1_000 }, now), listWaivers({ status: "renewal", take: 1_000 }, now)]);
  const fqdns = [...new Set([...active, ...renewal].flatMap((w) => (w.server ? [w.server.fqdn] : [])))];
  const inScope = new Set(
    fqdns.length === 0 ? [] : (await db().server.findMany({ where: { AND: [where, { fqdn: { in: fqdns } }] }, select: { fqdn: true } })).map((s) => s.fqdn),
  );
  const relevant = (w: WaiverDto) => (w.scope === "domain" ? domains.has(w.domain) : !!w.server && inScope.has(w.server.fqdn));
  return {
    active: active.filter(relevant).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt)),
    ended: renewal.filter(relevant),
  };
}

export async function staleData(where: Prisma.ServerWhereInput, now: Date, take = 25): Promise<StaleData> {
  const stale: Prisma.ServerWhereInput = { AND: [where, { OR: [{ factsCollectedAt: null }, { factsCollectedAt: { lt: staleBefore(now) } }] }] };
  const [count, rows] = await Promise.all([
    db().server.count({ where: stale }),
    db().server.findMany({ where: stale, select: { fqdn: true, domain: true, factsCollectedAt: true }, orderBy: [{ factsCollectedAt: "asc" }, { fqdn: "asc" }], take }),
  ]);
  return { afterDays: STALE_AFTER_DAYS, count, servers: rows.map((r) => ({ fqdn: r.fqdn, domain: r.domain, factsCollectedAt: r.factsCollectedAt?.toISOString() ?? null })) };
}
