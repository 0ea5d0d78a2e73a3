import Link from "next/link";
import { LINK } from "@/components/rules/labels";
import { DateTime } from "@/components/ui/date-time";
import type { DomainAttestationDto } from "@/lib/data/attestations";
import { domainAttestationKeySchema } from "@/lib/facts";
import { DomainAttestationForm } from "./domain-attestation-form";
import { DOMAIN_ATTESTATION_INFO } from "./domain-attestation-info";

/**
 * The per-domain attestations the rules read (gMSA admin credentials, admin hardening): the one in force for each key
 * (recorded here; one in an uploaded domain file counts when nothing was recorded here) and a form for leads and admins.
 */
export function DomainAttestations({ domain, current, canAttest }: { domain: string; current: readonly DomainAttestationDto[]; canAttest: boolean }) {
  return (
    <ul className="space-y-3">
      {domainAttestationKeySchema.options.map((key) => {
        const info = DOMAIN_ATTESTATION_INFO[key];
        const entry = current.find((c) => c.key === key);
        return (
          <li key={key} className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-attestation={key}>
            <p className="text-sm font-medium">
              {info.label}{" "}
              <Link href={`/rules/${info.ruleId}`} className={`${LINK} font-normal`}>
                Rule {info.ruleId}
              </Link>
            </p>
            <div className="mt-2 text-sm">
              {entry === undefined ? (
                <p className="font-medium text-slate-700 dark:text-slate-300">
                  <span aria-hidden="true" className="font-bold">? </span>
                  Not attested in the app
                </p>
              ) : (
                <p className={`font-medium ${entry.attested ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}`}>
                  <span aria-hidden="true" className="font-bold">{entry.attested ? "✓ " : "✕ "}</span>
                  {entry.attested ? "Attested: yes" : "Attested: no"}
                  <span className="font-normal text-slate-700 dark:text-slate-300">
                    {" "}
                    by <span className="[overflow-wrap:anywhere]">{entry.by}</span> on <DateTime value={entry.at} />
                    {entry.note && <span className="[overflow-wrap:anywhere]">. Note: {entry.note}</span>}
                  </span>
                </p>
              )}
            </div>
            {canAttest && (
              <div className="mt-2">
                <DomainAttestationForm domain={domain} attestationKey={key} label={info.label} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
