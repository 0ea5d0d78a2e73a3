import Link from "next/link";
import { getRule, type RuleResult } from "@/lib/rules";
import { CodeBlock } from "./code-block";
import { resultAnchor } from "./result-card";
import { collectorCommand, groupCommands, type MissingDataGroup, type MissingDataHost } from "./result-groups";

const JOIN_DOMAIN = "$domain = Read-Host 'Domain to join (FQDN)'\nAdd-Computer -DomainName $domain -Credential (Get-Credential)";

interface Action {
  title: string;
  /** What to do and why, outside the code box. */
  text: string;
  /** Runnable PowerShell ("" when the rules' own hints are all there is). */
  command: string;
  commandLabel: string;
}

function actionFor(group: MissingDataGroup, host: MissingDataHost, serverName: string, domain: string): Action {
  const where = domain || "its domain";
  switch (group.cause) {
    case "workgroup":
      return {
        title: "Join the server to a domain first",
        text:
          `${serverName} is in a workgroup (PartOfDomain is false). The agent only runs on a domain-joined server, and the domain, gMSA and sync-scope rules ` +
          "cannot be judged for a server without a domain. Join it (as an account allowed to join computers), restart it, then run the collector again.",
        command: JOIN_DOMAIN,
        commandLabel: "Join the domain (on the server, elevated)",
      };
    case "collector":
      return {
        title: "Run the collector on this server",
        text:
          `Copy collector/Get-CloudSyncReadiness.ps1 to ${serverName} and run this in an elevated PowerShell in that folder (read-only, 15 to 60 seconds), ` +
          "then upload the <COMPUTERNAME>.cloudsync-readiness.json it writes on the Uploads page. It collects every host fact these rules need at once.",
        command: collectorCommand(host.cloud),
        commandLabel: "Collect this server's facts",
      };
    case "domain":
      return {
        title: "Collect the domain facts: add -IncludeDomain on a domain controller",
        text:
          `Run the collector once with -IncludeDomain on a domain controller of ${where} (or an admin workstation with RSAT), as a Domain Admin: reading the KDS root keys needs it. ` +
          "It reads the schema, the domain controllers, the KDS root key, the gMSA (-GmsaName if yours is not provAgentgMSA$) and the domain root's permissions. " +
          `Upload its report; every server of ${where} gets these results.`,
        command: collectorCommand(host.cloud, true),
        commandLabel: "Collect the domain facts (on a domain controller)",
      };
    case "tenant": {
      const command = groupCommands(group.results);
      return {
        title: "Record the tenant facts",
        text: command
          ? "Read them from Microsoft Graph with the commands below, then upload them as the tenant facts. " + notesOf(group, /IdFix/)
          : notesOf(group),
        command,
        commandLabel: "Read the tenant facts (Microsoft Graph)",
      };
    }
    case "sync-scope": {
      const command = groupCommands(group.results);
      return {
        title: "Record the sync scope",
        text: command
          ? "Export each cloud sync configuration's scope with the commands below (or from its Scoping filters page in the Microsoft Entra admin center) and upload it as the sync-scope facts."
          : notesOf(group),
        command,
        commandLabel: "Read the sync scope",
      };
    }
    case "other":
      return {
        title: "Other facts to record",
        text: notesOf(group) || "Each rule's card below says what to collect or record.",
        command: groupCommands(group.results),
        commandLabel: "Collect them",
      };
  }
}

/** The distinct notes of a group's results (those matching `only`, when given), as one paragraph. */
function notesOf(group: MissingDataGroup, only?: RegExp): string {
  const notes = group.results.map((r) => r.reason?.collectNote ?? "").filter((note) => note !== "" && (!only || only.test(note)));
  return [...new Set(notes)].join(" ");
}

function RuleLinks({ results }: { results: readonly RuleResult[] }) {
  return (
    <ul className="mt-1 space-y-1 pl-4">
      {results.map((result) => (
        <li key={result.ruleId} className="text-sm">
          <a href={`#${resultAnchor(result.ruleId)}`} className="text-brand-600 underline dark:text-brand-100">
            {getRule(result.ruleId)?.meta.title ?? result.ruleId}
          </a>{" "}
          <code className="text-xs text-slate-500 dark:text-slate-400">{result.ruleId}</code>{" "}
          <span className="text-xs text-slate-600 dark:text-slate-400">({result.severity})</span>
        </li>
      ))}
    </ul>
  );
}

const rules = (n: number) => `${n} ${n === 1 ? "rule" : "rules"}`;

function waitingText(group: MissingDataGroup): string {
  const n = group.results.length;
  const blockers = group.blockers > 0 ? `, ${group.blockers} of them ${group.blockers === 1 ? "a blocker" : "blockers"}` : "";
  return `${rules(n)} waiting for this data${blockers}`;
}

/** One action per cause of missing data, each with its command and the rules it unblocks behind a disclosure. */
export function MissingDataActions({ groups, host, serverName, domain }: { groups: readonly MissingDataGroup[]; host: MissingDataHost; serverName: string; domain: string }) {
  if (groups.length === 0) return null;
  const total = groups.reduce((n, g) => n + g.results.length, 0);
  return (
    <section aria-labelledby="missing-data" className="mt-4" data-testid="missing-data">
      <h3 id="missing-data" className="text-sm font-semibold">
        Missing data <span className="font-normal text-slate-600 dark:text-slate-400">({rules(total)} could not be judged)</span>
      </h3>
      <ol className="mt-2 space-y-3">
        {groups.map((group) => {
          const action = actionFor(group, host, serverName, domain);
          return (
            <li key={group.cause} data-cause={group.cause} className="rounded-md border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-800/40">
              <p className="text-sm font-medium">{action.title}</p>
              <p className="mt-1 text-sm text-slate-700 [overflow-wrap:anywhere] dark:text-slate-300">{action.text}</p>
              {action.command && <CodeBlock code={action.command} label={action.commandLabel} />}
              <details className="mt-2">
                <summary className="cursor-pointer select-none text-sm text-slate-700 dark:text-slate-300">{waitingText(group)}</summary>
                <RuleLinks results={group.results} />
              </details>
            </li>
          );
        })}
      </ol>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        Each rule&apos;s own way to collect its fact is on its card below, under{" "}
        <Link href="#results-heading" className="underline">
          Rule results
        </Link>
        .
      </p>
    </section>
  );
}
