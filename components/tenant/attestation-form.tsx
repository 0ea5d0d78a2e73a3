"use client";

import { recordAttestationAction } from "@/app/tenant/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { TenantAttestationKey } from "@/lib/facts";

/** Leads and admins record an attestation (yes/no + note); the fleet is re-evaluated on the server. */
export function AttestationForm({ attestationKey, label }: { attestationKey: TenantAttestationKey; label: string }) {
  const { state, onSubmit, formRef, pending } = useFormAction(recordAttestationAction, { resetOnSuccess: true });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const id = `attest-${attestationKey}`;
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={`Record: ${label}`} className="space-y-3">
      <input type="hidden" name="key" value={attestationKey} />
      <fieldset aria-describedby={errors?.attested ? `${id}-attested-error` : undefined}>
        <legend className="text-sm font-medium">{label}?</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="radio" name="attested" value="true" required className="h-4 w-4" /> Yes, done
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="radio" name="attested" value="false" required className="h-4 w-4" /> No, not done (or errors left)
          </label>
        </div>
        {errors?.attested && (
          <p id={`${id}-attested-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
            {errors.attested.join(" ")}
          </p>
        )}
      </fieldset>
      <div>
        <label htmlFor={`${id}-note`} className="block text-sm font-medium">
          Note <span className="font-normal text-slate-600 dark:text-slate-400">(optional: what was run, errors accepted)</span>
        </label>
        <textarea
          id={`${id}-note`}
          name="note"
          rows={2}
          maxLength={1000}
          aria-invalid={errors?.note ? true : undefined}
          aria-describedby={errors?.note ? `${id}-note-error` : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 dark:border-slate-600 dark:bg-slate-800"
        />
        {errors?.note && (
          <p id={`${id}-note-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
            {errors.note.join(" ")}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Recording…" : "Record attestation"}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
