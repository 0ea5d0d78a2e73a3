import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Domains & gMSA" };

export default async function DomainsPage() {
  await requirePage("read");
  return (
    <>
      <PageHeader title="Domains & gMSA" description="Per domain: schema, domain controllers, KDS root key, and the gMSA's permissions against the documented set." />
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
