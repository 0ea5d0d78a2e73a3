"use client";

import Link from "next/link";
import { type ReactNode, useState } from "react";
import { ConfidenceStars } from "@/components/readiness/confidence-stars";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import type { ServerListItem } from "@/lib/data/servers";
import { RolloutStatusBadge } from "@/components/rollout/rollout-status-badge";
import { ROLLOUT_STATUS_LABELS } from "@/lib/rollout/status";
import { type RowRuleKind, type RuleLookup, summarizeRow } from "./server-row-summary";

// One row of at most two text lines (about 40 px): long values are cut with an ellipsis and given whole in the
// title; the rule ids behind the counts open in a row below (a disclosure button).

const TD = "px-1.5 py-0.5 align-top text-sm";
const MUTED = "text-slate-500 dark:text-slate-400";
const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100 dark:decoration-brand-100/40";
/** One line, cut with an ellipsis. */
const LINE = "block truncate";
/** The first line of a cell (18 px): with a 16 px second line and the padding, a row is 39 px tall. */
const LINE1 = `${LINE} leading-[18px]`;

export const serverHref = (fqdn: string) => `/servers/${encodeURIComponent(fqdn)}`;
export const ruleFilterHref = (ruleId: string) => `/servers?rule=${encodeURIComponent(ruleId)}`;
/** The id of the disclosure row listing a server's rules (FQDNs are DNS names: letters, digits, "-", "."). */
export const rulesRowId = (fqdn: string) => `rules-${fqdn.replace(/[^a-z0-9-]/gi, "_")}`;

/** Total columns of the table (selection, name/domain, verdict/confidence, OS/site, rules, wave, collected). */
export const SERVER_COLUMNS = 7;

const KIND_STYLE: Record<RowRuleKind, { icon: string; className: string }> = {
  blocker: { icon: "✕", className: "text-red-700 dark:text-red-300" },
  warning: { icon: "!", className: "text-amber-800 dark:text-amber-300" },
  unknown: { icon: "?", className: "text-slate-600 dark:text-slate-300" },
  waived: { icon: "≈", className: "text-violet-800 dark:text-violet-300" },
};

/** Uploaded text on one cut line: isolated like components/servers/breakable.tsx, but without its break points (Chromium breaks at <wbr> even in nowrap). */
function Text({ text }: { text: string }) {
  return <bdi>{text}</bdi>;
}

/** "Windows Server 2022 Datacenter" -> "Server 2022 Datacenter": the list's column is narrow, the title has it whole. */
export function shortOs(osName: string): string {
  return osName.replace(/^(Microsoft\s+)?Windows\s+(?=Server\b)/i, "");
}

function Optional({ value, display, className = "" }: { value: string | null; display?: string; className?: string }) {
  return value ? (
    <span className={`${LINE1} ${className}`} title={value}>
      <Text text={display ?? value} />
    </span>
  ) : (
    <span className={`${LINE1} ${MUTED} ${className}`}>—</span>
  );
}

/** "2026-11-02" on the first line, the time (or "Stale") on the second; the exact value in the title. */
function Collected({ value, stale, staleAfterDays }: { value: string | null; stale: boolean; staleAfterDays: number }) {
  const staleMark = stale && (
    <span className="flex items-center gap-1 text-xs font-medium text-amber-800 dark:text-amber-300" title={`No facts in the last ${staleAfterDays} days`}>
      <span aria-hidden="true">⚠</span>
      Stale
    </span>
  );
  if (!value) {
    return (
      <>
        <span className={`${LINE1} ${MUTED}`}>never</span>
        {staleMark}
      </>
    );
  }
  const [day, time] = value.replace("T", " ").slice(0, 16).split(" ");
  return (
    <>
      <time dateTime={value} title={value} className={`${LINE1} whitespace-nowrap`}>
        {day}
        <span className="sr-only"> {time} UTC</span>
      </time>
      {staleMark || (
        <span aria-hidden="true" className={`${LINE} text-xs ${MUTED}`}>
          {time} UTC
        </span>
      )}
    </>
  );
}

/** One server of the list; the first cell (selection) is given by the table. */
export function ServerRow({ server, rules, selectCell, staleAfterDays }: { server: ServerListItem; rules: RuleLookup; selectCell: ReactNode; staleAfterDays: number }) {
  const [open, setOpen] = useState(false);
  const summary = summarizeRow(server, rules);
  const detailsId = rulesRowId(server.fqdn);
  const siteOwner = [server.site, server.owner].filter((value): value is string => !!value);
  const target = server.rollout.targetDate ? (server.rollout.overdue ? `Overdue since ${server.rollout.targetDate}` : `Target ${server.rollout.targetDate}`) : null;

  return (
    <>
      <tr className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
        {selectCell}
        <th scope="row" className={`${TD} text-left font-normal`} data-fqdn={server.fqdn}>
          <Link href={serverHref(server.fqdn)} className={`${LINK} ${LINE1} font-medium`} title={server.fqdn}>
            <Text text={server.name} />
          </Link>
          {/* The FQDN is the name in this domain: the domain is shown, the whole FQDN is the link's title. */}
          <span className={`${LINE} text-xs ${MUTED}`} title={server.fqdn}>
            {server.domain ? <Text text={server.domain} /> : "No domain (workgroup)"}
          </span>
        </th>
        <td className={TD}>
          <span className="flex">
            <VerdictBadge verdict={server.verdict} />
          </span>
          <span className="block text-xs leading-3">
            <ConfidenceStars stars={server.confidenceStars} />
          </span>
        </td>
        <td className={TD}>
          <Optional value={server.osName} display={server.osName ? shortOs(server.osName) : undefined} />
          {siteOwner.length > 0 ? (
            <span className={`${LINE} text-xs ${MUTED}`} title={siteOwner.join(" · ")}>
              {server.site && <Text text={server.site} />}
              {server.site && server.owner && " · "}
              {server.owner && <Text text={server.owner} />}
            </span>
          ) : (
            <span className={`${LINE} text-xs ${MUTED}`}>No site or owner</span>
          )}
        </td>
        <td className={TD}>
          {summary.headline ? (
            <Link
              href={`${serverHref(server.fqdn)}#result-${summary.headline.rule.id}`}
              className={`${LINE1} ${KIND_STYLE[summary.headline.kind].className} hover:underline`}
              title={`${summary.headline.kind === "blocker" ? "First failing blocker" : "First failing warning"}: ${summary.headline.rule.title} (${summary.headline.rule.id})\n\n${summary.tooltip}`}
              data-testid="first-rule"
            >
              <span aria-hidden="true" className="mr-1 font-bold">
                {KIND_STYLE[summary.headline.kind].icon}
              </span>
              <span className="sr-only">{summary.headline.kind === "blocker" ? "Blocker: " : "Warning: "}</span>
              {summary.headline.rule.title}
            </Link>
          ) : (
            <span className={`${LINE1} ${MUTED}`} data-testid="first-rule">
              {server.verdict === "unknown" ? "Facts missing to judge it" : server.unknownRuleIds.length > 0 ? "Nothing fails; some facts missing" : "Nothing fails"}
            </span>
          )}
          {summary.counts ? (
            <button
              type="button"
              aria-expanded={open}
              aria-controls={open ? detailsId : undefined}
              onClick={() => setOpen(!open)}
              title={summary.tooltip}
              className={`flex max-w-full items-center gap-1 rounded text-left text-xs ${MUTED} hover:text-slate-900 hover:underline dark:hover:text-white`}
            >
              <span aria-hidden="true" className={`inline-block shrink-0 transition-transform ${open ? "rotate-90" : ""}`}>
                ▸
              </span>
              <span className="truncate">{summary.counts}</span>
              <span className="sr-only">{` (the rules of ${server.name})`}</span>
            </button>
          ) : (
            <span className={`${LINE} text-xs ${MUTED}`}>All rules pass</span>
          )}
        </td>
        <td className={TD}>
          <span className={`${LINE} text-xs leading-3`} title={[server.rollout.wave?.name ?? "No wave", target].filter(Boolean).join(" · ")}>
            {server.rollout.wave ? (
              <Link href={`/rollout/waves/${encodeURIComponent(server.rollout.wave.id)}`} className={LINK}>
                <Text text={server.rollout.wave.name} />
                {server.rollout.wave.archived && " (archived)"}
              </Link>
            ) : (
              <span className={MUTED}>No wave</span>
            )}
            {target && (
              <span className={server.rollout.overdue ? "font-semibold text-red-700 dark:text-red-300" : MUTED}>
                {" · "}
                {target}
              </span>
            )}
          </span>
          <span className="flex overflow-hidden" title={`${ROLLOUT_STATUS_LABELS[server.rollout.status]}${server.rollout.source === "detected" ? " (detected by the collector)" : ""}`}>
            <RolloutStatusBadge status={server.rollout.status} detected={server.rollout.source === "detected"} />
          </span>
        </td>
        <td className={TD}>
          <Collected value={server.factsCollectedAt} stale={server.stale} staleAfterDays={staleAfterDays} />
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className="bg-slate-50 dark:bg-slate-900/60">
          <td colSpan={SERVER_COLUMNS} className="px-3 py-2">
            <div className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 xl:grid-cols-4" role="group" aria-label={`Rules of ${server.name}`}>
              {summary.groups.map((group) => (
                <div key={group.kind}>
                  <p className={`text-xs font-semibold uppercase tracking-wide ${KIND_STYLE[group.kind].className}`}>
                    <span aria-hidden="true">{KIND_STYLE[group.kind].icon} </span>
                    {group.label} ({group.rules.length})
                  </p>
                  <ul className="mt-1 space-y-0.5">
                    {group.rules.map((rule) => (
                      <li key={rule.id} className="[overflow-wrap:anywhere]">
                        {group.kind === "blocker" || group.kind === "warning" ? (
                          <Link href={ruleFilterHref(rule.id)} className={`${LINK} font-mono text-xs`} title={`Servers failing ${rule.id}`}>
                            {rule.id}
                          </Link>
                        ) : (
                          <Link href={`/rules/${encodeURIComponent(rule.id)}`} className={`${LINK} font-mono text-xs`} title={`The rule ${rule.id}`}>
                            {rule.id}
                          </Link>
                        )}
                        <span className="ml-2 text-xs text-slate-700 dark:text-slate-300">{rule.title}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
            <p className={`mt-2 text-xs ${MUTED}`}>
              <Link href={serverHref(server.fqdn)} className={LINK}>
                Open {server.name}
              </Link>{" "}
              for the evidence, the remediation and the fix script of each rule.
            </p>
          </td>
        </tr>
      )}
    </>
  );
}
