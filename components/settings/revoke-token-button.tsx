"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { revokeTokenAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const { state, onSubmit, formRef, pending } = useFormAction(revokeTokenAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex items-center gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="danger" className="px-2 py-1" disabled={pending} aria-label={`Revoke token ${name}`}>
        Revoke
      </Button>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}
