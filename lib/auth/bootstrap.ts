import "server-only";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { countUsers, createUser, DuplicateEmailError } from "@/lib/data/users";
import { env } from "@/lib/env";
import { newRandomPassword } from "./secrets";

/**
 * On first start with no users, creates an admin from ADMIN_EMAIL/ADMIN_PASSWORD, or with a random
 * password printed once to the console. Safe when several instances start at once.
 */
export async function ensureBootstrapAdmin(log: (line: string) => void = console.log): Promise<void> {
  if ((await countUsers()) > 0) return;
  const config = env();
  const email = config.ADMIN_EMAIL ?? "admin@localhost.localdomain";
  const generated = !config.ADMIN_PASSWORD;
  const password = config.ADMIN_PASSWORD ?? newRandomPassword();
  try {
    await createUser({ email, name: "Administrator", role: "admin", password }, SYSTEM_ACTOR);
  } catch (error) {
    if (error instanceof DuplicateEmailError) return; // another instance won the race
    throw error;
  }
  if (generated) {
    log(
      [
        "",
        "┌──────────────────────────────────────────────────────────────┐",
        "│ Cloud Sync Readiness: first start, an admin account was made │",
        "└──────────────────────────────────────────────────────────────┘",
        `  email:    ${email}`,
        `  password: ${password}`,
        "  This password is shown once. Sign in and change it, or set",
        "  ADMIN_EMAIL / ADMIN_PASSWORD before the first start.",
        "",
      ].join("\n"),
    );
  } else {
    log(`Created the first admin account ${email} from ADMIN_EMAIL/ADMIN_PASSWORD.`);
  }
}
