"use client";

import { useActionState } from "react";
import { revokeTokenAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action, pending] = useActionState(revokeTokenAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="danger" className="px-2 py-1" disabled={pending} aria-label={`Revoke token ${name}`}>
        Revoke
      </Button>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}
