import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  await requirePage("report");
  return (
    <>
      <PageHeader title="Reports" description="Readiness reports as PDF and CSV for the whole fleet, a wave or a filtered server list." />
      <EmptyState title="No reports yet">
        <p>Reports become available once servers have been uploaded and evaluated.</p>
      </EmptyState>
    </>
  );
}
