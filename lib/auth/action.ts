import "server-only";
import { z } from "zod";
import { type Caller, getSessionCallerFromCookies } from "./caller";
import { can, type Permission } from "./roles";

/** What every server action returns to its form: expected errors are values, shown next to the input. */
export type ActionState<T = undefined> =
  | { ok: true; message: string; data?: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> }
  | null;

/**
 * The only way to write a server action: checks the session (401-equivalent message), the role's
 * permission (403-equivalent), validates the form with zod, then runs `run`.
 * e2e/route-matrix.test.ts checks that every "use server" module exports only defineAction(...) results.
 */
export function defineAction<S extends z.ZodType, T = undefined>(
  permission: Permission,
  schema: S,
  run: (input: z.infer<S>, caller: Caller) => Promise<ActionState<T>>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const caller = await getSessionCallerFromCookies();
    if (!caller) return { ok: false, message: "Your session has ended. Sign in again." };
    if (!can(caller.role, permission)) return { ok: false, message: "Your role does not allow this action." };
    const parsed = schema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "form";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, message: "Check the highlighted fields.", fieldErrors };
    }
    return run(parsed.data, caller);
  };
}

/** FormData -> plain object; repeated keys become arrays; Next's internal `$ACTION_` keys are dropped. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

/** For the sign-in form only: no session can exist yet. Validates like defineAction. */
export function definePublicAction<S extends z.ZodType, T = undefined>(
  schema: S,
  run: (input: z.infer<S>) => Promise<ActionState<T>>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const parsed = schema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
      return { ok: false, message: "Check the highlighted fields.", fieldErrors };
    }
    return run(parsed.data);
  };
}
