import "server-only";
import { db } from "./db";

/** Kinds of FactSnapshot rows (see prisma/schema.prisma). */
export type FactKind = "domain" | "gmsa-acl" | "tenant" | "sync-scope";

export interface LatestSnapshot {
  id: string;
  /** Lower-case domain, "<domain>|<target dn>" for gmsa-acl, "tenant" or "scope". */
  subject: string;
  collectedAt: string;
  /** The upload that brought it (null when the upload row is gone). */
  upload: { id: string; fileName: string; uploadedAt: string } | null;
  /** The stored facts, parsed from JSON but not yet validated (callers run their zod schema). */
  raw: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The newest snapshot of each subject of a kind (newest collectedAt, then newest row), as the evaluation
 * picks them (lib/data/ingest/state.ts). Two queries: the small index columns of every version, then the
 * facts of the winners only.
 */
export async function listLatestSnapshots(kind: FactKind, subjectPrefix?: string): Promise<LatestSnapshot[]> {
  const versions = await db().factSnapshot.findMany({
    where: { kind, ...(subjectPrefix ? { subject: { startsWith: subjectPrefix } } : {}) },
    select: { id: true, subject: true },
    orderBy: [{ subject: "asc" }, { collectedAt: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  const ids: string[] = [];
  let previous: string | null = null;
  for (const version of versions) {
    if (version.subject !== previous) ids.push(version.id);
    previous = version.subject;
  }
  if (ids.length === 0) return [];
  const rows = await db().factSnapshot.findMany({
    where: { id: { in: ids } },
    select: { id: true, subject: true, collectedAt: true, factsJson: true, upload: { select: { id: true, fileName: true, createdAt: true } } },
    orderBy: { subject: "asc" },
  });
  return rows.map((row) => ({
    id: row.id,
    subject: row.subject,
    collectedAt: row.collectedAt.toISOString(),
    upload: row.upload ? { id: row.upload.id, fileName: row.upload.fileName, uploadedAt: row.upload.createdAt.toISOString() } : null,
    raw: parseJson(row.factsJson),
  }));
}
