import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Tenant & scope" };

export default async function TenantPage() {
  await requirePage("read");
  return (
    <>
      <PageHeader title="Tenant & scope" description="Tenant checks (Hybrid Identity Administrator, verified domains, attestations) and each sync configuration against the documented scoping limits." />
      <EmptyState title="Nothing to show yet">
        <p>
          This view fills in once exports have been uploaded. Go to{" "}
          <Link href="/uploads" className="font-medium text-brand-600 underline dark:text-brand-100">
            Uploads
          </Link>{" "}
          to add data.
        </p>
      </EmptyState>
    </>
  );
}
