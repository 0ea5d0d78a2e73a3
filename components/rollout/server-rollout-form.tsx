"use client";

import Link from "next/link";
import { updateServerRolloutAction } from "@/app/rollout/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ServerRollout } from "@/lib/data/servers";
import { ROLLOUT_STATUS_LABELS, ROLLOUT_STATUSES } from "@/lib/rollout/status";

const TEXTAREA =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 dark:border-slate-600 dark:bg-slate-800";

/** A lead's controls for one server: wave, status, owner, target date, note (with the version it was read at). */
export function ServerRolloutForm({ fqdn, rollout, waves }: { fqdn: string; rollout: ServerRollout; waves: readonly { id: string; name: string }[] }) {
  const { state, onSubmit, pending } = useFormAction(updateServerRolloutAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const currentArchived = rollout.wave?.archived ? rollout.wave : null;
  return (
    <form onSubmit={onSubmit} aria-label="Rollout of this server" className="space-y-3">
      <input type="hidden" name="fqdn" value={fqdn} />
      <input type="hidden" name="version" value={rollout.version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField id="rollout-wave" label="Wave" name="waveId" defaultValue={rollout.wave && !rollout.wave.archived ? rollout.wave.id : "none"} errors={errors?.waveId}>
          <option value="none">No wave</option>
          {waves.map((wave) => (
            <option key={wave.id} value={wave.id}>
              {wave.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="rollout-status" label="Status" name="status" defaultValue={rollout.status} errors={errors?.status}>
          {ROLLOUT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {ROLLOUT_STATUS_LABELS[status]}
            </option>
          ))}
        </SelectField>
        <TextField id="rollout-owner" label="Owner" name="owner" maxLength={200} defaultValue={rollout.owner ?? ""} errors={errors?.owner} />
        <TextField id="rollout-target" label="Target date" name="targetDate" type="date" defaultValue={rollout.targetDate ?? ""} errors={errors?.targetDate} />
      </div>
      <div>
        <label htmlFor="rollout-note" className="block text-sm font-medium">
          Note <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <textarea id="rollout-note" name="note" rows={2} maxLength={2000} defaultValue={rollout.note ?? ""} className={TEXTAREA} />
      </div>
      {currentArchived && <p className="text-sm text-slate-600 dark:text-slate-400">{`It was in ${currentArchived.name}, which is archived: it is free to join another wave.`}</p>}
      {rollout.source === "detected" && rollout.detectedUploadId && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Installed status detected from{" "}
          <Link href={`/uploads/${encodeURIComponent(rollout.detectedUploadId)}`} className="text-brand-600 underline dark:text-brand-100">
            this upload
          </Link>
          ; changing the status here makes it a typed status.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save rollout"}
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
