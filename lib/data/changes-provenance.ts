import "server-only";
import { RULESET_VERSION } from "@/lib/rules";
import { db } from "./db";

// Where a "changes" report's data came from: the uploads committed inside the window (the new data it explains),
// the newest evaluation up to the end of the window, and the ruleset version.

export interface ChangesProvenance {
  rulesetVersion: string;
  /** The newest evaluation at or before `to` (ISO), or null. */
  dataAsOf: string | null;
  /** Uploads committed inside the window: how many, and the newest few (newest first). */
  uploads: { total: number; newest: { id: string; fileName: string; createdAt: string }[] };
}

export async function getChangesProvenance(from: Date, to: Date): Promise<ChangesProvenance> {
  const window = { createdAt: { gt: from, lte: to } };
  const [total, newest, evaluation] = await Promise.all([
    db().upload.count({ where: window }),
    db().upload.findMany({ where: window, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 5, select: { id: true, fileName: true, createdAt: true } }),
    db().evaluation.findFirst({ where: { evaluatedAt: { lte: to } }, orderBy: { evaluatedAt: "desc" }, select: { evaluatedAt: true } }),
  ]);
  return {
    rulesetVersion: RULESET_VERSION,
    dataAsOf: evaluation?.evaluatedAt.toISOString() ?? null,
    uploads: { total, newest: newest.map((u) => ({ id: u.id, fileName: u.fileName, createdAt: u.createdAt.toISOString() })) },
  };
}
