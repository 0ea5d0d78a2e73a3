import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Rules" };

export default async function RulesPage() {
  await requirePage("read");
  return (
    <>
      <PageHeader title="Rules" description="Every documented prerequisite the servers are checked against." />
      <EmptyState title="Rules catalogue">
        <p>The rules catalogue appears here.</p>
      </EmptyState>
    </>
  );
}
