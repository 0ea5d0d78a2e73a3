import { z } from "zod";

export const ROLES = ["admin", "lead", "viewer"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * What each role may do. Every page, route handler and server action names one of these
 * permissions (lib/auth/guards.ts); nothing checks roles directly.
 */
export const PERMISSIONS = {
  /** Read every readiness view and the read API. */
  read: ["admin", "lead", "viewer"],
  /** Plan waves, owners, statuses, waivers; record tenant attestations. */
  plan: ["admin", "lead"],
  /** Generate readiness reports and exports (PDF, CSV, Excel): everyone who can read (issue #10). */
  report: ["admin", "lead", "viewer"],
  /** Upload and delete exports. */
  upload: ["admin"],
  /** Manage users and API tokens. */
  administer: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  lead: "Project lead",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Everything, including users, API tokens and uploads.",
  lead: "Read everything; plan the rollout, waivers and reports.",
  viewer: "Read everything and export reports; change nothing.",
};

/** Roles from least to most: viewer < lead < admin. */
const ROLE_RANK: Record<Role, number> = { viewer: 0, lead: 1, admin: 2 };

/** The lesser of two roles (an API token never acts above its owner's current role). */
export function lesserRole(a: Role, b: Role): Role {
  return ROLE_RANK[a] <= ROLE_RANK[b] ? a : b;
}
