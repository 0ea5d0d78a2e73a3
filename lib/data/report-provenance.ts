import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { RULESET_VERSION } from "@/lib/rules";
import { db } from "./db";

// Provenance printed on every report's cover and recorded with it (lib/data/report-log.ts): the ruleset version,
// the newest evaluation among the servers in scope (the PDF's dates, so the same data gives the same bytes) and
// the uploads the data is based on.

export interface ReportProvenanceDto {
  rulesetVersion: string;
  dataAsOf: string | null;
  uploads: { total: number; newest: { id: string; fileName: string; createdAt: string }[] };
}

export interface ProvenanceScope {
  /** The servers in scope (default: every server). */
  servers?: Prisma.ServerWhereInput;
  /** Only the uploads holding facts of these servers (a server or a wave report); default: every upload. */
  uploadsOfServers?: boolean;
  /** How many of the newest uploads to name (default 5). */
  take?: number;
}

export async function getReportProvenance({ servers, uploadsOfServers = false, take = 5 }: ProvenanceScope = {}): Promise<ReportProvenanceDto> {
  const uploadWhere: Prisma.UploadWhereInput = uploadsOfServers ? { hostSnapshots: { some: { server: servers ?? {} } } } : {};
  const [evaluated, versions, uploads] = await Promise.all([
    db().server.aggregate({ where: servers, _max: { evaluatedAt: true } }),
    db().server.groupBy({ by: ["rulesetVersion"], where: servers, _count: { _all: true }, orderBy: { _count: { rulesetVersion: "desc" } }, take: 3 }),
    uploadsOf(uploadWhere, take),
  ]);
  const stored = versions.map((row) => row.rulesetVersion).filter((version) => version !== "");
  const rulesetVersion = stored.length === 0 ? RULESET_VERSION : stored.length === 1 ? stored[0] : `${stored.join(", ")} (mixed)`;
  return { rulesetVersion, dataAsOf: evaluated._max.evaluatedAt?.toISOString() ?? null, uploads };
}

/**
 * A "what changed" report's provenance: the uploads committed inside the window (the new data it explains), the
 * newest evaluation up to the end of the window, and the ruleset version.
 */
export async function getChangesProvenance(from: Date, to: Date, take = 5): Promise<ReportProvenanceDto> {
  const [uploads, evaluation] = await Promise.all([
    uploadsOf({ createdAt: { gt: from, lte: to } }, take),
    db().evaluation.findFirst({ where: { evaluatedAt: { lte: to } }, orderBy: { evaluatedAt: "desc" }, select: { evaluatedAt: true } }),
  ]);
  return { rulesetVersion: RULESET_VERSION, dataAsOf: evaluation?.evaluatedAt.toISOString() ?? null, uploads };
}

async function uploadsOf(where: Prisma.UploadWhereInput, take: number): Promise<ReportProvenanceDto["uploads"]> {
  const [total, newest] = await Promise.all([
    db().upload.count({ where }),
    db().upload.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select: { id: true, fileName: true, createdAt: true } }),
  ]);
  return { total, newest: newest.map((upload) => ({ id: upload.id, fileName: upload.fileName, createdAt: upload.createdAt.toISOString() })) };
}

/** The provenance as recorded in the audit log (ids and names, small). */
export function provenanceForLog(provenance: ReportProvenanceDto): Record<string, unknown> {
  return {
    rulesetVersion: provenance.rulesetVersion,
    dataAsOf: provenance.dataAsOf,
    uploads: provenance.uploads.total,
    newestUploads: provenance.uploads.newest.map((upload) => ({ id: upload.id, fileName: upload.fileName, createdAt: upload.createdAt })),
  };
}
