"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { resetUserPasswordAction, updateUserRoleAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { type Role, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { DisableUserButton } from "./disable-user-button";

const SMALL_INPUT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";

/** `self`: the signed-in admin's own row, which cannot be disabled (the action refuses it too), so it offers no Disable. */
export function UserRowActions({ userId, email, role, disabled, self = false }: { userId: string; email: string; role: Role; disabled: boolean; self?: boolean }) {
  const { state: roleState, onSubmit: onRoleSubmit, formRef: roleForm } = useFormAction(updateUserRoleAction);
  const { state: passwordState, onSubmit: onPasswordSubmit, formRef: passwordForm } = useFormAction(resetUserPasswordAction, { resetOnSuccess: true });
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form ref={roleForm} onSubmit={onRoleSubmit} className="flex items-center gap-1">
        <input type="hidden" name="userId" value={userId} />
        <label className="sr-only" htmlFor={`role-${userId}`}>
          Role for {email}
        </label>
        <select id={`role-${userId}`} name="role" defaultValue={role} className={SMALL_INPUT}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" className="px-2 py-1">
          Save role
        </Button>
      </form>
      {/* Keyed by the status: after a change the button starts over (no confirmation left open). */}
      {self ? (
        <span className="self-center text-xs text-slate-500 dark:text-slate-400">You (cannot disable yourself)</span>
      ) : (
        <DisableUserButton key={String(disabled)} userId={userId} email={email} disabled={disabled} />
      )}
      <form ref={passwordForm} onSubmit={onPasswordSubmit} className="flex items-center gap-1">
        <input type="hidden" name="userId" value={userId} />
        <label className="sr-only" htmlFor={`password-${userId}`}>
          New password for {email}
        </label>
        <input id={`password-${userId}`} name="password" type="password" placeholder="New password" autoComplete="new-password" className={SMALL_INPUT} />
        <Button type="submit" variant="secondary" className="px-2 py-1">
          Set password
        </Button>
      </form>
      <div className="basis-full">
        <FormMessage state={roleState ?? passwordState} />
      </div>
    </div>
  );
}
