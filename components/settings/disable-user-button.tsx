"use client";

import { useState } from "react";
import { setUserDisabledAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

/**
 * Disable (destructive: the account is signed out everywhere and its API tokens stop working) asks first, as deleting
 * an upload does; Enable gives the access back and needs no confirmation.
 */
export function DisableUserButton({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const { state, onSubmit, formRef, pending } = useFormAction(setUserDisabledAction);

  if (disabled) {
    return (
      <form ref={formRef} onSubmit={onSubmit} className="space-y-1">
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="disabled" value="false" />
        <Button type="submit" variant="secondary" className="px-2 py-1" disabled={pending} aria-label={`Enable ${email}`}>
          Enable
        </Button>
        <FormMessage state={state} />
      </form>
    );
  }
  if (!confirming) {
    return (
      <div className="space-y-1">
        <Button type="button" variant="danger" className="px-2 py-1" onClick={() => setConfirming(true)} aria-label={`Disable ${email}…`}>
          Disable…
        </Button>
        <FormMessage state={state} />
      </div>
    );
  }
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      aria-label={`Confirm disabling ${email}`}
      className="basis-full space-y-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm dark:border-red-800 dark:bg-red-950/60"
    >
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value="true" />
      <p>
        Disable <strong className="break-all">{email}</strong>? They are signed out at once, cannot sign in, and API tokens they own stop working
        until an admin enables the account again.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" className="px-2 py-1" disabled={pending}>
          {pending ? "Disabling…" : "Yes, disable"}
        </Button>
        <Button type="button" variant="secondary" className="px-2 py-1" disabled={pending} onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
