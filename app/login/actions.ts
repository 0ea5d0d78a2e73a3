"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, definePublicAction } from "@/lib/auth/action";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { clientAddress } from "@/lib/auth/client-address";
import { clearSessionCookie, readDeviceCookie, readSessionCookie, setDeviceCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import { signIn } from "@/lib/auth/sign-in";
import { deleteSession } from "@/lib/data/sessions";

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email.").max(320),
  password: z.string().min(1, "Enter your password.").max(256),
  next: z.string().optional(),
});

export const signInAction = definePublicAction(signInSchema, async (input) => {
  const result = await signIn(input.email, input.password, { ip: clientAddress(await headers()), deviceSecret: await readDeviceCookie() });
  if (!result.ok) return { ok: false, message: result.message };
  await setSessionCookie(result.secret, result.expiresAt);
  await setDeviceCookie(result.device.secret, result.device.expiresAt);
  redirect(safeRedirectPath(input.next));
});

export const signOutAction = defineAction("read", z.object({}), async () => {
  const secret = await readSessionCookie();
  if (secret) await deleteSession(secret);
  await clearSessionCookie();
  redirect("/login");
});
