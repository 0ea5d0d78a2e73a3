import { readFileSync } from "node:fs";
import { can, type Permission, type Role, ROLES } from "@/lib/auth/roles";
import { TOKENS_FILE } from "./accounts";

export type Who = Role | "anonymous";
export const EVERYONE: readonly Who[] = ["anonymous", ...ROLES];

/** The status a caller should get: 401 without credentials, 403 when the role lacks the permission. */
export function expectedStatus(who: Who, access: Permission | "public", allowed = 200): number {
  if (access === "public") return allowed;
  if (who === "anonymous") return 401;
  return can(who, access) ? allowed : 403;
}

export function tokenFor(role: Role): string {
  const tokens = JSON.parse(readFileSync(TOKENS_FILE, "utf8")) as Record<Role, string>;
  return tokens[role];
}
