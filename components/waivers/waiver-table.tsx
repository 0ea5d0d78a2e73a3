import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import type { WaiverDto } from "@/lib/data/waivers";
import { BlockerWaiverFlag } from "./waiver-badge";
import { WaiverButton } from "./waiver-buttons";

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
const TD = "px-2 py-2 align-top text-sm";
const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100";

export interface WaiverViewer {
  canPlan: boolean;
  isAdmin: boolean;
  /** The viewer's name as recorded in requestedBy (email), to hide Approve/Reject on their own requests. */
  name: string;
}

function Subject({ waiver }: { waiver: WaiverDto }) {
  if (waiver.scope === "server" && waiver.server) {
    return (
      <Link href={`/servers/${encodeURIComponent(waiver.server.fqdn)}#result-${waiver.ruleId}`} className={`${LINK} [overflow-wrap:anywhere]`}>
        {waiver.server.fqdn}
      </Link>
    );
  }
  // A server waiver whose server was removed (its only upload was deleted) keeps its record; the end reason names it.
  if (waiver.scope === "server") return <span className="[overflow-wrap:anywhere]">A removed server of {waiver.domain || "(no domain)"}</span>;
  return <span className="[overflow-wrap:anywhere]">Domain {waiver.domain || "(none)"}</span>;
}

/** Waivers with their rule, subject, reason, who requested / approved, expiry and the changes the viewer may make. */
export function WaiverTable({ waivers, viewer, caption, mode }: { waivers: readonly WaiverDto[]; viewer: WaiverViewer; caption: string; mode: "active" | "pending" | "renewal" }) {
  if (waivers.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">None.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>Rule</th>
            <th scope="col" className={TH}>Applies to</th>
            <th scope="col" className={TH}>Reason</th>
            <th scope="col" className={TH}>{mode === "renewal" ? "Ended" : "Requested / approved"}</th>
            <th scope="col" className={TH}>Expires</th>
            {viewer.canPlan && mode !== "renewal" && (
              <th scope="col" className={TH}>
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {waivers.map((waiver) => {
            const label = `the waiver of ${waiver.ruleId} on ${waiver.server?.fqdn ?? waiver.domain}`;
            const mayChange = !waiver.blocker || viewer.isAdmin;
            const ownRequest = waiver.requestedBy === viewer.name;
            return (
              <tr key={waiver.id}>
                <td className={TD}>
                  <Link href={`/rules/${encodeURIComponent(waiver.ruleId)}`} className={`${LINK} font-mono text-xs`}>
                    {waiver.ruleId}
                  </Link>
                  {waiver.blocker && (
                    <span className="mt-1 block">
                      <BlockerWaiverFlag />
                    </span>
                  )}
                </td>
                <td className={TD}>
                  <Subject waiver={waiver} />
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    {waiver.accepted.length === 1 ? waiver.accepted[0]!.summary : `${waiver.accepted.length} accepted evidence variants`}
                  </span>
                </td>
                <td className={`${TD} max-w-80 [overflow-wrap:anywhere]`}>{waiver.reason}</td>
                <td className={TD}>
                  {mode === "renewal" ? (
                    <>
                      <span className="font-medium">{waiver.status === "lapsed" ? "Lapsed" : "Expired"}</span> <DateTime value={waiver.endedAt} />
                      {waiver.endReason && waiver.status === "lapsed" && <span className="block text-xs [overflow-wrap:anywhere]">{waiver.endReason}</span>}
                    </>
                  ) : (
                    <>
                      <span className="block [overflow-wrap:anywhere]">Requested by {waiver.requestedBy}</span>
                      {waiver.approvedBy ? <span className="block text-xs [overflow-wrap:anywhere]">{waiver.label}</span> : <span className="block text-xs">Waiting for a second admin</span>}
                    </>
                  )}
                </td>
                <td className={`${TD} whitespace-nowrap`}>{waiver.expiresAt.slice(0, 10)}</td>
                {viewer.canPlan && mode !== "renewal" && (
                  <td className={`${TD} space-y-1`}>
                    {mode === "pending" && viewer.isAdmin && !ownRequest && (
                      <>
                        <WaiverButton kind="approve" id={waiver.id} version={waiver.version} label={label} />
                        <WaiverButton kind="reject" id={waiver.id} version={waiver.version} label={label} />
                      </>
                    )}
                    {mayChange && <WaiverButton kind="revoke" id={waiver.id} version={waiver.version} label={label} />}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
