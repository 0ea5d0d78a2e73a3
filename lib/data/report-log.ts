import "server-only";
import type { AuditActor } from "@/lib/audit/entry";
import { appendAudit } from "./audit";
import { db } from "./db";

// Reports and exports are recorded in the audit log ("report.generate"): who generated which report, with
// which options, from which data (ruleset version and the newest upload it is based on). The Reports page
// lists the recent ones from there.

export interface ReportRecord {
  /** e.g. "fleet.pdf", "wave.pdf", "server.pdf", "changes.pdf", "servers.csv", "results.csv", "servers.xlsx" */
  kind: string;
  /** What the report covers, in words ("every server", "wave Pilot", "sync01.corp.contoso.com", "2026-11-01 → 2026-12-01"). */
  scope: string;
  /** The options as given (filters, appendix, dates). */
  options: Record<string, unknown>;
  /** Provenance: the ruleset version and the uploads (ids or a count and the newest) the data came from. */
  provenance: Record<string, unknown>;
  /** Bytes written (when known), rows or pages. */
  size?: Record<string, number>;
}

/** Records one generated report or export (its own small transaction; a report changes no data). */
export async function recordReport(actor: AuditActor, report: ReportRecord, now = new Date()): Promise<void> {
  await appendAudit(
    db(),
    {
      actor,
      action: "report.generate",
      targetType: "report",
      targetId: report.kind,
      targetLabel: report.scope.slice(0, 500),
      after: { options: report.options, provenance: report.provenance, ...(report.size ? { size: report.size } : {}) },
      summary: `generated ${report.kind} for ${report.scope}`,
    },
    now,
  );
}

export interface RecentReport {
  at: string;
  by: string;
  kind: string;
  scope: string;
  options: Record<string, unknown>;
  provenance: Record<string, unknown>;
}

/** The most recently generated reports and exports, newest first. */
export async function listRecentReports(take = 20): Promise<RecentReport[]> {
  const rows = await db().auditEntry.findMany({ where: { action: "report.generate" }, orderBy: [{ at: "desc" }, { id: "desc" }], take });
  return rows.map((row) => {
    const after = (row.afterJson ? JSON.parse(row.afterJson) : {}) as { options?: Record<string, unknown>; provenance?: Record<string, unknown> };
    return { at: row.at.toISOString(), by: row.actor, kind: row.targetId ?? "", scope: row.targetLabel ?? "", options: after.options ?? {}, provenance: after.provenance ?? {} };
  });
}
