import type { ReactNode } from "react";
import { DateTime } from "@/components/ui/date-time";
import { TD, TH } from "@/components/rules/labels";
import type { DomainFacts } from "@/lib/facts";
import { functionalLevelName, schemaVersionName } from "@/lib/rules";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 text-sm [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

const notCollected = <span className="text-slate-600 dark:text-slate-400">not collected</span>;
const yesNo = (value: boolean | undefined) => (value === undefined ? "not collected" : value ? "Yes" : "No");

/** Key facts of a domain: schema, functional levels, domain controllers, KDS root keys and the gMSA. */
export function DomainFactsView({ domain, facts }: { domain: string; facts: DomainFacts }) {
  const levels = facts.functionalLevels;
  const dcs = facts.domainControllers;
  const keys = facts.kdsRootKeys;
  const gmsa = facts.gmsa;
  const principals = gmsa?.principalsAllowedToRetrievePassword;
  return (
    <div className="space-y-5">
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Fact label="Schema version">
          {facts.schemaVersion === undefined ? notCollected : `${facts.schemaVersion} (${schemaVersionName(facts.schemaVersion)})`}
        </Fact>
        <Fact label="Domain functional level">{levels?.domain === undefined ? notCollected : `${levels.domain} (${functionalLevelName(levels.domain)})`}</Fact>
        <Fact label="Forest functional level">{levels?.forest === undefined ? notCollected : `${levels.forest} (${functionalLevelName(levels.forest)})`}</Fact>
        <Fact label="Forest">{facts.forestName ?? notCollected}</Fact>
        <Fact label="NetBIOS name">{facts.netbiosName ?? notCollected}</Fact>
        <Fact label="Distinguished name">{facts.distinguishedName ?? notCollected}</Fact>
        <Fact label="Protected objects">
          {facts.protectedObjects?.inheritanceDisabledCount === undefined && facts.protectedObjects?.adminCountCount === undefined
            ? notCollected
            : `${facts.protectedObjects?.inheritanceDisabledCount ?? "?"} with inheritance disabled, ${facts.protectedObjects?.adminCountCount ?? "?"} with adminCount=1`}
        </Fact>
        <Fact label="Collected">
          <DateTime value={facts.collectedAt ?? null} />
        </Fact>
      </dl>

      <div>
        <h4 className="mb-2 text-sm font-semibold">Domain controllers</h4>
        {dcs === undefined ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Not collected.</p>
        ) : dcs.length === 0 ? (
          <p className="text-sm">None listed.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
              <caption className="sr-only">Domain controllers of {domain}</caption>
              <thead>
                <tr>
                  <th scope="col" className={TH}>Name</th>
                  <th scope="col" className={TH}>Operating system</th>
                  <th scope="col" className={TH}>Build</th>
                  <th scope="col" className={TH}>RSAT AD PowerShell</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {dcs.map((dc, index) => (
                  <tr key={`${dc.name}-${index}`}>
                    <th scope="row" className={`${TD} text-left font-normal [overflow-wrap:anywhere]`}>{dc.name}</th>
                    <td className={`${TD} [overflow-wrap:anywhere]`}>{dc.osCaption ?? "not collected"}</td>
                    <td className={`${TD} tabular-nums`}>{dc.osBuild ?? "not collected"}</td>
                    <td className={TD}>{yesNo(dc.rsatAdPowerShell)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <div>
        <h4 className="mb-2 text-sm font-semibold">KDS root keys</h4>
        {keys === undefined ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Not collected.</p>
        ) : keys.length === 0 ? (
          <p className="text-sm">None: the forest has no KDS root key (collected, none exists).</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {keys.map((key, index) => (
              <li key={`${key.id ?? index}`} className="[overflow-wrap:anywhere]">
                <code className="font-mono text-xs">{key.id ?? "(no id)"}</code> — effective <DateTime value={key.effectiveTime} />
                {key.createdTime && (
                  <>
                    , created <DateTime value={key.createdTime} />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div>
        <h4 className="mb-2 text-sm font-semibold">gMSA</h4>
        {gmsa === undefined || Object.keys(gmsa).length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Not collected (or no gMSA exists yet).</p>
        ) : (
          <dl className="grid gap-4 sm:grid-cols-2">
            <Fact label="Account">{gmsa.samAccountName ?? notCollected}</Fact>
            <Fact label="Distinguished name">{gmsa.distinguishedName ?? notCollected}</Fact>
            <Fact label="Allowed to retrieve the password">
              {principals === undefined ? (
                notCollected
              ) : principals.length === 0 ? (
                "Nobody"
              ) : (
                <ul className="list-disc pl-5">
                  {principals.map((principal, index) => (
                    <li key={`${principal}-${index}`}>{principal}</li>
                  ))}
                </ul>
              )}
            </Fact>
          </dl>
        )}
      </div>
    </div>
  );
}
