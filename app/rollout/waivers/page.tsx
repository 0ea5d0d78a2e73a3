import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { WaiverTable, type WaiverViewer } from "@/components/waivers/waiver-table";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listWaivers } from "@/lib/data/waivers";

export const metadata: Metadata = { title: "Waivers" };

export default async function WaiversPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePage("read");
  const params = await searchParams;
  const ruleId = typeof params.rule === "string" && params.rule.length <= 100 ? params.rule : undefined;
  const [active, pending, renewal] = await Promise.all([listWaivers({ status: "active", ruleId }), listWaivers({ status: "pending", ruleId }), listWaivers({ status: "renewal", ruleId, take: 200 })]);
  const viewer: WaiverViewer = { canPlan: can(caller.role, "plan"), isAdmin: caller.role === "admin", name: caller.kind === "session" ? caller.email : `token:${caller.name}` };
  return (
    <>
      <PageHeader
        title="Waivers"
        description={
          <>
            Accepted risks: a failing result that counts as accepted until its expiry, as long as its evidence does not change.
            {ruleId && (
              <>
                {" "}
                Showing <code className="font-mono">{ruleId}</code> only (<Link href="/rollout/waivers" className="underline">show all</Link>).
              </>
            )}
          </>
        }
        actions={
          <Link href="/rollout" className="text-sm font-medium text-brand-600 underline dark:text-brand-100">
            Rollout
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title={`Pending (${pending.length})`} id="pending">
          <p className="-mt-2 mb-3 text-sm text-slate-600 dark:text-slate-400">Blocker waivers have no effect until an admin other than the requester approves them.</p>
          <WaiverTable waivers={pending} viewer={viewer} caption="Pending blocker waivers" mode="pending" />
        </Card>
        <Card title={`Active (${active.length})`} id="active">
          <WaiverTable waivers={active} viewer={viewer} caption="Active waivers" mode="active" />
        </Card>
        <Card title={`For renewal (${renewal.length})`} id="renewal">
          <p className="-mt-2 mb-3 text-sm text-slate-600 dark:text-slate-400">Expired and lapsed waivers (a waiver lapses when new data changes the evidence it accepted). Request a new waiver from the server page to renew.</p>
          <WaiverTable waivers={renewal} viewer={viewer} caption="Expired and lapsed waivers" mode="renewal" />
        </Card>
      </div>
    </>
  );
}
