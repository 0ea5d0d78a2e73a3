import type { Metadata } from "next";
import Link from "next/link";
import { ProgressSummary } from "@/components/rollout/progress-summary";
import { ReadinessByWaveTable } from "@/components/rollout/readiness-by-wave";
import { WaveForm } from "@/components/rollout/wave-form";
import { WaveTable } from "@/components/rollout/wave-table";
import { PlanImportCard } from "@/components/rollout/plan-import-card";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { getRolloutProgress, readinessOfWaves } from "@/lib/data/rollout/progress";
import { listWaves } from "@/lib/data/rollout/waves";
import { listOwnerChoices } from "@/lib/data/rollout/owners";

export const metadata: Metadata = { title: "Rollout" };

const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100";

export default async function RolloutPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePage("read");
  const canPlan = can(caller.role, "plan");
  const showArchived = (await searchParams).archived === "true";
  const [waves, progress, owners] = await Promise.all([
    listWaves({ includeArchived: showArchived }),
    getRolloutProgress(null),
    canPlan ? listOwnerChoices() : Promise.resolve([]),
  ]);
  const active = waves.filter((wave) => !wave.archivedAt);
  const byWave = readinessOfWaves(active);

  return (
    <>
      <PageHeader
        title="Rollout"
        description="Plan the agent rollout in waves, track each server's status against live readiness, and decide go or no-go per wave."
        actions={
          <>
            <Link href="/servers?wave=none" className={buttonClass("secondary")}>
              Servers in no wave
            </Link>
            <Link href="/rollout/waivers" className={buttonClass("secondary")}>
              Waivers
            </Link>
          </>
        }
      />
      <div className="space-y-6">
        <Card
          title="Waves"
          id="waves"
          actions={
            <Link href={showArchived ? "/rollout" : "/rollout?archived=true"} className={`${LINK} text-sm`}>
              {showArchived ? "Hide archived waves" : "Show archived waves"}
            </Link>
          }
        >
          {waves.length === 0 ? (
            <EmptyState title="No waves yet">
              <p>
                {canPlan
                  ? "Create the first wave below, then add servers to it from the servers list (a selection or every server matching a filter), from a server's page, or by importing a plan CSV."
                  : "A project lead has not planned any wave yet."}
              </p>
            </EmptyState>
          ) : (
            <WaveTable waves={waves} canPlan={canPlan} />
          )}
        </Card>
        {active.length > 0 && (
          <div className="grid gap-6 xl:grid-cols-2">
            <Card title="Progress of all active waves" id="progress">
              <ProgressSummary progress={progress} label="All active waves" serversHref={(query) => `/servers?wave=any&${query}`} />
            </Card>
            <Card title="Readiness by wave" id="readiness-by-wave">
              <ReadinessByWaveTable rows={byWave} />
            </Card>
          </div>
        )}
        {canPlan && (
          <div className="grid gap-6 xl:grid-cols-2">
            <Card title="Create a wave" id="create-wave">
              <WaveForm owners={owners} />
            </Card>
            <Card title="Import a plan CSV" id="plan-import">
              <PlanImportCard />
            </Card>
          </div>
        )}
      </div>
    </>
  );
}
