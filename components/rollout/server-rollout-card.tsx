import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import type { ServerRollout } from "@/lib/data/servers";
import { RolloutStatusBadge } from "./rollout-status-badge";
import { ServerRolloutForm } from "./server-rollout-form";

const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100";
const MUTED = "text-slate-600 dark:text-slate-400";

/** The server's place in the rollout; leads and admins change it here. */
export function ServerRolloutCard({ fqdn, rollout, waves, canPlan }: { fqdn: string; rollout: ServerRollout; waves: readonly { id: string; name: string }[]; canPlan: boolean }) {
  return (
    <Card title="Rollout" id="rollout">
      <dl className="mb-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className={MUTED}>Wave</dt>
          <dd>
            {rollout.wave ? (
              <Link href={`/rollout/waves/${encodeURIComponent(rollout.wave.id)}`} className={`${LINK} [overflow-wrap:anywhere]`}>
                {rollout.wave.name}
                {rollout.wave.archived && " (archived)"}
              </Link>
            ) : (
              "No wave"
            )}
          </dd>
        </div>
        <div>
          <dt className={MUTED}>Status</dt>
          <dd>
            <RolloutStatusBadge status={rollout.status} detected={rollout.source === "detected"} />
          </dd>
        </div>
        <div>
          <dt className={MUTED}>Owner / target date</dt>
          <dd className="[overflow-wrap:anywhere]">
            {rollout.owner ?? "—"} · {rollout.targetDate ?? "no target date"}
            {rollout.overdue && <span className="ml-1 font-semibold text-red-700 dark:text-red-300">(overdue)</span>}
          </dd>
        </div>
        <div>
          <dt className={MUTED}>Last changed</dt>
          <dd className="[overflow-wrap:anywhere]">
            {rollout.updatedAt ? (
              <>
                <DateTime value={rollout.updatedAt} /> by {rollout.updatedBy ?? "unknown"}
              </>
            ) : (
              "never"
            )}
          </dd>
        </div>
      </dl>
      {rollout.note && <p className="mb-4 whitespace-pre-wrap text-sm [overflow-wrap:anywhere]">{rollout.note}</p>}
      {canPlan ? (
        <ServerRolloutForm fqdn={fqdn} rollout={rollout} waves={waves} />
      ) : (
        <p className={`text-sm ${MUTED}`}>Project leads and admins plan the rollout; your role can read it.</p>
      )}
    </Card>
  );
}
