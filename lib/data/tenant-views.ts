import "server-only";
import { tenantAttestationKeySchema, tenantFactsSchema, type TenantAttestationKey, type TenantFacts } from "@/lib/facts";
import type { ConfigurationLimits } from "@/lib/readiness";
import { SCOPE_LIMITS, type RuleResult, type ScopeLimits } from "@/lib/rules";
import { type AttestationDto, listAttestations } from "./attestations";
import { db } from "./db";
import { listLatestSnapshots, type LatestSnapshot } from "./latest-facts";
import { parseStoredDetails } from "./stored-details";
import { parseStoredResults } from "./stored-results";

export type { ConfigurationCheck, ConfigurationLimits } from "@/lib/readiness";

export interface AttestationItem {
  key: TenantAttestationKey;
  /** The attestation in force: the newest recorded in the app, else one carried by the tenant file. */
  current: (AttestationDto & { source: "app" | "file" }) | null;
  /** Every attestation recorded in the app for this key, newest first. */
  history: AttestationDto[];
}

export interface TenantView {
  facts: TenantFacts | null;
  collectedAt: string | null;
  upload: LatestSnapshot["upload"];
  /** Results of the tenant rules (the same for every domain), as the last evaluation stored them. */
  results: RuleResult[];
  /** When the results were computed; null when nothing has been evaluated yet (then there are no results). */
  evaluatedAt: string | null;
  checklist: AttestationItem[];
}

/** The most recent shared evaluation: the tenant and fleet-wide scope are the same in every domain's. */
function latestEvaluation() {
  return db().domainEvaluation.findFirst({ orderBy: { evaluatedAt: "desc" } });
}

async function latestTenant(): Promise<{ facts: TenantFacts | null; snapshot: LatestSnapshot | null }> {
  const snapshot = (await listLatestSnapshots("tenant"))[0] ?? null;
  if (!snapshot) return { facts: null, snapshot: null };
  const parsed = tenantFactsSchema.safeParse(snapshot.raw);
  return { facts: parsed.success ? parsed.data : null, snapshot };
}

/** The tenant page: the tenant rules' results, the latest Graph facts and the attestation checklist. */
export async function getTenantView(): Promise<TenantView> {
  const [{ facts, snapshot }, attestations, stored] = await Promise.all([latestTenant(), listAttestations(), latestEvaluation()]);
  const results = stored ? parseStoredResults(stored.resultsJson).filter((r) => r.scope === "tenant") : [];

  const checklist = tenantAttestationKeySchema.options.map((key): AttestationItem => {
    const app = attestations.current.find((a) => a.key === key);
    const file = facts?.attestations?.filter((a) => a.key === key).sort((a, b) => b.at.localeCompare(a.at))[0];
    const current = app
      ? { ...app, source: "app" as const }
      : file
        ? { key, attested: file.attested, by: file.by, at: file.at, note: file.note ?? null, source: "file" as const }
        : null;
    return { key, current, history: attestations.history.filter((a) => a.key === key) };
  });

  return {
    facts,
    collectedAt: snapshot?.collectedAt ?? null,
    upload: snapshot?.upload ?? null,
    results,
    evaluatedAt: stored?.evaluatedAt.toISOString() ?? null,
    checklist,
  };
}

export interface ScopeView {
  collectedAt: string | null;
  upload: LatestSnapshot["upload"];
  /** The documented limits the scope rules judge. */
  limits: ScopeLimits;
  /** null when no sync-scope facts were uploaded (or they are not evaluated yet). */
  configurations: ConfigurationLimits[] | null;
  /** The scope rules on every configuration together. */
  results: RuleResult[];
}

/** Each sync configuration of the latest sync-scope upload against the documented limits, as the last evaluation judged it. */
export async function getScopeView(): Promise<ScopeView> {
  const [snapshots, stored] = await Promise.all([listLatestSnapshots("sync-scope"), latestEvaluation()]);
  const snapshot = snapshots[0] ?? null;
  const scope = parseStoredDetails(stored?.detailsJson ?? null)?.scope ?? null;
  return {
    collectedAt: snapshot?.collectedAt ?? null,
    upload: snapshot?.upload ?? null,
    limits: scope?.limits ?? SCOPE_LIMITS,
    configurations: scope?.configurations ?? null,
    results: scope?.results ?? [],
  };
}
