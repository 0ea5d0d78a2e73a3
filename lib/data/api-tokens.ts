import "server-only";
import { type Role, roleSchema } from "@/lib/auth/roles";
import { newApiToken, sha256Hex, TOKEN_PREFIX } from "@/lib/auth/secrets";
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

/** Creates a token; the returned `token` is shown once and never stored. */
export async function createApiToken(input: { name: string; role: Role; createdById?: string | null }) {
  const { token, prefix } = newApiToken();
  const row = await db().apiToken.create({
    data: { name: input.name.trim(), role: roleSchema.parse(input.role), tokenHash: sha256Hex(token), prefix, createdById: input.createdById ?? null },
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

export async function revokeApiToken(id: string): Promise<boolean> {
  const { count } = await db().apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
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
