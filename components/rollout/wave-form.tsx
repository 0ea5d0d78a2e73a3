"use client";

import { createWaveAction, updateWaveAction } from "@/app/rollout/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export interface WaveFormValues {
  id: string;
  version: number;
  name: string;
  description: string;
  startDate: string | null;
  endDate: string | null;
  ownerName: string | null;
}

const TEXTAREA =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 dark:border-slate-600 dark:bg-slate-800";

/** Creates a wave, or edits one (with its version: a stale edit is refused and says who changed it). */
export function WaveForm({ wave, owners }: { wave?: WaveFormValues; owners: readonly string[] }) {
  const { state, onSubmit, formRef, pending } = useFormAction(wave ? updateWaveAction : createWaveAction, { resetOnSuccess: !wave });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const prefix = wave ? `wave-${wave.id}` : "new-wave";
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={wave ? `Edit ${wave.name}` : "Create a wave"} className="space-y-3">
      {wave && (
        <>
          <input type="hidden" name="id" value={wave.id} />
          <input type="hidden" name="version" value={wave.version} />
        </>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id={`${prefix}-name`} label="Name" name="name" required maxLength={120} defaultValue={wave?.name} errors={errors?.name} />
        <TextField
          id={`${prefix}-owner`}
          label="Owner"
          name="ownerName"
          maxLength={200}
          defaultValue={wave?.ownerName ?? ""}
          list={`${prefix}-owners`}
          hint="A user of this app or any name (a team, a change ticket owner)."
          errors={errors?.ownerName}
        />
        <datalist id={`${prefix}-owners`}>
          {owners.map((owner) => (
            <option key={owner} value={owner} />
          ))}
        </datalist>
        <TextField id={`${prefix}-start`} label="Window starts" name="startDate" type="date" defaultValue={wave?.startDate ?? ""} errors={errors?.startDate} />
        <TextField id={`${prefix}-end`} label="Window ends" name="endDate" type="date" defaultValue={wave?.endDate ?? ""} errors={errors?.endDate} />
      </div>
      <div>
        <label htmlFor={`${prefix}-description`} className="block text-sm font-medium">
          Description <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <textarea id={`${prefix}-description`} name="description" rows={2} maxLength={2000} defaultValue={wave?.description} className={TEXTAREA} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : wave ? "Save wave" : "Create wave"}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
