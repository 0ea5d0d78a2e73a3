"use client";

import { recordDomainAttestationAction } from "@/app/domains/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { DomainAttestationKey } from "@/lib/facts";

/** Leads and admins record one domain attestation (yes/no + note); the domain is re-evaluated on the server. */
export function DomainAttestationForm({ domain, attestationKey, label }: { domain: string; attestationKey: DomainAttestationKey; label: string }) {
  const { state, onSubmit, formRef, pending } = useFormAction(recordDomainAttestationAction, { resetOnSuccess: true });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const id = `attest-${domain.replace(/[^a-z0-9-]/gi, "-")}-${attestationKey}`;
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={`Record for ${domain}: ${label}`} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="domain" value={domain} />
      <input type="hidden" name="key" value={attestationKey} />
      <fieldset aria-describedby={errors?.attested ? `${id}-attested-error` : undefined}>
        <legend className="sr-only">{label}?</legend>
        <div className="flex gap-3 text-sm">
          <label className="inline-flex items-center gap-1">
            <input type="radio" name="attested" value="true" required className="h-4 w-4" /> Yes
          </label>
          <label className="inline-flex items-center gap-1">
            <input type="radio" name="attested" value="false" required className="h-4 w-4" /> No
          </label>
        </div>
        {errors?.attested && (
          <p id={`${id}-attested-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
            {errors.attested.join(" ")}
          </p>
        )}
      </fieldset>
      <div>
        <label htmlFor={`${id}-note`} className="sr-only">
          Note (optional)
        </label>
        <input
          id={`${id}-note`}
          name="note"
          maxLength={1000}
          placeholder="Note (optional)"
          aria-invalid={errors?.note ? true : undefined}
          className="block w-64 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-sm focus:border-brand-500 dark:border-slate-600 dark:bg-slate-800"
        />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Recording…" : "Record"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
