/**
 * `npx tsx scripts/generate-formats-doc.ts` — regenerates the parts of docs/formats.md that restate code:
 * - the formats table (every parser of lib/ingest/formats/index.ts: id, kind, label, file);
 * - the inventory CSV column table (every canonical field of lib/ingest/formats/inventory-fields.ts with the
 *   header names recognised for it).
 * Each part sits between `<!-- BEGIN GENERATED: <name> -->` and `<!-- END GENERATED: <name> -->`; the rest of
 * the page is written by hand and left untouched.
 *
 * `--check` writes nothing and exits 1 when the page is out of date; scripts/generate-formats-doc.test.ts does
 * the same comparison in memory, so a new parser or a new header alias fails the tests until the page is
 * regenerated. Output is deterministic (registry and field order, no timestamps).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { FORMAT_PARSERS } from "@/lib/ingest/formats";
import { IGNORE_COLUMN, INVENTORY_FIELDS, type InventoryField } from "@/lib/ingest/formats/inventory-fields";
import type { FormatParser, UploadKind } from "@/lib/ingest/types";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FORMATS_DOC_PATH = "docs/formats.md";

/** The section of docs/formats.md that describes each kind of upload (its heading's anchor). */
const SECTION_BY_KIND: Record<UploadKind, { title: string; anchor: string }> = {
  "host-inventory": { title: "Host inventories", anchor: "host-inventories" },
  "gmsa-acl": { title: "gMSA ACL exports", anchor: "gmsa-acl-exports" },
  domain: { title: "Domain facts", anchor: "domain-facts" },
  tenant: { title: "Tenant facts", anchor: "tenant-facts" },
  "sync-scope": { title: "Sync-scope plans", anchor: "sync-scope-plans" },
};

export function beginMarker(name: string): string {
  return `<!-- BEGIN GENERATED: ${name} (npx tsx scripts/generate-formats-doc.ts; do not edit by hand) -->`;
}

export function endMarker(name: string): string {
  return `<!-- END GENERATED: ${name} -->`;
}

/** Text for a Markdown table cell: pipes escaped, backslashes kept visible, one line. */
function cellText(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replace(/\s*\n\s*/g, " ");
}

/** A code span for a table cell (a backtick inside would end it; none of the inputs has one, but stay safe). */
function codeCell(text: string): string {
  return `\`${text.replaceAll("`", "'").replaceAll("|", "\\|")}\``;
}

/** Where a parser lives: lib/ingest/formats/<id>.ts. */
export function parserPath(parser: Pick<FormatParser, "id">): string {
  return `lib/ingest/formats/${parser.id}.ts`;
}

export function renderFormatsTable(parsers: readonly Pick<FormatParser, "id" | "kind" | "label">[] = FORMAT_PARSERS): string {
  const lines = [
    "| Format id (`format=`) | Kind (`kind=`) | Label in the app | Section | Parser |",
    "|---|---|---|---|---|",
  ];
  for (const parser of parsers) {
    const section = SECTION_BY_KIND[parser.kind];
    lines.push(
      `| ${codeCell(parser.id)} | ${codeCell(parser.kind)} | ${cellText(parser.label)} | [${section.title}](#${section.anchor}) | ${codeCell(parserPath(parser))} |`,
    );
  }
  return lines.join("\n");
}

export function renderInventoryFieldsTable(fields: readonly InventoryField[] = INVENTORY_FIELDS): string {
  const lines = [
    `${fields.length} fields. Headers are compared without case, spaces or punctuation (\`RAM (GB)\` = \`ramgb\`); the field id itself ` +
      `also works as a header, and a memory header may carry its unit (\`Memory_MB\`, \`RAMinGB\`). A column mapping sends any header ` +
      `to a field id, or to \`${IGNORE_COLUMN}\`.`,
    "",
    "| Field id | What it holds | Headers recognised without a mapping |",
    "|---|---|---|",
  ];
  for (const field of fields) {
    const unit = field.defaultUnit === undefined ? "" : ` Default unit: ${field.defaultUnit}.`;
    const aliases = field.aliases.map(codeCell).join(", ");
    lines.push(`| ${codeCell(field.id)} | ${cellText(field.description)}${unit} | ${aliases} |`);
  }
  return lines.join("\n");
}

/** Every generated block of the page, by name. */
export function renderGeneratedBlocks(): Record<string, string> {
  return { formats: renderFormatsTable(), "inventory-fields": renderInventoryFieldsTable() };
}

/** Replaces the text between the markers of `name`; throws when the page lacks them (or has them twice). */
export function replaceGeneratedBlock(doc: string, name: string, content: string): string {
  const begin = beginMarker(name);
  const end = endMarker(name);
  const start = doc.indexOf(begin);
  const stop = doc.indexOf(end);
  if (start === -1 || stop === -1 || stop < start) throw new Error(`${FORMATS_DOC_PATH} has no "${begin}" ... "${end}" block`);
  if (doc.indexOf(begin, start + 1) !== -1 || doc.indexOf(end, stop + 1) !== -1) {
    throw new Error(`${FORMATS_DOC_PATH} has the generated block "${name}" more than once`);
  }
  return `${doc.slice(0, start + begin.length)}\n${content}\n${doc.slice(stop)}`;
}

/** The page with every generated block brought up to date. */
export function renderFormatsDoc(current: string, blocks: Record<string, string> = renderGeneratedBlocks()): string {
  let doc = current.replaceAll("\r\n", "\n");
  for (const [name, content] of Object.entries(blocks)) doc = replaceGeneratedBlock(doc, name, content);
  return doc;
}

function main(): void {
  const check = process.argv.includes("--check");
  const target = path.join(ROOT, FORMATS_DOC_PATH);
  const current = readFileSync(target, "utf8");
  const next = renderFormatsDoc(current);
  if (next === current) {
    console.log(`up to date  ${FORMATS_DOC_PATH}`);
  } else if (check) {
    console.error(`out of date ${FORMATS_DOC_PATH} (run npx tsx scripts/generate-formats-doc.ts)`);
    process.exitCode = 1;
  } else {
    writeFileSync(target, next);
    console.log(`wrote       ${FORMATS_DOC_PATH}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error: unknown) {
    console.error(error);
    process.exitCode = 1;
  }
}
