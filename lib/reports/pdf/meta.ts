// What every report says about itself: on the cover, in the page header and footer, and in the PDF metadata.

export interface ReportUpload {
  fileName: string;
  /** ISO date-time the upload was committed. */
  createdAt: string;
}

/** Where the report's data came from (lib/data/report-provenance.ts getReportProvenance). */
export interface ReportProvenance {
  /** The ruleset version the verdicts were evaluated with. */
  rulesetVersion: string;
  /** Newest evaluation time among the servers in scope (ISO), or null when there are none. Used as the PDF's dates. */
  dataAsOf: string | null;
  /** The uploads the data is based on: their count and the newest few, newest first. */
  uploads: { total: number; newest: ReportUpload[] };
}

export interface ReportMeta {
  /** "Fleet readiness", "Wave readiness", "Server readiness", "Changes". */
  title: string;
  /** What the report covers, in words ("every server", "wave Pilot", "sync01.corp.contoso.com"). */
  scope: string;
  /** Optional line under the title on the cover. */
  subtitle?: string;
  /** When it was generated (the request's time). */
  generatedAt: Date;
  /** Who generated it (display name, e.g. the user's email or "token:ci"). */
  generatedBy: string;
  provenance: ReportProvenance;
  /** Extra cover lines (label, value), e.g. the filters or the date range. */
  coverDetails?: readonly (readonly [string, string])[];
}

/** The cover's line about the uploads: file names and dates for a few, a count and the newest for many. */
export function describeUploads(uploads: ReportProvenance["uploads"], listUpTo = 4): string[] {
  if (uploads.total === 0) return ["No uploads"];
  if (uploads.total <= listUpTo) return uploads.newest.map((upload) => `${upload.fileName} (${upload.createdAt.slice(0, 10)})`);
  const newest = uploads.newest[0];
  return [`${uploads.total} uploads; newest: ${newest.fileName} (${newest.createdAt.slice(0, 10)})`];
}
