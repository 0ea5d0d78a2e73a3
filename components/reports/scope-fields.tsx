import { SelectField } from "@/components/ui/field";
import { VERDICT_LABELS, VERDICTS } from "@/lib/readiness";

export interface ScopeOptions {
  domains: string[];
  sites: string[];
  waves: { id: string; name: string }[];
}

/** The scope filters shared by the fleet PDF and the exports (the servers list's URL parameters). */
export function ScopeFields({ options, prefix }: { options: ScopeOptions; prefix: string }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <SelectField label="Readiness" name="readiness" id={`${prefix}-readiness`} defaultValue="">
        <option value="">Any readiness</option>
        {VERDICTS.map((verdict) => (
          <option key={verdict} value={verdict}>
            {VERDICT_LABELS[verdict]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Domain" name="domain" id={`${prefix}-domain`} defaultValue="">
        <option value="">Every domain</option>
        {options.domains.map((domain) => (
          <option key={domain} value={domain}>
            {domain}
          </option>
        ))}
      </SelectField>
      <SelectField label="Site" name="site" id={`${prefix}-site`} defaultValue="">
        <option value="">Every site</option>
        {options.sites.map((site) => (
          <option key={site} value={site}>
            {site}
          </option>
        ))}
      </SelectField>
      <SelectField label="Wave" name="wave" id={`${prefix}-wave`} defaultValue="">
        <option value="">Any or no wave</option>
        <option value="any">In any active wave</option>
        <option value="none">In no active wave</option>
        {options.waves.map((wave) => (
          <option key={wave.id} value={wave.id}>
            {wave.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
