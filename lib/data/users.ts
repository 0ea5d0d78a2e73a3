import "server-only";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { type Role, roleSchema } from "@/lib/auth/roles";
import { db } from "./db";

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export const newUserSchema = z.object({
  email: z.email().transform((value) => value.trim().toLowerCase()),
  name: z.string().trim().min(1, "Enter a name.").max(120),
  role: roleSchema,
  password: z.string(),
});
export type NewUser = z.input<typeof newUserSchema>;

function toDto(row: { id: string; email: string; name: string; role: string; disabledAt: Date | null; createdAt: Date }): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: roleSchema.catch("viewer").parse(row.role),
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function countUsers(): Promise<number> {
  return db().user.count();
}

export async function listUsers(): Promise<UserDto[]> {
  const rows = await db().user.findMany({ orderBy: { email: "asc" } });
  return rows.map(toDto);
}

export class DuplicateEmailError extends Error {
  constructor(email: string) {
    super(`A user with the email ${email} already exists.`);
  }
}

export async function createUser(input: NewUser): Promise<UserDto> {
  const user = newUserSchema.parse(input);
  const existing = await db().user.findUnique({ where: { email: user.email } });
  if (existing) throw new DuplicateEmailError(user.email);
  const row = await db().user.create({
    data: { email: user.email, name: user.name, role: user.role, passwordHash: await hashPassword(user.password) },
  });
  return toDto(row);
}

/** For sign-in only: the stored hash never leaves lib/data except through this call. */
export async function getUserCredentials(email: string) {
  const row = await db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  return row ? { user: toDto(row), passwordHash: row.passwordHash } : null;
}

export async function getUser(id: string): Promise<UserDto | null> {
  const row = await db().user.findUnique({ where: { id } });
  return row ? toDto(row) : null;
}

export async function saveUserRole(id: string, role: Role): Promise<void> {
  await db().user.update({ where: { id }, data: { role } });
}

export async function saveUserPassword(id: string, password: string): Promise<void> {
  await db().$transaction([
    db().user.update({ where: { id }, data: { passwordHash: await hashPassword(password) } }),
    db().session.deleteMany({ where: { userId: id } }),
  ]);
}

/** Disabling signs the user out everywhere. */
export async function saveUserDisabled(id: string, disabled: boolean): Promise<void> {
  await db().$transaction([
    db().user.update({ where: { id }, data: { disabledAt: disabled ? new Date() : null } }),
    ...(disabled ? [db().session.deleteMany({ where: { userId: id } })] : []),
  ]);
}

export async function countActiveAdmins(): Promise<number> {
  return db().user.count({ where: { role: "admin", disabledAt: null } });
}
