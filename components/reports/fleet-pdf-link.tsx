import { exportSearch } from "@/components/exports/export-links";
import { buttonClass } from "@/components/ui/button";

/**
 * The fleet readiness report (PDF) of the servers a page shows, for `search` (a server-list query string, "" for
 * every server). A plain download link; placed inside <ExportLinks>, which shows it only to roles that may report.
 */
export function FleetPdfLink({ search = "" }: { search?: string }) {
  const query = exportSearch(search);
  return (
    <a
      href={`/api/reports/fleet.pdf${query}`}
      download
      data-export="fleet-pdf"
      className={buttonClass("secondary", "px-2.5 py-1.5")}
      title={query ? "The fleet readiness report (PDF) of the servers these filters match" : "The fleet readiness report (PDF) of every server"}
    >
      PDF report
    </a>
  );
}
