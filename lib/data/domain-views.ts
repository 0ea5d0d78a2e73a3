import "server-only";
import { domainFactsSchema, type DomainFacts } from "@/lib/facts";
import { VERDICTS, type AclExportDetails, type Verdict } from "@/lib/readiness";
import type { RuleResult } from "@/lib/rules";
import { db } from "./db";
import { listLatestSnapshots, type LatestSnapshot } from "./latest-facts";
import { parseStoredDetails } from "./stored-details";
import { parseStoredResults } from "./stored-results";

export type UploadRef = LatestSnapshot["upload"];

/** An ACL export of the domain with its analysis, as stored with the domain's evaluation. */
export interface AclExportView extends AclExportDetails {
  collectedAt: string;
  upload: UploadRef;
}

export type { PermissionSetNeed } from "@/lib/rules";

export interface DomainView {
  /** Lower-case DNS name. */
  domain: string;
  /** The latest domain facts, or null when none were uploaded. */
  facts: DomainFacts | null;
  factsCollectedAt: string | null;
  factsUpload: UploadRef;
  /** Results of the domain- and fleet-scoped rules for this domain (from its shared evaluation). */
  domainResults: RuleResult[];
  /** Results of the gMSA ACL rules for this domain. */
  gmsaResults: RuleResult[];
  /** When the shared results were computed; null when no server of the domain has been evaluated. */
  evaluatedAt: string | null;
  servers: { total: number; byVerdict: Record<Verdict, number> };
  /** The latest ACL export per target object, domain root first. */
  aclExports: AclExportView[];
}

const zeroVerdicts = (): Record<Verdict, number> => ({ ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 });

function isVerdict(value: string): value is Verdict {
  return (VERDICTS as readonly string[]).includes(value);
}

function parseDomainFacts(raw: unknown): DomainFacts | null {
  const parsed = domainFactsSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The domain part of a gmsa-acl subject ("<domain>|<dn>"). */
function aclDomain(subject: string): string {
  return subject.split("|")[0] ?? "";
}

/**
 * The stored analyses of the domain's ACL exports, with the provenance of each export's latest snapshot.
 * An export uploaded after the last evaluation has no stored analysis yet and is left out until it is evaluated
 * (committing an upload evaluates its domain in the same transaction, so this is a passing state at most).
 */
function aclViews(stored: readonly AclExportDetails[], snapshots: readonly LatestSnapshot[]): AclExportView[] {
  return stored.flatMap((details) => {
    const snapshot = snapshots.find((s) => s.subject === details.subject);
    return snapshot ? [{ ...details, collectedAt: snapshot.collectedAt, upload: snapshot.upload }] : [];
  });
}

/**
 * Every domain known from servers, domain facts, ACL exports or shared evaluations, with its rule results,
 * key facts, server counts per verdict and gMSA ACL analyses. Servers without a domain are left out.
 */
export async function listDomainViews(): Promise<DomainView[]> {
  const [domainSnapshots, aclSnapshots, evaluations, counts] = await Promise.all([
    listLatestSnapshots("domain"),
    listLatestSnapshots("gmsa-acl"),
    db().domainEvaluation.findMany(),
    db().server.groupBy({ by: ["domain", "verdict"], _count: { _all: true } }),
  ]);

  const domains = new Set<string>();
  for (const snapshot of domainSnapshots) domains.add(snapshot.subject);
  for (const snapshot of aclSnapshots) domains.add(aclDomain(snapshot.subject));
  for (const evaluation of evaluations) domains.add(evaluation.domain);
  for (const row of counts) domains.add(row.domain);
  domains.delete("");

  return [...domains].sort().map((domain) => {
    const snapshot = domainSnapshots.find((s) => s.subject === domain);
    const facts = snapshot ? parseDomainFacts(snapshot.raw) : null;
    const evaluation = evaluations.find((e) => e.domain === domain);
    const results = evaluation ? parseStoredResults(evaluation.resultsJson) : [];
    const byVerdict = zeroVerdicts();
    for (const row of counts) if (row.domain === domain && isVerdict(row.verdict)) byVerdict[row.verdict] += row._count._all;
    return {
      domain,
      facts,
      factsCollectedAt: snapshot?.collectedAt ?? null,
      factsUpload: snapshot?.upload ?? null,
      domainResults: results.filter((r) => r.scope === "domain" || r.scope === "fleet"),
      gmsaResults: results.filter((r) => r.scope === "gmsa-acl"),
      evaluatedAt: evaluation?.evaluatedAt.toISOString() ?? null,
      servers: { total: Object.values(byVerdict).reduce((a, b) => a + b, 0), byVerdict },
      aclExports: aclViews(
        parseStoredDetails(evaluation?.detailsJson ?? null)?.aclExports ?? [],
        aclSnapshots.filter((s) => aclDomain(s.subject) === domain),
      ),
    };
  });
}
