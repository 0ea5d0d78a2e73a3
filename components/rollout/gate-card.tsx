import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import type { WaveGateDetail } from "@/lib/data/rollout/gates";
import type { WaveGateState } from "@/lib/data/rollout/waves";
import { describeGateBlocker } from "@/lib/rollout/gate-text";
import { describeGateCause } from "@/lib/rollout/gate-cause";
import { GateBadge } from "./gate-badge";
import { plural } from "@/lib/text/plural";

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
const TD = "px-2 py-1.5 align-top text-sm";
const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100";
const MUTED = "text-slate-600 dark:text-slate-400";

function countServers(blockers: readonly { kind: string; fqdn?: string }[]): number {
  return new Set(blockers.map((blocker) => blocker.fqdn)).size;
}

/** The wave's go/no-go gate: status, why, when it last changed and what changed it, and the exact blockers. */
export function GateCard({ gate, state, recommendedAgents, allHref }: { gate: WaveGateDetail; state: WaveGateState; recommendedAgents: number; allHref: string }) {
  const serverBlockers = gate.blockers.filter((blocker) => blocker.kind === "server");
  const otherBlockers = gate.blockers.filter((blocker) => blocker.kind !== "server");
  return (
    <Card title="Go / no-go gate" id="gate">
      <div className="flex flex-wrap items-center gap-3">
        <GateBadge status={gate.status} large />
        <p className="text-sm">{gate.summary}</p>
      </div>
      <p className={`mt-2 text-xs ${MUTED}`}>
        {state.changedAt ? (
          <>
            Last changed <DateTime value={state.changedAt} />
            {state.changeCause && <> by {describeGateCause(state.changeCause)}</>}.
          </>
        ) : (
          "Has not changed since the wave was created."
        )}{" "}
        The gate is recomputed whenever data, rules, waivers or membership change.
      </p>
      {gate.waivedServers > 0 && (
        <p className="mt-2 text-sm">
          {`${plural(gate.waivedServers, "server")} ${gate.waivedServers === 1 ? "has" : "have"} waived results: accepted risks, counted as accepted and not as blockers. `}
          <Link href="/rollout/waivers" className={LINK}>
            Review waivers
          </Link>
        </p>
      )}
      {otherBlockers.length > 0 && (
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
          {otherBlockers.map((blocker) => (
            <li key={blocker.kind === "agents" ? blocker.domain : blocker.kind} className="[overflow-wrap:anywhere]">
              {describeGateBlocker(blocker).why}
            </li>
          ))}
        </ul>
      )}
      {otherBlockers.some((blocker) => blocker.kind === "agents") && (
        <p className={`mt-1 text-xs ${MUTED}`}>
          {`Microsoft recommends ${recommendedAgents} active agents per domain for high availability (installed anywhere in the domain plus planned in this and earlier waves count). Its FAQ also says only one agent is active at a time; the recommendation is about failover, see the fleet-agent-count rule.`}
        </p>
      )}
      {serverBlockers.length > 0 && (
        <div className="mt-4 max-h-[32rem] overflow-auto" role="region" aria-label="Gate blockers" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
            <caption className="sr-only">Servers and rules that stop the gate</caption>
            <thead>
              <tr>
                <th scope="col" className={TH}>Server</th>
                <th scope="col" className={TH}>Rule</th>
                <th scope="col" className={TH}>Why</th>
                <th scope="col" className={TH}>Fix</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {serverBlockers.map((blocker) => {
                if (blocker.kind !== "server") return null;
                const { why, remediation } = describeGateBlocker(blocker);
                return (
                  <tr key={`${blocker.fqdn}:${blocker.ruleId}`}>
                    <th scope="row" className={`${TD} text-left font-normal`}>
                      <Link href={`/servers/${encodeURIComponent(blocker.fqdn)}`} className={`${LINK} [overflow-wrap:anywhere]`}>
                        {blocker.name}
                      </Link>
                    </th>
                    <td className={`${TD} font-mono text-xs`}>{blocker.ruleId}</td>
                    <td className={TD}>{why}</td>
                    <td className={TD}>
                      {remediation && (
                        <Link href={remediation} className={LINK}>
                          Remediation
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {gate.truncated && (
        <p className={`mt-2 text-sm ${MUTED}`}>
          {`Showing the blockers of the first ${countServers(serverBlockers).toLocaleString("en-US")} of ${gate.problemServerCount.toLocaleString("en-US")} servers with an issue. `}
          <Link href={allHref} className={LINK}>
            See them all in the servers list
          </Link>
        </p>
      )}
    </Card>
  );
}
