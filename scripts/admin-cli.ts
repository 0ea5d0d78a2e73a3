// The admin CLI's commands, their options and help (pure: no database), used by scripts/admin.ts and its tests.
import { parseArgs } from "node:util";
import { MAX_TOKEN_DAYS } from "@/lib/auth/token-expiry";

export type CommandName = "create-token" | "revoke-token" | "list-tokens" | "create-user" | "reset-password" | "list-users" | "backup" | "copy-to";

interface OptionSpec {
  /** "--name <name>" as the usage shows it. */
  flag: string;
  description: string;
  required?: boolean;
  /** A switch without a value ("--force"). */
  boolean?: true;
}

interface CommandSpec {
  summary: string;
  /** One required argument without a flag ("<file>"). */
  argument?: { name: string; description: string };
  options: Record<string, OptionSpec>;
  /** What it prints, where (stdout is for machines, stderr for people). */
  output: string;
  examples: string[];
}

export const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = {
  "create-token": {
    summary: "Create an API token for scripts and CI (shown once).",
    options: {
      name: { flag: "--name <name>", description: "What uses the token (shown in Settings and the audit log).", required: true },
      role: { flag: "--role <admin|lead|viewer>", description: "What the token may do.", required: true },
      expires: {
        flag: "--expires <90d|YYYY-MM-DD|ISO date-time|never>",
        description: `When it stops working: a number of days (at most ${MAX_TOKEN_DAYS}), a date, a date-time, or never (the default).`,
      },
      owner: {
        flag: "--owner <email>",
        description: "A user the token acts for: it gets at most that user's current role and is refused while they are disabled.",
      },
    },
    output: "stdout: the token only (capture it); stderr: what was created.",
    examples: ["npm run admin -- create-token --name nightly-upload --role lead --expires 90d", "CSR_TOKEN=$(npm run -s admin -- create-token --name ci --role viewer --owner ana@example.com)"],
  },
  "revoke-token": {
    summary: "Revoke an API token at once (cannot be undone).",
    options: { id: { flag: "--id <tokenId>", description: "The token's id, the first column of list-tokens.", required: true } },
    output: 'stdout: "revoked", or "no active token with that id".',
    examples: ["npm run admin -- revoke-token --id clx3k9v0f0000abcd1234efgh"],
  },
  "list-tokens": {
    summary: "List API tokens: id, prefix, role, name, status, expiry (tab-separated).",
    options: {},
    output: "stdout: one token a line.",
    examples: ["npm run admin -- list-tokens"],
  },
  "create-user": {
    summary: "Add a user who signs in with an email and a password.",
    options: {
      email: { flag: "--email <email>", description: "The sign-in email.", required: true },
      name: { flag: "--name <name>", description: "The name shown in the app and the audit log.", required: true },
      role: { flag: "--role <admin|lead|viewer>", description: "What the user may do.", required: true },
      password: { flag: "--password <password>", description: "At least 12 characters; a random one is generated and printed when omitted." },
    },
    output: "stdout: the account created (and the generated password, once).",
    examples: ['npm run admin -- create-user --email ana@example.com --name "Ana Lopez" --role lead'],
  },
  "reset-password": {
    summary: "Set a new password for a user and sign out their sessions.",
    options: {
      email: { flag: "--email <email>", description: "The user's sign-in email.", required: true },
      password: { flag: "--password <password>", description: "At least 12 characters; a random one is generated and printed when omitted." },
    },
    output: "stdout: confirmation (and the generated password, once).",
    examples: ["npm run admin -- reset-password --email ana@example.com"],
  },
  "list-users": {
    summary: "List users: email, role, status, name (tab-separated).",
    options: {},
    output: "stdout: one user a line.",
    examples: ["npm run admin -- list-users"],
  },
  backup: {
    summary: "Copy the SQLite database into a file while the app runs (SQLite's online backup API), checked.",
    argument: { name: "<file>", description: "The backup file to write (mode 0600; its folder is created)." },
    options: { force: { flag: "--force", description: "Replace <file> if it exists.", boolean: true } },
    output: "stdout: the file, its size and the rows per table; the copy passed SQLite's integrity check. PostgreSQL: use pg_dump.",
    examples: ["npm run admin -- backup backups/app-$(date +%F).db"],
  },
  "copy-to": {
    summary: "Copy every table of the SQLite database into an empty PostgreSQL database (migrated first), verified by counts.",
    argument: { name: "<postgres-url>", description: "postgresql://user:password@host:5432/database of an empty database." },
    options: {},
    output: "stdout: the rows copied per table, then the total; one transaction, so a failure keeps nothing. Stop the app (or expect later writes to stay behind) first.",
    examples: ['npm run admin -- copy-to "postgresql://csr:secret@db.example.com:5432/csr"'],
  },
};

const isCommand = (name: string | undefined): name is CommandName => name !== undefined && Object.hasOwn(COMMANDS, name);

function usageLine(name: CommandName): string {
  const argument = COMMANDS[name].argument;
  const parts = [...(argument ? [argument.name] : []), ...Object.values(COMMANDS[name].options).map((option) => (option.required ? option.flag : `[${option.flag}]`))];
  return ["npm run admin --", name, ...parts].join(" ");
}

/** The top-level help: every command with its summary. */
export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    "Cloud Sync Readiness admin CLI: accounts, API tokens and backups, on the database of DATABASE_URL (default file:./data/app.db).",
    "",
    "Usage: npm run admin -- <command> [options]",
    "       npm run admin -- <command> --help   (a command's options and an example)",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`),
    "",
    "Changes are recorded in the audit log as the system tool \"cli\".",
    "",
    "Example:",
    `  ${COMMANDS["create-token"].examples[0]}`,
  ].join("\n");
}

/** One command's help: usage, options (required ones marked), output and examples. */
export function commandHelp(name: CommandName): string {
  const spec = COMMANDS[name];
  const options = Object.values(spec.options);
  const width = Math.max(0, spec.argument?.name.length ?? 0, ...options.map((option) => option.flag.length));
  return [
    `${name}: ${spec.summary}`,
    "",
    `Usage: ${usageLine(name)}`,
    "",
    ...(spec.argument ? ["Argument:", `  ${spec.argument.name.padEnd(width)}  Required. ${spec.argument.description}`, ""] : []),
    "Options:",
    ...(options.length === 0 ? ["  (none)"] : options.map((option) => `  ${option.flag.padEnd(width)}  ${option.required ? "Required. " : ""}${option.description}`)),
    `  ${"-h, --help".padEnd(width)}  Show this help.`,
    "",
    `Output: ${spec.output}`,
    "",
    spec.examples.length === 1 ? "Example:" : "Examples:",
    ...spec.examples.map((example) => `  ${example}`),
  ].join("\n");
}

export type ParsedArgs =
  | { kind: "help"; text: string }
  | { kind: "error"; message: string }
  | { kind: "run"; command: CommandName; values: Partial<Record<string, string>>; argument?: string };

const HELP = new Set(["--help", "-h"]);

/**
 * Reads `<command> [options]`. `--help`/`-h` (anywhere) or `help [command]` answer with help instead of running;
 * an unknown command or option, or a missing required option, is an error naming the command's usage.
 */
export function parseAdminArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: "error", message: mainHelp() };
  if (HELP.has(first)) return { kind: "help", text: mainHelp() };
  if (first === "help") {
    if (rest[0] === undefined) return { kind: "help", text: mainHelp() };
    return isCommand(rest[0]) ? { kind: "help", text: commandHelp(rest[0]) } : { kind: "error", message: `Unknown command "${rest[0]}".\n\n${mainHelp()}` };
  }
  if (!isCommand(first)) return { kind: "error", message: `Unknown command "${first}".\n\n${mainHelp()}` };
  if (rest.some((arg) => HELP.has(arg))) return { kind: "help", text: commandHelp(first) };

  const spec = COMMANDS[first];
  let values: Partial<Record<string, string>>;
  let positionals: string[];
  try {
    const options = Object.fromEntries(Object.entries(spec.options).map(([key, option]) => [key, { type: option.boolean ? ("boolean" as const) : ("string" as const) }]));
    const parsedArgs = parseArgs({ args: [...rest], options, strict: true, allowPositionals: spec.argument !== undefined });
    values = Object.fromEntries(Object.entries(parsedArgs.values).map(([key, value]) => [key, value === true ? "true" : value])) as Partial<Record<string, string>>;
    positionals = parsedArgs.positionals;
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, ".") : String(error);
    return { kind: "error", message: `${first}: ${message}\n\nUsage: ${usageLine(first)}\n(npm run admin -- ${first} --help for details)` };
  }
  const missing = Object.entries(spec.options)
    .filter(([key, option]) => option.required && !values[key]?.trim())
    .map(([, option]) => option.flag.split(" ")[0]);
  if (missing.length > 0) {
    return { kind: "error", message: `${first}: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} required.\n\nUsage: ${usageLine(first)}\n(npm run admin -- ${first} --help for details)` };
  }
  if (spec.argument) {
    if (positionals.length !== 1 || !positionals[0].trim()) {
      const problem = positionals.length === 0 ? `${spec.argument.name} is required` : `one ${spec.argument.name} only (got ${positionals.length})`;
      return { kind: "error", message: `${first}: ${problem}.\n\nUsage: ${usageLine(first)}\n(npm run admin -- ${first} --help for details)` };
    }
    return { kind: "run", command: first, values, argument: positionals[0] };
  }
  return { kind: "run", command: first, values };
}
