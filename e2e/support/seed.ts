// Seeds the throwaway e2e database (run by scripts/e2e-server.mjs before `next start`).
import { mkdirSync, writeFileSync } from "node:fs";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { ensureBootstrapAdmin } from "@/lib/auth/bootstrap";
import type { Role } from "@/lib/auth/roles";
import { createApiToken } from "@/lib/data/api-tokens";
import { migrateDatabase } from "@/lib/data/schema-state";
import { createUser } from "@/lib/data/users";
import { ACCOUNTS, FIXTURE_DIR, TOKENS_FILE } from "./accounts";

async function main() {
  await migrateDatabase(); // SQLite or PostgreSQL, as DATABASE_URL says
  await ensureBootstrapAdmin();
  for (const role of ["lead", "viewer"] as const) {
    await createUser({ ...ACCOUNTS[role], role }, SYSTEM_ACTOR);
  }
  const tokens = {} as Record<Role, string>;
  for (const role of ["admin", "lead", "viewer"] as const) {
    tokens[role] = (await createApiToken({ name: `e2e ${role}`, role }, SYSTEM_ACTOR)).token;
  }
  mkdirSync(FIXTURE_DIR, { recursive: true });
  writeFileSync(TOKENS_FILE, JSON.stringify(tokens, null, 2));
  console.log("[e2e] seeded accounts and tokens");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
