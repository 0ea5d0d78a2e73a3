import "server-only";
import { type Role, roleSchema } from "@/lib/auth/roles";
import { newApiToken, sha256Hex, TOKEN_PREFIX } from "@/lib/auth/secrets";
import type { AuditActor } from "@/lib/audit/entry";
import { appendAudit } from "./audit";
import { db } from "./db";

export interface ApiTokenDto {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenCaller {
  tokenId: string;
  name: string;
  role: Role;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates a token; the returned `token` is shown once and never stored (nor logged: the audit entry has name, role and prefix). */
export async function createApiToken(input: { name: string; role: Role; createdById?: string | null }, actor: AuditActor) {
  const { token, prefix } = newApiToken();
  const name = input.name.trim();
  const role = roleSchema.parse(input.role);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { name, role, tokenHash: sha256Hex(token), prefix, createdById: input.createdById ?? null } });
    await appendAudit(tx, {
      actor,
      action: "token.create",
      targetType: "token",
      targetId: created.id,
      targetLabel: name,
      after: { name, role, prefix },
      summary: `created the API token "${name}" (${role})`,
    });
    return created;
  });
  return { token, id: row.id };
}

export async function listApiTokens(): Promise<ApiTokenDto[]> {
  const rows = await db().apiToken.findMany({ orderBy: { createdAt: "desc" }, include: { createdBy: { select: { email: true } } } });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: roleSchema.catch("viewer").parse(row.role),
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.email ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }));
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

/** Resolves a bearer token; revoked or unknown tokens resolve to null. */
export async function getTokenCaller(token: string): Promise<TokenCaller | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: sha256Hex(token) } });
  if (!row || row.revokedAt) return null;
  const role = roleSchema.safeParse(row.role);
  if (!role.success) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { tokenId: row.id, name: row.name, role: role.data };
}
