import { TD, TH } from "@/components/rules/labels";
import type { TenantFacts } from "@/lib/facts";

const yesNo = (value: boolean | null | undefined) => (value === undefined ? "not collected" : value === null ? "No (cloud-only)" : value ? "Yes" : "No");

/** Holders of the Hybrid Identity Administrator (and Global Administrator) role, from the latest Graph export. */
export function HybridAdminsTable({ admins }: { admins: NonNullable<TenantFacts["hybridIdentityAdmins"]> }) {
  if (admins.length === 0) return <p className="text-sm">Nobody holds either role.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">Hybrid Identity and Global Administrators</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>User principal name</th>
            <th scope="col" className={TH}>Role</th>
            <th scope="col" className={TH}>Assignment</th>
            <th scope="col" className={TH}>User type</th>
            <th scope="col" className={TH}>Synced from AD</th>
            <th scope="col" className={TH}>Enabled</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {admins.map((admin, index) => (
            <tr key={`${admin.userPrincipalName}-${index}`}>
              <th scope="row" className={`${TD} text-left font-normal [overflow-wrap:anywhere]`}>{admin.userPrincipalName}</th>
              <td className={TD}>{admin.role ?? "Hybrid Identity Administrator"}</td>
              <td className={TD}>
                {admin.assignment === "eligible" ? "PIM-eligible" : "Active"}
                {admin.viaGroup === undefined ? ", direct" : `, through group ${admin.viaGroup}`}
              </td>
              <td className={TD}>{admin.userType ?? "not collected"}</td>
              <td className={TD}>{yesNo(admin.onPremisesSyncEnabled)}</td>
              <td className={TD}>{admin.accountEnabled === undefined ? "not collected" : admin.accountEnabled ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The tenant's domains (Graph /domains). */
export function TenantDomainsTable({ domains }: { domains: NonNullable<TenantFacts["domains"]> }) {
  if (domains.length === 0) return <p className="text-sm">The tenant lists no domains.</p>;
  const flag = (value: boolean | undefined) => (value === undefined ? "not collected" : value ? "Yes" : "No");
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">Tenant domains</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>Domain</th>
            <th scope="col" className={TH}>Verified</th>
            <th scope="col" className={TH}>Default</th>
            <th scope="col" className={TH}>Initial</th>
            <th scope="col" className={TH}>Authentication</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {domains.map((domain, index) => (
            <tr key={`${domain.id}-${index}`}>
              <th scope="row" className={`${TD} text-left font-normal [overflow-wrap:anywhere]`}>{domain.id}</th>
              <td className={TD}>{flag(domain.isVerified)}</td>
              <td className={TD}>{flag(domain.isDefault)}</td>
              <td className={TD}>{flag(domain.isInitial)}</td>
              <td className={TD}>{domain.authenticationType ?? "not collected"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The optional features the tenant uses, its Entra ID P1 licence and Connect Sync (issue 14), as uploaded. */
export function TenantFeaturesList({ facts }: { facts: TenantFacts | null }) {
  const flag = (value: boolean | undefined) => (value === undefined ? "not recorded" : value ? "Yes" : "No");
  const connect = facts?.connectSync;
  const rows: [string, string][] = [
    ["Group provisioning to Active Directory", flag(facts?.featuresUsed?.groupProvisioning)],
    ["Exchange hybrid writeback", flag(facts?.featuresUsed?.exchangeHybridWriteback)],
    ["Microsoft Entra ID P1", flag(facts?.entraIdP1)],
    [
      "Entra Connect Sync also runs",
      connect?.inUse === undefined ? "not recorded" : connect.inUse ? `Yes${connect.version ? `, version ${connect.version}` : " (version not recorded)"}` : "No",
    ],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium">{label}</dt>
          <dd className="text-slate-700 dark:text-slate-300">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
