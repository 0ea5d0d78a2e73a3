import { buttonClass } from "@/components/ui/button";

/** A PDF report download link (server or wave report); placed inside <ExportLinks>, which shows it only to roles that may report. */
export function PdfLink({ href, kind, title }: { href: string; kind: "server-pdf" | "wave-pdf"; title: string }) {
  return (
    <a href={href} download data-export={kind} className={buttonClass("secondary", "px-2.5 py-1.5")} title={title}>
      PDF report
    </a>
  );
}
