"use client";

import { useActionState } from "react";
import { signOutAction } from "@/app/login/actions";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [, action, pending] = useActionState(signOutAction, null);
  return (
    <form action={action}>
      <Button type="submit" variant="secondary" disabled={pending}>
        Sign out
      </Button>
    </form>
  );
}
