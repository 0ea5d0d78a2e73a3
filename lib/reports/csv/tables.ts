import type { ExportServer } from "@/lib/data/exports/server-rows";
import type { ExportResult } from "@/lib/data/exports/result-rows";
import type { CellValue } from "./csv";

// The two export tables (servers, results per server and rule), shared by the CSV files and the workbook's
// sheets: one header, one typed value per column. CSV writes the values as text; the workbook keeps the types.

export interface ExportColumn<T> {
  header: string;
  /** Column width in the workbook (characters). */
  width: number;
  value: (row: T) => CellValue;
}

const ids = (values: readonly string[]) => values.join(" ");
const date = (iso: string | null) => (iso ? new Date(iso) : null);

export const SERVER_COLUMNS: readonly ExportColumn<ExportServer>[] = [
  { header: "FQDN", width: 36, value: (s) => s.fqdn },
  { header: "Name", width: 18, value: (s) => s.name },
  { header: "Verdict", width: 22, value: (s) => s.verdict },
  { header: "Confidence (stars)", width: 10, value: (s) => s.confidenceStars },
  { header: "Blocking rules", width: 30, value: (s) => ids(s.blockingRuleIds) },
  { header: "Warning rules", width: 30, value: (s) => ids(s.conditionRuleIds) },
  { header: "Unknown rules", width: 30, value: (s) => ids(s.unknownRuleIds) },
  { header: "Waived rules", width: 20, value: (s) => ids(s.waivedRuleIds) },
  { header: "Wave", width: 16, value: (s) => s.rollout.wave?.name ?? null },
  { header: "Rollout status", width: 14, value: (s) => s.rollout.status },
  { header: "Status source", width: 10, value: (s) => s.rollout.source },
  { header: "Rollout owner", width: 20, value: (s) => s.rollout.owner },
  { header: "Target date", width: 12, value: (s) => s.rollout.targetDate },
  { header: "Overdue", width: 9, value: (s) => s.rollout.overdue },
  { header: "Domain", width: 24, value: (s) => s.domain },
  { header: "OS", width: 28, value: (s) => s.osName },
  { header: "Site", width: 16, value: (s) => s.site },
  { header: "Owner", width: 20, value: (s) => s.owner },
  { header: "Tags", width: 20, value: (s) => s.tags.join(" ") },
  { header: "Facts collected", width: 20, value: (s) => date(s.factsCollectedAt) },
  { header: "Evaluated", width: 20, value: (s) => date(s.evaluatedAt) },
];

export const RESULT_COLUMNS: readonly ExportColumn<ExportResult>[] = [
  { header: "FQDN", width: 36, value: (r) => r.fqdn },
  { header: "Rule", width: 28, value: (r) => r.ruleId },
  { header: "Title", width: 40, value: (r) => r.ruleTitle },
  { header: "Scope", width: 10, value: (r) => r.scope },
  { header: "Severity", width: 10, value: (r) => r.severity },
  { header: "Status", width: 10, value: (r) => r.status },
  { header: "Message", width: 60, value: (r) => r.message },
  { header: "Evidence", width: 60, value: (r) => r.evidence },
  { header: "Waived by", width: 24, value: (r) => r.waiverBy },
  { header: "Waived until", width: 20, value: (r) => date(r.waiverUntil) },
];

export const headers = <T>(columns: readonly ExportColumn<T>[]) => columns.map((column) => column.header);
export const values = <T>(columns: readonly ExportColumn<T>[], row: T) => columns.map((column) => column.value(row));
