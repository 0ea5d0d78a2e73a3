import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const caller = await requirePage("read");
  return (
    <>
      <PageHeader title="Overview" description="Readiness of your fleet for the Microsoft Entra Cloud Sync provisioning agent." />
      <EmptyState
        title="No servers yet"
        action={
          <Link href="/uploads" className={buttonClass("primary")}>
            {can(caller.role, "upload") ? "Upload an inventory" : "See uploads"}
          </Link>
        }
      >
        <p>
          Start by uploading a host inventory: the output of the read-only collector script, a CSV from your inventory
          tool, or <code>systeminfo</code> / <code>Get-ComputerInfo</code> output. Each server is then checked against
          Microsoft&apos;s documented prerequisites.
        </p>
      </EmptyState>
    </>
  );
}
