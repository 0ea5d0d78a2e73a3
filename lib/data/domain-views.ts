import "server-only";
import { aclFactsSchema, domainFactsSchema, scopeFactsSchema, type AclFacts, type DomainFacts, type ScopeFacts } from "@/lib/facts";
import { scopeForDomain } from "@/lib/readiness/evaluator";
import { VERDICTS, type Verdict } from "@/lib/readiness/verdict";
import { analyzeAcl, type AclAnalysis } from "@/lib/rules/acl/analyze";
import type { PermissionSetId } from "@/lib/rules/acl/required";
import { syncFeatures } from "@/lib/rules/acl/sync-features";
import type { RuleResult } from "@/lib/rules/types";
import { db } from "./db";
import { isDomainRootDn } from "./ingest/identity";
import { listLatestSnapshots, type LatestSnapshot } from "./latest-facts";
import { parseStoredResults } from "./stored-results";

export type UploadRef = LatestSnapshot["upload"];

export interface AclExportView {
  /** "<domain>|<target dn lower>". */
  subject: string;
  targetDn: string | null;
  account: string | null;
  collectedAt: string;
  upload: UploadRef;
  /** True for the export the gMSA rules judge (the domain root's, when there are several). */
  judged: boolean;
  /** The documented permissions against the ACEs found (lib/rules/acl/analyze.ts). */
  analysis: AclAnalysis;
  /** Which permission sets this domain needs, as the gMSA rules decide it from the sync scope. */
  sets: PermissionSetNeed[];
}

export interface PermissionSetNeed {
  set: PermissionSetId;
  required: boolean;
  /** Why, in one sentence. */
  reason: string;
}

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

function parseAclFacts(raw: unknown): AclFacts | null {
  const parsed = aclFactsSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The domain part of a gmsa-acl subject ("<domain>|<dn>"). */
function aclDomain(subject: string): string {
  return subject.split("|")[0] ?? "";
}

function parseScopeFacts(raw: unknown): ScopeFacts | undefined {
  const parsed = scopeFactsSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

const names = (list: readonly string[]) => list.join(", ");

/** The permission sets an ACL is judged against, decided like gmsa-acl-phs and gmsa-acl-writeback do (lib/rules/acl/sync-features.ts). */
function permissionSetNeeds(domain: string, facts: DomainFacts | null, acl: AclFacts, scope: ScopeFacts | undefined): PermissionSetNeed[] {
  const features = syncFeatures({ asOf: new Date(0).toISOString(), domain: facts ?? { dnsName: domain }, acl, scope: scopeForDomain(domain, undefined, scope) });
  const configs = features.configurations.length > 0 ? ` (${names(features.configurations)})` : "";
  let phs: string;
  if (!features.scopeCollected) phs = "No sync scope was uploaded; password hash sync is on by default, so these rights are required.";
  else if (features.passwordHashSync) phs = `Password hash sync is on for this domain's configurations${configs}.`;
  else phs = `Every configuration of this domain has password hash sync off${configs}.`;
  let writeback: string;
  if (!features.scopeCollected) writeback = "No sync scope was uploaded; password writeback is opt-in, so these rights are not required.";
  else if (features.passwordWriteback) writeback = `Password writeback is on for this domain's configurations${configs}.`;
  else writeback = `No configuration of this domain has password writeback on${configs}.`;
  return [
    { set: "custom-gmsa", required: true, reason: "The documented permission table for the provisioning agent's gMSA." },
    { set: "password-hash-sync", required: features.passwordHashSync, reason: phs },
    { set: "password-writeback", required: features.passwordWriteback, reason: writeback },
  ];
}

/** Builds the views of the ACL exports of one domain; marks the one the rules judge like the evaluation does. */
function aclViews(domain: string, snapshots: LatestSnapshot[], facts: DomainFacts | null, scope: ScopeFacts | undefined): AclExportView[] {
  const views = snapshots.flatMap((snapshot) => {
    const acl = parseAclFacts(snapshot.raw);
    if (!acl) return [];
    const analysis = analyzeAcl(acl, facts ?? undefined);
    return [
      {
        subject: snapshot.subject,
        targetDn: acl.targetDn ?? null,
        account: analysis.account,
        collectedAt: snapshot.collectedAt,
        upload: snapshot.upload,
        judged: false,
        analysis,
        sets: permissionSetNeeds(domain, facts, acl, scope),
      },
    ];
  });
  // lib/data/ingest/state.ts: the first export per domain, replaced by a domain-root one when found.
  const judged = views.find((view) => isDomainRootDn(view.targetDn ?? undefined)) ?? views[0];
  if (judged) judged.judged = true;
  return views.sort((a, b) => Number(b.judged) - Number(a.judged) || (a.targetDn ?? "").localeCompare(b.targetDn ?? ""));
}

/**
 * Every domain known from servers, domain facts, ACL exports or shared evaluations, with its rule results,
 * key facts, server counts per verdict and gMSA ACL analyses. Servers without a domain are left out.
 */
export async function listDomainViews(): Promise<DomainView[]> {
  const [domainSnapshots, aclSnapshots, scopeSnapshots, evaluations, counts] = await Promise.all([
    listLatestSnapshots("domain"),
    listLatestSnapshots("gmsa-acl"),
    listLatestSnapshots("sync-scope"),
    db().domainEvaluation.findMany(),
    db().server.groupBy({ by: ["domain", "verdict"], _count: { _all: true } }),
  ]);

  const scope = scopeSnapshots[0] ? parseScopeFacts(scopeSnapshots[0].raw) : undefined;
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
        domain,
        aclSnapshots.filter((s) => aclDomain(s.subject) === domain),
        facts,
        scope,
      ),
    };
  });
}
