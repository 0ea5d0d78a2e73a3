"use client";

import { requestWaiverAction } from "@/app/rollout/waivers/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 dark:border-slate-600 dark:bg-slate-800";

/** "Accept risk (waive)…" on a failing result: reason, expiry, scope (server or domain, where allowed). */
export function WaiverForm({
  ruleId,
  ruleTitle,
  server,
  domain,
  scopes,
  blocker,
  maxDate,
  minDate,
}: {
  ruleId: string;
  ruleTitle: string;
  server: string;
  domain: string;
  scopes: readonly ("server" | "domain")[];
  blocker: boolean;
  minDate: string;
  maxDate: string;
}) {
  const { state, onSubmit, formRef, pending } = useFormAction(requestWaiverAction, { resetOnSuccess: true });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const id = `waive-${ruleId}`;
  return (
    <details className="mt-3 rounded-md border border-slate-200 text-sm dark:border-slate-700">
      <summary className="cursor-pointer select-none px-3 py-2 font-medium text-violet-800 dark:text-violet-300">Accept risk (waive)…</summary>
      <form ref={formRef} onSubmit={onSubmit} aria-label={`Waive ${ruleTitle}`} className="space-y-3 p-3 pt-1">
        <input type="hidden" name="ruleId" value={ruleId} />
        <input type="hidden" name="server" value={server} />
        <input type="hidden" name="domain" value={domain} />
        {blocker && (
          <p className="rounded-md bg-red-50 px-3 py-2 text-red-900 dark:bg-red-950/40 dark:text-red-200">
            <span className="font-semibold">Blocker waiver:</span> it stays pending (no effect) until another admin approves it.
          </p>
        )}
        <fieldset>
          <legend className="font-medium">Scope</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {scopes.map((scope, i) => (
              <label key={scope} className="inline-flex items-center gap-2">
                <input type="radio" name="scope" value={scope} defaultChecked={i === 0} required className="h-4 w-4" />
                {scope === "server" ? `This server (${server})` : `Every server of ${domain || "(no domain)"} with the same evidence`}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor={`${id}-reason`} className="block font-medium">
            Reason
          </label>
          <textarea id={`${id}-reason`} name="reason" rows={2} required maxLength={2000} aria-invalid={errors?.reason ? true : undefined} aria-describedby={errors?.reason ? `${id}-reason-error` : undefined} className={INPUT} />
          {errors?.reason && (
            <p id={`${id}-reason-error`} className="mt-1 text-red-700 dark:text-red-400">
              {errors.reason.join(" ")}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${id}-expires`} className="block font-medium">
            Expires <span className="font-normal text-slate-600 dark:text-slate-400">(at most 365 days)</span>
          </label>
          <input id={`${id}-expires`} type="date" name="expiresAt" required min={minDate} max={maxDate} aria-invalid={errors?.expiresAt ? true : undefined} aria-describedby={errors?.expiresAt ? `${id}-expires-error` : undefined} className={`${INPUT} max-w-48`} />
          {errors?.expiresAt && (
            <p id={`${id}-expires-error`} className="mt-1 text-red-700 dark:text-red-400">
              {errors.expiresAt.join(" ")}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : blocker ? "Request blocker waiver" : "Waive"}
          </Button>
          <FormMessage state={state} />
        </div>
      </form>
    </details>
  );
}
