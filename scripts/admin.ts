// Admin CLI: `npm run admin -- <command> [options]`, `npm run admin -- --help` for the commands and
// `npm run admin -- <command> --help` for one command's options and an example (scripts/admin-cli.ts). Works on
// DATABASE_URL (default file:./data/app.db). create-token prints the token once (stdout: the token only); with --owner
// the token acts at most with that user's current role and is refused while they are disabled.
import { passwordSchema } from "@/lib/auth/password";
import type { AuditActor } from "@/lib/audit/entry";
import { roleSchema } from "@/lib/auth/roles";
import { newRandomPassword } from "@/lib/auth/secrets";
import { parseTokenExpiry } from "@/lib/auth/token-expiry";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/data/api-tokens";
import { copySqliteToPostgres } from "@/lib/data/copy/copy-to-postgres";
import { databaseKind } from "@/lib/data/database-kind";
import { databaseKindOf } from "@/lib/data/database-url.mjs";
import { applyPostgresMigrations } from "@/lib/data/migrations/apply-postgres-migrations.mjs";
import { sqlitePathFromUrl } from "@/lib/data/migrations/apply-migrations.mjs";
import { migrateDatabase } from "@/lib/data/schema-state";
import { backupDatabase } from "@/lib/data/sqlite/backup";
import { createUser, getUserCredentials, listUsers, saveUserPassword } from "@/lib/data/users";
import { env } from "@/lib/env";
import { parseAdminArgs } from "./admin-cli";

/** Changes made with this CLI are audited as the system tool "cli" (the operator has shell access, not an account). */
const CLI_ACTOR: AuditActor = { kind: "system", id: null, name: "cli" };

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main() {
  const parsed = parseAdminArgs(process.argv.slice(2));
  if (parsed.kind === "help") {
    console.log(parsed.text);
    return;
  }
  if (parsed.kind === "error") fail(parsed.message);
  const { command, values, argument } = parsed;
  if ((command === "backup" || command === "copy-to") && databaseKind() === "postgres") {
    fail(`${command} reads the embedded SQLite database; DATABASE_URL is PostgreSQL${command === "backup" ? ": back it up with pg_dump" : ""} (docs/deploy.md).`);
  }
  if (command === "copy-to" && databaseKindOf(argument ?? "") !== "postgres") fail("copy-to: <postgres-url> must start with postgresql:// (or postgres://).");
  await migrateDatabase(); // SQLite or PostgreSQL (under Prisma's advisory lock), as the server does at start

  switch (command) {
    case "create-token": {
      if (!values.name?.trim()) fail("--name is required");
      const role = roleSchema.safeParse(values.role);
      if (!role.success) fail("--role must be admin, lead or viewer");
      const expiry = parseTokenExpiry(values.expires ?? "never");
      if (!expiry.ok) fail(`--expires: ${expiry.message}`);
      let ownerId: string | null = null;
      if (values.owner) {
        const owner = await getUserCredentials(values.owner);
        if (!owner) fail(`--owner: no user ${values.owner}`);
        ownerId = owner.user.id;
      }
      const { token } = await createApiToken({ name: values.name, role: role.data, expiresAt: expiry.expiresAt, createdById: ownerId }, CLI_ACTOR);
      const until = expiry.expiresAt ? `, expires ${expiry.expiresAt.toISOString()}` : ", never expires";
      console.error(`Created API token "${values.name}" (${role.data}${until}${values.owner ? `, owner ${values.owner}` : ""}). It is shown once:`);
      console.log(token);
      return;
    }
    case "revoke-token": {
      if (!values.id) fail("--id is required (see list-tokens)");
      console.log((await revokeApiToken(values.id, CLI_ACTOR)) ? "revoked" : "no active token with that id");
      return;
    }
    case "list-tokens": {
      for (const token of await listApiTokens()) {
        const status = token.revokedAt ? "revoked" : token.expired ? "expired" : token.ownerDisabled ? "owner disabled" : "active";
        const role = token.effectiveRole === token.role ? token.role : `${token.role} (acts as ${token.effectiveRole})`;
        console.log([token.id, token.prefix + "…", role, token.name, status, token.expiresAt ?? "never expires"].join("\t"));
      }
      return;
    }
    case "create-user": {
      const role = roleSchema.safeParse(values.role);
      if (!values.email || !values.name || !role.success) fail("--email, --name and --role (admin|lead|viewer) are required");
      const password = values.password ?? newRandomPassword();
      const check = passwordSchema.safeParse(password);
      if (!check.success) fail(`--password: ${check.error.issues[0]?.message}`);
      const user = await createUser({ email: values.email, name: values.name, role: role.data, password }, CLI_ACTOR);
      console.log(`created ${user.email} (${user.role})${values.password ? "" : `; password: ${password}`}`);
      return;
    }
    case "reset-password": {
      if (!values.email) fail("--email is required");
      const credentials = await getUserCredentials(values.email);
      if (!credentials) fail(`no user ${values.email}`);
      const password = values.password ?? newRandomPassword();
      const check = passwordSchema.safeParse(password);
      if (!check.success) fail(`--password: ${check.error.issues[0]?.message}`);
      await saveUserPassword(credentials.user.id, password, CLI_ACTOR);
      console.log(`password reset for ${credentials.user.email}${values.password ? "" : `; new password: ${password}`}`);
      return;
    }
    case "backup": {
      const report = await backupDatabase(argument ?? "", { overwrite: values.force === "true" });
      console.log(`${report.file}: ${(report.bytes / 1024 / 1024).toFixed(1)} MB, ${report.pages} pages; integrity check ok`);
      for (const table of report.tables) console.log(`${table.name}\t${table.rows}`);
      return;
    }
    case "copy-to": {
      const url = argument ?? "";
      const applied = await applyPostgresMigrations({ url });
      console.error(applied.length > 0 ? `Applied ${applied.length} PostgreSQL migration(s) to the target.` : "The target's schema is up to date.");
      const report = await copySqliteToPostgres(sqlitePathFromUrl(env().DATABASE_URL), url, (line) => console.log(line));
      console.log(`copied ${report.rows} rows in ${report.tables.length} tables in ${(report.ms / 1000).toFixed(1)} s; counts verified`);
      return;
    }
    case "list-users": {
      for (const user of await listUsers()) {
        console.log([user.email, user.role, user.disabled ? "disabled" : "active", user.name].join("\t"));
      }
      return;
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
