import "server-only";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { type Role, roleSchema } from "@/lib/auth/roles";
import type { AuditActor } from "@/lib/audit/entry";
import { countActiveTokensOwnedBy } from "./api-tokens";
import { appendAudit } from "./audit";
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

/** Prisma's unique-constraint error (P2002) on either database (duck-typed: both generated clients throw it). */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Creates a user and its audit entry in one transaction (never the password or its hash in the log). */
export async function createUser(input: NewUser, actor: AuditActor): Promise<UserDto> {
  const user = newUserSchema.parse(input);
  const existing = await db().user.findUnique({ where: { email: user.email } });
  if (existing) throw new DuplicateEmailError(user.email);
  const passwordHash = await hashPassword(user.password);
  const row = await db().$transaction(async (tx) => {
    // The check above is only the common case: another instance (or request) may create the same email meanwhile,
    // e.g. two instances making the bootstrap admin at once; the unique index decides, and says so as the same error.
    const created = await tx.user
      .create({ data: { email: user.email, name: user.name, role: user.role, passwordHash } })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new DuplicateEmailError(user.email);
        throw error;
      });
    await appendAudit(tx, {
      actor,
      action: "user.create",
      targetType: "user",
      targetId: created.id,
      targetLabel: created.email,
      after: { email: created.email, name: created.name, role: created.role },
      summary: `created ${created.email} (${created.role})`,
    });
    return created;
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

export class UserNotFoundError extends Error {
  constructor(id: string) {
    super(`No user with the id ${id}.`);
  }
}

/** Changes a user's role; no entry when the role is unchanged. */
export async function saveUserRole(id: string, role: Role, actor: AuditActor): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: { email: true, role: true } });
    if (!before) throw new UserNotFoundError(id);
    if (before.role === role) return;
    await tx.user.update({ where: { id }, data: { role } });
    // Their active API tokens act at most with this role from now on (lib/data/api-tokens.ts effectiveRole).
    const activeTokens = await countActiveTokensOwnedBy(tx, id);
    await appendAudit(tx, {
      actor,
      action: "user.role",
      targetType: "user",
      targetId: id,
      targetLabel: before.email,
      before: { role: before.role },
      after: activeTokens > 0 ? { role, activeTokens } : { role },
      summary: `changed the role of ${before.email} from ${before.role} to ${role}`,
    });
  });
}

/** Sets a new password and signs the user out everywhere; the log records that it happened, never the password. */
export async function saveUserPassword(id: string, password: string, actor: AuditActor): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { email: true } });
    if (!user) throw new UserNotFoundError(id);
    await tx.user.update({ where: { id }, data: { passwordHash } });
    const { count } = await tx.session.deleteMany({ where: { userId: id } });
    await appendAudit(tx, {
      actor,
      action: "user.password-reset",
      targetType: "user",
      targetId: id,
      targetLabel: user.email,
      after: { sessionsEnded: count },
      summary: `reset the password of ${user.email}`,
    });
  });
}

/** Disabling signs the user out everywhere. No entry when nothing changes. */
export async function saveUserDisabled(id: string, disabled: boolean, actor: AuditActor): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: { email: true, disabledAt: true } });
    if (!before) throw new UserNotFoundError(id);
    const wasDisabled = before.disabledAt !== null;
    let sessionsEnded = 0;
    if (wasDisabled !== disabled) await tx.user.update({ where: { id }, data: { disabledAt: disabled ? new Date() : null } });
    if (disabled) sessionsEnded = (await tx.session.deleteMany({ where: { userId: id } })).count;
    if (wasDisabled === disabled) return;
    // A disabled user's API tokens are refused (not revoked: enabling the user again restores them).
    const activeTokens = await countActiveTokensOwnedBy(tx, id);
    await appendAudit(tx, {
      actor,
      action: disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: id,
      targetLabel: before.email,
      before: { disabled: wasDisabled },
      after: { disabled, ...(disabled ? { sessionsEnded } : {}), ...(activeTokens > 0 ? { [disabled ? "tokensRefused" : "tokensRestored"]: activeTokens } : {}) },
      summary: `${disabled ? "disabled" : "enabled"} ${before.email}`,
    });
  });
}

export async function countActiveAdmins(): Promise<number> {
  return db().user.count({ where: { role: "admin", disabledAt: null } });
}
