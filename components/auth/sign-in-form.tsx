"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useActionState } from "react";
import { signInAction } from "@/app/login/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

/** Used on /login and on 401 pages (then it returns to the page that asked for sign-in). */
export function SignInForm() {
  const [state, action, pending] = useActionState(signInAction, null);
  const pathname = usePathname();
  const search = useSearchParams();
  const next = pathname === "/login" ? (search.get("next") ?? "/") : `${pathname}${search.size ? `?${search}` : ""}`;
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <TextField label="Email" name="email" type="email" autoComplete="username" required errors={fieldErrors?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={fieldErrors?.password} />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
