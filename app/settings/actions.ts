"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorFromCaller } from "@/lib/audit/entry";
import { defineAction } from "@/lib/auth/action";
import { passwordSchema } from "@/lib/auth/password";
import { roleSchema } from "@/lib/auth/roles";
import { tokenExpirySchema } from "@/lib/auth/token-expiry";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";
import {
  countActiveAdmins,
  createUser,
  DuplicateEmailError,
  getUser,
  saveUserDisabled,
  saveUserPassword,
  saveUserRole,
} from "@/lib/data/users";

const userId = z.string().min(1).max(64);

export const createUserAction = defineAction(
  "administer",
  z.object({
    email: z.email("Enter a valid email address."),
    name: z.string().trim().min(1, "Enter a name.").max(120),
    role: roleSchema,
    password: passwordSchema,
  }),
  async (input, caller) => {
    try {
      const user = await createUser(input, actorFromCaller(caller));
      revalidatePath("/settings");
      return { ok: true, message: `Created ${user.email} (${user.role}).` };
    } catch (error) {
      if (error instanceof DuplicateEmailError) return { ok: false, message: error.message, fieldErrors: { email: [error.message] } };
      throw error;
    }
  },
);

/** Refuses changes that would leave no active admin. */
async function wouldRemoveLastAdmin(id: string): Promise<boolean> {
  const user = await getUser(id);
  return user?.role === "admin" && !user.disabled && (await countActiveAdmins()) <= 1;
}

export const updateUserRoleAction = defineAction("administer", z.object({ userId, role: roleSchema }), async (input, caller) => {
  if (input.role !== "admin" && (await wouldRemoveLastAdmin(input.userId))) {
    return { ok: false, message: "This is the last active admin; make someone else admin first." };
  }
  await saveUserRole(input.userId, input.role, actorFromCaller(caller));
  revalidatePath("/settings");
  return { ok: true, message: "Role updated." };
});

export const setUserDisabledAction = defineAction(
  "administer",
  z.object({ userId, disabled: z.enum(["true", "false"]).transform((value) => value === "true") }),
  async (input, caller) => {
    if (input.disabled && caller.kind === "session" && caller.userId === input.userId) {
      return { ok: false, message: "You cannot disable your own account." };
    }
    if (input.disabled && (await wouldRemoveLastAdmin(input.userId))) {
      return { ok: false, message: "This is the last active admin; make someone else admin first." };
    }
    await saveUserDisabled(input.userId, input.disabled, actorFromCaller(caller));
    revalidatePath("/settings");
    return { ok: true, message: input.disabled ? "Account disabled and signed out." : "Account enabled." };
  },
);

export const resetUserPasswordAction = defineAction("administer", z.object({ userId, password: passwordSchema }), async (input, caller) => {
  await saveUserPassword(input.userId, input.password, actorFromCaller(caller));
  revalidatePath("/settings");
  return { ok: true, message: "Password changed; the user's sessions were signed out." };
});

export const createTokenAction = defineAction(
  "administer",
  z.object({
    name: z.string().trim().min(1, "Name the token after what uses it.").max(80),
    role: roleSchema,
    expires: tokenExpirySchema,
  }),
  async (input, caller) => {
    const { token } = await createApiToken(
      { name: input.name, role: input.role, createdById: caller.kind === "session" ? caller.userId : null, expiresAt: input.expires },
      actorFromCaller(caller),
    );
    revalidatePath("/settings");
    return { ok: true, message: "Token created. Copy it now: it is not shown again.", data: token };
  },
);

export const revokeTokenAction = defineAction("administer", z.object({ tokenId: z.string().min(1).max(64) }), async (input, caller) => {
  const revoked = await revokeApiToken(input.tokenId, actorFromCaller(caller));
  revalidatePath("/settings");
  return revoked ? { ok: true, message: "Token revoked." } : { ok: false, message: "That token was already revoked." };
});
