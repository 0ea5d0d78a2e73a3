import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FORMAT_PARSERS } from "@/lib/ingest/formats";
import { INVENTORY_FIELDS, fieldForHeader } from "@/lib/ingest/formats/inventory-fields";
import {
  FORMATS_DOC_PATH,
  ROOT,
  beginMarker,
  endMarker,
  parserPath,
  renderFormatsDoc,
  renderFormatsTable,
  renderGeneratedBlocks,
  renderInventoryFieldsTable,
  replaceGeneratedBlock,
} from "./generate-formats-doc";

const committed = readFileSync(path.join(ROOT, FORMATS_DOC_PATH), "utf8");

/** The text between a block's markers in a page. */
function blockOf(doc: string, name: string): string {
  const start = doc.indexOf(beginMarker(name));
  const stop = doc.indexOf(endMarker(name));
  expect(start).toBeGreaterThan(-1);
  expect(stop).toBeGreaterThan(start);
  return doc.slice(start + beginMarker(name).length, stop).trim();
}

describe("docs/formats.md", () => {
  it("holds the generated blocks as the code renders them (run npx tsx scripts/generate-formats-doc.ts)", () => {
    const blocks = renderGeneratedBlocks();
    for (const [name, content] of Object.entries(blocks)) expect(blockOf(committed, name)).toBe(content);
    expect(renderFormatsDoc(committed)).toBe(committed.replaceAll("\r\n", "\n"));
  });

  it("lists every registered format with its kind's section, and each parser file exists", () => {
    const table = blockOf(committed, "formats");
    for (const parser of FORMAT_PARSERS) {
      expect(table).toContain(`| \`${parser.id}\` | \`${parser.kind}\` |`);
      expect(existsSync(path.join(ROOT, parserPath(parser)))).toBe(true);
    }
    // Every section the table links to is a heading of the page.
    for (const [, anchor] of table.matchAll(/\]\(#([a-z0-9-]+)\)/g)) {
      const headings = [...committed.matchAll(/^#{2,4} (.+)$/gm)].map(([, title]) => title.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-"));
      expect(headings).toContain(anchor);
    }
  });

  it("lists every inventory field id with every header recognised for it", () => {
    const table = blockOf(committed, "inventory-fields");
    for (const field of INVENTORY_FIELDS) {
      const row = table.split("\n").find((line) => line.startsWith(`| \`${field.id}\` |`));
      expect(row, field.id).toBeDefined();
      for (const alias of field.aliases) {
        expect(row).toContain(`\`${alias}\``);
        // The documented header really is recognised for this field.
        expect(fieldForHeader(alias)).toBe(field.id);
      }
    }
  });

  it("documents each host, domain, tenant and scope format under its own heading", () => {
    for (const parser of FORMAT_PARSERS.filter((p) => p.kind !== "gmsa-acl")) {
      expect(committed).toMatch(new RegExp(`^### .*\\(\`${parser.id}\`\\)`, "m"));
    }
  });
});

describe("rendering", () => {
  it("escapes pipes and keeps backslashes visible in table cells", () => {
    const table = renderFormatsTable([{ id: "x-csv", kind: "domain", label: "a | b" }]);
    expect(table).toContain("| `x-csv` | `domain` | a \\| b | [Domain facts](#domain-facts) | `lib/ingest/formats/x-csv.ts` |");
    const fields = renderInventoryFieldsTable([{ id: "dotnetRelease", label: "x", description: "HKLM\\SOFTWARE\\X | y", aliases: ["A|B"], defaultUnit: "KB" }]);
    expect(fields).toContain("| `dotnetRelease` | HKLM\\\\SOFTWARE\\\\X \\| y Default unit: KB. | `A\\|B` |");
    expect(fields).toMatch(/^1 fields\./);
  });

  it("replaces only the text between the markers", () => {
    const doc = `intro\n${beginMarker("t")}\nold\n${endMarker("t")}\nafter\n`;
    expect(replaceGeneratedBlock(doc, "t", "new")).toBe(`intro\n${beginMarker("t")}\nnew\n${endMarker("t")}\nafter\n`);
    expect(replaceGeneratedBlock(replaceGeneratedBlock(doc, "t", "new"), "t", "new")).toBe(replaceGeneratedBlock(doc, "t", "new"));
  });

  it("refuses a page without the markers, or with a block twice", () => {
    expect(() => replaceGeneratedBlock("no markers\n", "t", "x")).toThrow(/no .* block/);
    const twice = `${beginMarker("t")}\n${endMarker("t")}\n${beginMarker("t")}\n${endMarker("t")}\n`;
    expect(() => replaceGeneratedBlock(twice, "t", "x")).toThrow(/more than once/);
  });
});
