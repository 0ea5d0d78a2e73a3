"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { createUserAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";

export function CreateUserForm() {
  const { state, onSubmit, formRef, pending } = useFormAction(createUserAction, { resetOnSuccess: true });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" aria-label="Add a user">
      <TextField label="Email" id="user-email" name="email" type="email" required errors={errors?.email} autoComplete="off" />
      <TextField label="Name" id="user-name" name="name" required errors={errors?.name} autoComplete="off" />
      <SelectField id="user-role" label="Role" name="role" defaultValue="viewer" errors={errors?.role}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </SelectField>
      <TextField label="Initial password" id="user-password" name="password" type="password" required errors={errors?.password} autoComplete="new-password" hint="At least 12 characters. Share it safely." />
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          Add user
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
