import "server-only";
import { lesserRole, type Role, roleSchema } from "@/lib/auth/roles";
import { newApiToken, sha256Hex, TOKEN_PREFIX } from "@/lib/auth/secrets";
import type { AuditActor } from "@/lib/audit/entry";
import { appendAudit } from "./audit";
import { db } from "./db";
import { sqlJobs } from "./sql-jobs";

export interface ApiTokenDto {
  id: string;
  name: string;
  /** The role it was created with. */
  role: Role;
  /** What it may do now: the lesser of `role` and its owner's current role (the owner is who created it). */
  effectiveRole: Role;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  /** Its owner is disabled: the token is refused until they are enabled again. */
  ownerDisabled: boolean;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
  /** Past its expiry (refused). */
  expired: boolean;
}

export interface TokenCaller {
  tokenId: string;
  name: string;
  /** The effective role (capped by the owner's current role). */
  role: Role;
}

/** Why a bearer token is refused; the holder has the secret, so naming the reason gives nothing away. */
export type TokenRefusal = "unknown" | "revoked" | "expired" | "owner-disabled";
export type TokenResolution = { ok: true; caller: TokenCaller } | { ok: false; reason: TokenRefusal; expiresAt?: string };

type Owner = { role: string; disabledAt: Date | null } | null;

/** Tokens made by the CLI have no owner and keep the role they were given; the others act at most as their owner. */
function effectiveRole(role: Role, owner: Owner): Role {
  return owner ? lesserRole(role, roleSchema.catch("viewer").parse(owner.role)) : role;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates a token; the returned `token` is shown once and never stored (nor logged: the audit entry has name, role and prefix). */
export async function createApiToken(
  input: { name: string; role: Role; createdById?: string | null; expiresAt?: Date | null },
  actor: AuditActor,
) {
  const { token, prefix } = newApiToken();
  const name = input.name.trim();
  const role = roleSchema.parse(input.role);
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw new Error("A token's expiry must be in the future.");
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { name, role, tokenHash: sha256Hex(token), prefix, createdById: input.createdById ?? null, expiresAt },
    });
    const until = expiresAt ? `, expires ${expiresAt.toISOString()}` : "";
    await appendAudit(tx, {
      actor,
      action: "token.create",
      targetType: "token",
      targetId: created.id,
      targetLabel: name,
      after: { name, role, prefix, expiresAt: expiresAt?.toISOString() ?? null },
      summary: `created the API token "${name}" (${role}${until})`,
    });
    return created;
  });
  return { token, id: row.id };
}

export async function listApiTokens(): Promise<ApiTokenDto[]> {
  const rows = await db().apiToken.findMany({
    orderBy: { createdAt: "desc" },
    include: { createdBy: { select: { email: true, role: true, disabledAt: true } } },
  });
  const now = Date.now();
  return rows.map((row) => {
    const role = roleSchema.catch("viewer").parse(row.role);
    return {
      id: row.id,
      name: row.name,
      role,
      effectiveRole: effectiveRole(role, row.createdBy),
      prefix: row.prefix,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy?.email ?? null,
      ownerDisabled: row.createdBy?.disabledAt != null,
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      expired: row.expiresAt !== null && row.expiresAt.getTime() <= now,
    };
  });
}

export async function revokeApiToken(id: string, actor: AuditActor): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt } });
    if (count === 0) return false;
    const row = await tx.apiToken.findUnique({ where: { id }, select: { name: true, role: true, prefix: true } });
    await appendAudit(tx, {
      actor,
      action: "token.revoke",
      targetType: "token",
      targetId: id,
      targetLabel: row?.name ?? null,
      before: { name: row?.name, role: row?.role, prefix: row?.prefix, revoked: false },
      after: { revoked: true, revokedAt: revokedAt.toISOString() },
      summary: `revoked the API token "${row?.name ?? id}"`,
    });
    return true;
  });
}

/**
 * Resolves a bearer token: unknown, revoked, expired, or owned by a disabled user → refused (with the reason); else
 * the caller with the effective role (the lesser of the token's role and its owner's current role).
 */
export async function resolveApiToken(token: string, now = new Date()): Promise<TokenResolution> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return { ok: false, reason: "unknown" };
  const row = await db().apiToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { createdBy: { select: { role: true, disabledAt: true } } },
  });
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired", expiresAt: row.expiresAt.toISOString() };
  if (row.createdBy?.disabledAt) return { ok: false, reason: "owner-disabled" };
  const role = roleSchema.safeParse(row.role);
  if (!role.success) return { ok: false, reason: "unknown" };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Best effort: skipped (and retried by a later request) while an upload holds the write lock.
    await sqlJobs().authTables.touchApiToken(row.id, now);
  }
  return { ok: true, caller: { tokenId: row.id, name: row.name, role: effectiveRole(role.data, row.createdBy) } };
}

/** Resolves a bearer token to its caller, or null when it is refused for any reason. */
export async function getTokenCaller(token: string): Promise<TokenCaller | null> {
  const resolution = await resolveApiToken(token);
  return resolution.ok ? resolution.caller : null;
}

/** Active tokens a user owns (for the audit entry when they are disabled or their role changes). */
export async function countActiveTokensOwnedBy(tx: Pick<ReturnType<typeof db>, "apiToken">, userId: string): Promise<number> {
  return tx.apiToken.count({ where: { createdById: userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });
}
