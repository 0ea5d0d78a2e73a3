import type { ReactNode } from "react";
import { ConfidenceStars } from "@/components/readiness/confidence-stars";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import type { ServerDetail } from "@/lib/data/servers";
import { DecidedByList } from "./decided-by";
import type { DecidedBy, MissingDataGroup, MissingDataHost } from "./result-groups";
import { MissingDataActions } from "./result-missing-data";

const DT = "text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400";
const DD = "mt-0.5 text-sm [overflow-wrap:anywhere]";

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className={DT}>{term}</dt>
      <dd className={DD}>{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-500 dark:text-slate-400">—</span>;

/** Verdict, confidence, what decides it, and the server's identity and provenance. */
export function ServerSummary({
  server,
  decided,
  missing,
  host,
  staleAfterDays,
}: {
  server: ServerDetail;
  decided: DecidedBy;
  /** Unknown results grouped by cause (result-groups groupMissingData). */
  missing: readonly MissingDataGroup[];
  host: MissingDataHost;
  staleAfterDays: number;
}) {
  return (
    <Card title="Readiness" id="readiness">
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-4">
          <div className="flex flex-wrap items-center gap-4">
            <span className="text-lg">
              <VerdictBadge verdict={server.verdict} />
            </span>
            <span className="inline-flex items-center gap-2 text-sm">
              <ConfidenceStars stars={server.confidenceStars} share={server.confidenceShare} />
              <span className="text-slate-600 dark:text-slate-400">{`${Math.round(server.confidenceShare * 100)}% of rules with data`}</span>
            </span>
          </div>
          <DecidedByList verdict={server.verdict} decided={decided} />
        </div>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 self-start sm:grid-cols-3">
          <Item term="Domain">{server.domain || none}</Item>
          <Item term="Operating system">{server.osName ?? none}</Item>
          <Item term="Site">{server.site ?? none}</Item>
          <Item term="Owner">{server.owner ?? none}</Item>
          <Item term="Tags">{server.tags.length > 0 ? server.tags.join(", ") : none}</Item>
          <Item term="Facts collected">
            <DateTime value={server.factsCollectedAt} />
          </Item>
          <Item term="Evaluated">
            <DateTime value={server.evaluatedAt} />
          </Item>
          <Item term="Ruleset">
            <code className="text-xs">{server.rulesetVersion || "—"}</code>
          </Item>
          <Item term="Object GUID / SID">
            <span className="font-mono text-xs">{[server.objectGuid, server.sid].filter(Boolean).join(" / ") || "—"}</span>
          </Item>
        </dl>
      </div>
      <MissingDataActions groups={missing} host={host} serverName={server.name} domain={server.domain} />
      {server.stale && (
        <p className="mt-4 flex gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <span aria-hidden="true">⚠</span>
          <span>
            <strong>Stale facts.</strong>{" "}
            {server.factsCollectedAt
              ? `These facts are more than ${staleAfterDays} days old; collect and upload them again before relying on this verdict.`
              : "No collection time is known for these facts; collect and upload them again before relying on this verdict."}
          </span>
        </p>
      )}
    </Card>
  );
}
