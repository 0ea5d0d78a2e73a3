/**
 * `npm run docs:rules` — regenerates, from the rule registry and the rule sources:
 * - docs/rules.md: the rule catalogue (summary table, then one section per rule with its examples);
 * - lib/rules/ruleset-version.ts: RULESET_VERSION = "rs-" + the first 12 hex digits of a SHA-256 over
 *   the code of every lib/rules/**\/*.ts and lib/readiness/**\/*.ts file, sorted by path. Only what decides
 *   verdicts is hashed: tests (`*.test.ts`), test kits (`testing/` folders, `*.test-kit.ts`) and the version
 *   file are left out, and each file is hashed as its TypeScript tokens, so comments and formatting do not
 *   count. It changes whenever a rule's logic, table, threshold or metadata (or the evaluation/roll-up
 *   code) changes, and stamps every evaluation.
 *
 * `npm run docs:rules -- --check` writes nothing and exits 1 when either file is out of date.
 * The functions are exported so lib/rules/registry.test.ts can regenerate both in memory and compare.
 * Output is deterministic: no timestamps, registry order.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { sourceKeysToMarkdown, type Rule, type RuleExample, type RuleSource } from "@/lib/rules";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const RULES_DOC_PATH = "docs/rules.md";
export const RULESET_VERSION_PATH = "lib/rules/ruleset-version.ts";

/** Directories whose TypeScript sources make up the ruleset, relative to the repository root. */
const HASHED_DIRS = ["lib/rules", "lib/readiness"];

/** Rule and evaluation code; not tests, test kits (a `testing/` folder or `*.test-kit.ts`) or the version file. */
export function isHashed(relative: string): boolean {
  if (!relative.endsWith(".ts") || relative.endsWith(".test.ts") || relative.endsWith(".test-kit.ts")) return false;
  return relative !== RULESET_VERSION_PATH && !relative.split("/").includes("testing");
}

/** Tokens after which a `/` divides; anywhere else it starts a regular expression. */
const ENDS_OPERAND = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
]);

/**
 * The file's tokens, one per line: its code without comments, whitespace or line-ending differences.
 * Template literals and regular expressions are rescanned in context, so text inside them counts as code.
 */
export function codeTokens(content: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, content);
  const tokens: string[] = [];
  // Open braces: true for a template's `${`, false for a block or object literal.
  const braces: boolean[] = [];
  let previous = ts.SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.CloseBraceToken && braces.pop() === true) {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateMiddle) braces.push(true);
    } else if (kind === ts.SyntaxKind.TemplateHead) braces.push(true);
    else if (kind === ts.SyntaxKind.OpenBraceToken) braces.push(false);
    else if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !ENDS_OPERAND.has(previous)) {
      kind = scanner.reScanSlashToken();
    }
    tokens.push(scanner.getTokenText());
    previous = kind;
  }
  return tokens.join("\n");
}

function walk(root: string, relativeDir: string, out: string[]): void {
  for (const entry of readdirSync(path.join(root, relativeDir), { withFileTypes: true })) {
    const relative = `${relativeDir}/${entry.name}`;
    if (entry.isDirectory()) walk(root, relative, out);
    else if (entry.isFile() && isHashed(relative)) out.push(relative);
  }
}

/** The ruleset's source files (posix paths relative to the root, sorted) with normalised line endings. */
export function readRulesetSources(root = ROOT): { path: string; content: string }[] {
  const paths: string[] = [];
  for (const dir of HASHED_DIRS) walk(root, dir, paths);
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return paths.map((relative) => ({
    path: relative,
    content: readFileSync(path.join(root, relative), "utf8").replace(/\r\n?/g, "\n"),
  }));
}

/** "rs-" + 12 hex digits of SHA-256 over each file's path and code tokens, in the given (sorted) order. */
export function computeRulesetVersion(files: readonly { path: string; content: string }[]): string {
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file.path);
    hash.update("\0");
    hash.update(codeTokens(file.content));
    hash.update("\0");
  }
  return `rs-${hash.digest("hex").slice(0, 12)}`;
}

export function renderRulesetVersionFile(version: string): string {
  return [
    "// Generated by `npm run docs:rules` (scripts/generate-rules-doc.ts). Do not edit by hand.",
    "// A hash of the code (comments and formatting left out) of lib/rules/**/*.ts and lib/readiness/**/*.ts,",
    "// tests and test kits (testing/, *.test-kit.ts) excluded: it changes whenever a rule's logic, tables,",
    "// thresholds or metadata change, and stamps every evaluation.",
    `export const RULESET_VERSION = ${JSON.stringify(version)};`,
    "",
  ].join("\n");
}

/** Text inside a Markdown table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** Text inside Markdown link brackets. */
function linkText(text: string): string {
  return text.replace(/([[\]\\])/g, "\\$1");
}

/** Inline code that survives backticks inside it. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function sourceLine(source: RuleSource): string {
  return `[${linkText(`${source.document} — ${source.section}`)}](${source.url.replace(/\)/g, "%29")}) (revised ${source.revised})`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
function fenced(language: string, text: string, indent: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return [`${indent}${fence}${language}`, ...text.split("\n").map((line) => `${indent}${line}`), `${indent}${fence}`].join("\n");
}

function renderExample(example: RuleExample): string {
  return [`- **${example.name}** — expected \`${example.expect}\``, "", fenced("json", JSON.stringify(example.context), "  ")].join("\n");
}

function renderRule(rule: Rule): string {
  const { meta } = rule;
  const lines: string[] = [
    `## ${meta.id}`,
    "",
    `**${meta.title}**`,
    "",
    "| Id | Severity | Scope |",
    "|---|---|---|",
    `| ${code(meta.id)} | ${meta.severity} | ${meta.scope} |`,
    "",
    `**Rationale.** ${meta.rationale}`,
    "",
    `**Source.** ${sourceLine(meta.source)}`,
    "",
  ];
  const otherSources = meta.otherSources ?? [];
  if (otherSources.length > 0) {
    lines.push("**Other sources.**", "", ...otherSources.map((source) => `- ${sourceLine(source)}`), "");
  }
  const notes = meta.notes ?? [];
  if (notes.length > 0) {
    lines.push("**Notes (where sources disagree or are uncertain).**", "", ...notes.map((note) => `- ${sourceKeysToMarkdown(note)}`), "");
  }
  lines.push(`**Remediation.** ${meta.remediation.summary}`, "");
  const steps = meta.remediation.steps ?? [];
  if (steps.length > 0) lines.push(...steps.map((step, index) => `${index + 1}. ${step}`), "");
  lines.push("**Examples.**", "", ...rule.examples.map(renderExample).join("\n\n").split("\n"), "");
  return lines.join("\n");
}

const SEVERITY_ORDER = ["blocker", "warning", "info"] as const;

export function renderRulesDoc(rules: readonly Rule[], version: string): string {
  const counts = SEVERITY_ORDER.map((severity) => `${rules.filter((r) => r.meta.severity === severity).length} ${severity}`).join(", ");
  const lines: string[] = [
    "<!-- Generated by `npm run docs:rules` from lib/rules (scripts/generate-rules-doc.ts). Do not edit by hand. -->",
    "",
    "# Readiness rules",
    "",
    `Ruleset version \`${version}\`: ${rules.length} rules (${counts}).`,
    "",
    "Severity: **blocker** makes a server *Not ready*, **warning** makes it *Ready with conditions*, **info** only informs.",
    "A rule whose facts were not collected is *unknown*, never a fail; an unknown blocker makes the server *Unknown*.",
    "Host rules are evaluated per server; domain, gMSA ACL, sync-scope, tenant and fleet rules once per domain.",
    "",
    "| Id | Title | Severity | Scope |",
    "|---|---|---|---|",
    ...rules.map((r) => `| [${code(r.meta.id)}](#${r.meta.id}) | ${cell(r.meta.title)} | ${r.meta.severity} | ${r.meta.scope} |`),
    "",
  ];
  for (const rule of rules) lines.push(renderRule(rule));
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/** Both generated files, rendered in memory. */
export async function renderGeneratedFiles(root = ROOT): Promise<Record<string, string>> {
  const version = computeRulesetVersion(readRulesetSources(root));
  const { RULES } = await import("@/lib/rules");
  return {
    [RULES_DOC_PATH]: renderRulesDoc(RULES, version),
    [RULESET_VERSION_PATH]: renderRulesetVersionFile(version),
  };
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const files = await renderGeneratedFiles();
  let stale = 0;
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(ROOT, relative);
    const current = readOrEmpty(target);
    if (current === content) {
      console.log(`up to date  ${relative}`);
    } else if (check) {
      stale++;
      console.error(`out of date ${relative} (run npm run docs:rules)`);
    } else {
      writeFileSync(target, content);
      console.log(`wrote       ${relative}`);
    }
  }
  if (stale > 0) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
