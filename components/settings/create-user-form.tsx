"use client";

import { useActionState } from "react";
import { createUserAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";

export function CreateUserForm() {
  const [state, action, pending] = useActionState(createUserAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" aria-label="Add a user">
      <TextField label="Email" name="email" type="email" required errors={errors?.email} autoComplete="off" />
      <TextField label="Name" name="name" required errors={errors?.name} autoComplete="off" />
      <SelectField label="Role" name="role" defaultValue="viewer" errors={errors?.role}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </SelectField>
      <TextField label="Initial password" name="password" type="password" required errors={errors?.password} autoComplete="new-password" hint="At least 12 characters. Share it safely." />
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          Add user
        </Button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
