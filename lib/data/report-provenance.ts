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
  const [evaluated, versions, total, newest] = await Promise.all([
    db().server.aggregate({ where: servers, _max: { evaluatedAt: true } }),
    db().server.groupBy({ by: ["rulesetVersion"], where: servers, _count: { _all: true }, orderBy: { _count: { rulesetVersion: "desc" } }, take: 3 }),
    db().upload.count({ where: uploadWhere }),
    db().upload.findMany({ where: uploadWhere, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select: { id: true, fileName: true, createdAt: true } }),
  ]);
  const stored = versions.map((row) => row.rulesetVersion).filter((version) => version !== "");
  const rulesetVersion = stored.length === 0 ? RULESET_VERSION : stored.length === 1 ? stored[0] : `${stored.join(", ")} (mixed)`;
  return {
    rulesetVersion,
    dataAsOf: evaluated._max.evaluatedAt?.toISOString() ?? null,
    uploads: { total, newest: newest.map((upload) => ({ id: upload.id, fileName: upload.fileName, createdAt: upload.createdAt.toISOString() })) },
  };
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
