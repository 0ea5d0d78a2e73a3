import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS, type CommandName, commandHelp, mainHelp, parseAdminArgs } from "./admin-cli";

const NAMES = Object.keys(COMMANDS) as CommandName[];

describe("admin CLI help", () => {
  it("lists every command with its summary on --help, -h and help", () => {
    for (const argv of [["--help"], ["-h"], ["help"]]) {
      const parsed = parseAdminArgs(argv);
      expect(parsed.kind).toBe("help");
      if (parsed.kind !== "help") continue;
      expect(parsed.text).toContain("Usage: npm run admin -- <command> [options]");
      for (const name of NAMES) expect(parsed.text).toMatch(new RegExp(`^  ${name} +${COMMANDS[name].summary.replace(/[.()]/g, "\\$&")}$`, "m"));
    }
  });

  it("answers --help and -h on each command with its usage, options and an example, without running it", () => {
    for (const name of NAMES) {
      for (const argv of [[name, "--help"], [name, "-h"], [name, "--name", "x", "--help"], ["help", name]]) {
        expect(parseAdminArgs(argv)).toEqual({ kind: "help", text: commandHelp(name) });
      }
      const text = commandHelp(name);
      expect(text).toMatch(new RegExp(`^Usage: npm run admin -- ${name}`, "m"));
      expect(text).toContain("-h, --help");
      expect(text).toMatch(/^Examples?:\n  npm run /m);
      for (const option of Object.values(COMMANDS[name].options)) expect(text).toContain(option.flag);
    }
    const createToken = commandHelp("create-token");
    expect(createToken).toContain("Usage: npm run admin -- create-token --name <name> --role <admin|lead|viewer> [--expires <90d|YYYY-MM-DD|ISO date-time|never>] [--owner <email>]");
    expect(createToken).toMatch(/--name <name> +Required\. /);
    expect(createToken).toContain("at most 3650");
    expect(commandHelp("list-users")).toContain("Options:\n  (none)");
  });

  it("refuses unknown commands and options, and missing required options, naming the usage", () => {
    const unknown = parseAdminArgs(["create-tokens"]);
    expect(unknown).toEqual({ kind: "error", message: `Unknown command "create-tokens".\n\n${mainHelp()}` });
    expect(parseAdminArgs([])).toEqual({ kind: "error", message: mainHelp() });
    expect(parseAdminArgs(["help", "nope"]).kind).toBe("error");

    const option = parseAdminArgs(["list-users", "--role", "admin"]);
    expect(option.kind).toBe("error");
    if (option.kind === "error") {
      expect(option.message).toMatch(/^list-users: Unknown option '--role'/);
      expect(option.message).toContain("Usage: npm run admin -- list-users\n(npm run admin -- list-users --help for details)");
    }
    const missing = parseAdminArgs(["create-user", "--email", "ana@example.com"]);
    expect(missing.kind === "error" && missing.message.split("\n")[0]).toBe("create-user: --name, --role are required.");
    const blank = parseAdminArgs(["revoke-token", "--id", "  "]);
    expect(blank.kind === "error" && blank.message.split("\n")[0]).toBe("revoke-token: --id is required.");
  });

  it("passes a complete command on with its values", () => {
    expect(parseAdminArgs(["create-token", "--name", "ci", "--role", "viewer", "--expires", "90d"])).toEqual({
      kind: "run",
      command: "create-token",
      values: { name: "ci", role: "viewer", expires: "90d" },
    });
    expect(parseAdminArgs(["list-tokens"])).toEqual({ kind: "run", command: "list-tokens", values: {} });
    expect(parseAdminArgs(["backup", "b.db"])).toEqual({ kind: "run", command: "backup", values: {}, argument: "b.db" });
    expect(parseAdminArgs(["backup", "--force", "b.db"])).toEqual({ kind: "run", command: "backup", values: { force: "true" }, argument: "b.db" });
  });

  it("takes backup's file as its one argument, and refuses none, two, or a value for --force", () => {
    expect(commandHelp("backup")).toContain("Usage: npm run admin -- backup <file> [--force]");
    expect(commandHelp("backup")).toMatch(/Argument:\n  <file> +Required\. /);
    const none = parseAdminArgs(["backup"]);
    expect(none.kind === "error" && none.message.split("\n")[0]).toBe("backup: <file> is required.");
    const two = parseAdminArgs(["backup", "a.db", "b.db"]);
    expect(two.kind === "error" && two.message.split("\n")[0]).toBe("backup: one <file> only (got 2).");
    expect(parseAdminArgs(["backup", "--force=yes", "a.db"]).kind).toBe("error");
    // Other commands still take no positional argument.
    expect(parseAdminArgs(["list-users", "extra"]).kind).toBe("error");
  });
});

describe("npm run admin (the real script)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "admin-cli-"));
  const database = path.join(dir, "never-created.db");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/admin.ts", ...args], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `file:${database}` },
    });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints help on stdout with exit code 0 and never opens the database", () => {
    const top = run("--help");
    expect(top.status, top.stderr).toBe(0);
    expect(top.stdout.trim()).toBe(mainHelp());
    const one = run("revoke-token", "-h");
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout.trim()).toBe(commandHelp("revoke-token"));
    expect(existsSync(database)).toBe(false);
  }, 30_000);

  it("exits 2 with the usage on stderr for a mistake", () => {
    const wrong = run("create-user", "--email", "a@example.com");
    expect(wrong.status).toBe(2);
    expect(wrong.stdout).toBe("");
    expect(wrong.stderr).toContain("create-user: --name, --role are required.");
    expect(existsSync(database)).toBe(false);
  }, 30_000);
  it("backs the database up into a checked file, and refuses to overwrite it without --force", () => {
    const target = path.join(dir, "backups", "copy.db");
    const first = run("backup", target);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: [\\d.]+ MB, \\d+ pages; integrity check ok$`, "m"));
    expect(first.stdout).toMatch(/^_prisma_migrations\t\d+$/m);
    expect(first.stdout).toMatch(/^User\t0$/m);
    const again = run("backup", target);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("exists: choose a new file, or pass --force to replace it.");
    expect(run("backup", target, "--force").status).toBe(0);
  }, 60_000);

});
