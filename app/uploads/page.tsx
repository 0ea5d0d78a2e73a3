import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Uploads" };

export default async function UploadsPage() {
  const caller = await requirePage("read");
  return (
    <>
      <PageHeader title="Uploads" description="Every export that was uploaded, with who, when, what it contained and what it changed." />
      <EmptyState title="No uploads yet">
        <p>
          {can(caller.role, "upload")
            ? "Upload host inventories, gMSA ACL exports, domain facts, tenant facts and sync-scope plans here."
            : "An administrator uploads exports here; you will see them once they exist."}
        </p>
      </EmptyState>
    </>
  );
}
