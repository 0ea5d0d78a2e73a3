"use client";

import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { revokeTokenAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";

/** Revoking cannot be undone (whatever uses the token gets 401 from then on), so it asks first, as Disable does. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const { state, onSubmit, formRef, pending } = useFormAction(revokeTokenAction);
  if (!confirming) {
    return (
      <Button type="button" variant="danger" className="px-2 py-1" onClick={() => setConfirming(true)} aria-label={`Revoke token ${name}…`}>
        Revoke…
      </Button>
    );
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} aria-label={`Confirm revoking token ${name}`} className="space-y-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm dark:border-red-800 dark:bg-red-950/60">
      <input type="hidden" name="tokenId" value={tokenId} />
      <p>
        Revoke <strong className="break-all">{name}</strong>? Whatever uses it is refused from now on; this cannot be undone.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" className="px-2 py-1" disabled={pending}>
          {pending ? "Revoking…" : "Yes, revoke"}
        </Button>
        <Button type="button" variant="secondary" className="px-2 py-1" disabled={pending} onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}
