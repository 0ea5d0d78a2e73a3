import path from "node:path";
import type { Role } from "@/lib/auth/roles";

/** The e2e accounts; the admin is the bootstrap admin made from ADMIN_EMAIL/ADMIN_PASSWORD. */
export const ACCOUNTS: Record<Role, { email: string; password: string; name: string }> = {
  admin: { email: "admin@e2e.test", password: "e2e-admin-password", name: "Administrator" },
  lead: { email: "lead@e2e.test", password: "e2e-lead-password", name: "Lena Lead" },
  viewer: { email: "viewer@e2e.test", password: "e2e-viewer-password", name: "Victor Viewer" },
};

export const FIXTURE_DIR = path.resolve("test-results/e2e-fixtures");
export const TOKENS_FILE = path.join(FIXTURE_DIR, "tokens.json");
export const storageStatePath = (role: Role) => path.join(FIXTURE_DIR, `${role}.storage.json`);
export const SCREENSHOT_DIR = path.resolve("test-results/screenshots");
