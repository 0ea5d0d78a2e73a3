"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { usePathname, useSearchParams } from "next/navigation";
import { signInAction } from "@/app/login/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

/** Used on /login and on 401 pages (then it returns to the page that asked for sign-in). */
export function SignInForm() {
  const { state, onSubmit, formRef, pending } = useFormAction(signInAction);
  const pathname = usePathname();
  const search = useSearchParams();
  const next = pathname === "/login" ? (search.get("next") ?? "/") : `${pathname}${search.size ? `?${search}` : ""}`;
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <TextField id="sign-in-email" label="Email" name="email" type="email" autoComplete="username" required errors={fieldErrors?.email} />
      <TextField id="sign-in-password" label="Password" name="password" type="password" autoComplete="current-password" required errors={fieldErrors?.password} />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
