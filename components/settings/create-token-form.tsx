"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { createTokenAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { TOKEN_EXPIRY_CHOICES } from "@/lib/auth/token-expiry";

export function CreateTokenForm() {
  const { state, onSubmit, formRef, pending } = useFormAction(createTokenAction, { resetOnSuccess: true });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const token = state?.ok ? state.data : undefined;
  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-4" aria-label="Create an API token">
        <TextField id="token-name" label="Name" name="name" required placeholder="collector upload job" errors={errors?.name} autoComplete="off" />
        <SelectField id="token-role" label="Role" name="role" defaultValue="viewer" errors={errors?.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <SelectField id="token-expires" label="Expires" name="expires" defaultValue="90d" errors={errors?.expires}>
          {TOKEN_EXPIRY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </SelectField>
        <div className="flex items-end">
          <Button type="submit" disabled={pending}>
            Create token
          </Button>
        </div>
      </form>
      <FormMessage state={state} />
      {token && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
          <label htmlFor="new-token" className="block text-sm font-medium">
            New token (shown once)
          </label>
          <input id="new-token" readOnly value={token} data-testid="new-token" className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900" onFocus={(e) => e.currentTarget.select()} />
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
        </div>
      )}
    </div>
  );
}
