import { z } from "zod";

/**
 * Reads the contract-relevant parts of collector/Get-CloudSyncReadiness.ps1 as text, so tests can hold the
 * script, the zod schema, the fixtures and lib/rules/endpoints.ts together. Pure: the caller reads the file.
 *
 * Convention in the script: every `[ordered]@{ ... }` literal is preceded by a comment line
 * `# json: <path>[|<path>...]` naming where it lands in the JSON, e.g. `host.os`, `host.network.checks[]`,
 * `root` for the document itself.
 */

export interface OrderedLiteral {
  /** JSON paths from the `# json:` marker; empty when the marker is missing. */
  paths: string[];
  /** Top-level keys, in source order. */
  keys: string[];
  /** 1-based line of `[ordered]@{`. */
  line: number;
}

const ORDERED = "[ordered]@{";
const MARKER = /^\s*#\s*json:\s*(.+?)\s*$/;

/** Index just past the matching close of the group opened at `start` (which is just past the opening `{`). */
function scanGroup(text: string, start: number): { end: number; flat: string } {
  let depth = 0;
  let flat = "";
  let i = start;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'") {
      i = skipSingleQuoted(text, i);
      flat += depth === 0 ? "''" : "";
      continue;
    }
    if (ch === '"') {
      i = skipDoubleQuoted(text, i);
      flat += depth === 0 ? '""' : "";
      continue;
    }
    if (ch === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (ch === "{" || ch === "(" || ch === "[") depth++;
    if (ch === "}" || ch === ")" || ch === "]") {
      if (depth === 0) return { end: i + 1, flat };
      depth--;
      i++;
      continue;
    }
    if (depth === 0) flat += ch;
    i++;
  }
  throw new Error(`unbalanced literal starting at offset ${start}`);
}

/** Returns the index after a '...' string ('' is an escaped quote). */
export function skipSingleQuoted(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return i;
}

/** Returns the index after a "..." string (backtick escapes, "" escaped quote, $( ) subexpressions). */
export function skipDoubleQuoted(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "`") {
      i += 2;
      continue;
    }
    if (ch === "$" && text[i + 1] === "(") {
      i = scanGroup(text, i + 2).end;
      continue;
    }
    if (ch === '"') {
      if (text[i + 1] === '"') {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return i;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text[i] === "\n") line++;
  return line;
}

/** Every `[ordered]@{}` literal of the script with its marker paths and top-level keys. */
export function extractOrderedLiterals(script: string): OrderedLiteral[] {
  const literals: OrderedLiteral[] = [];
  let from = 0;
  for (;;) {
    const at = script.indexOf(ORDERED, from);
    if (at < 0) break;
    const { end, flat } = scanGroup(script, at + ORDERED.length);
    const keys = flat
      .split(/[;\n]/)
      .map((segment) => /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/.exec(segment)?.[1])
      .filter((key): key is string => key !== undefined);
    const line = lineOf(script, at);
    const previous = script.split("\n").slice(0, line - 1).reverse().find((l) => l.trim() !== "") ?? "";
    const marker = MARKER.exec(previous);
    const paths = marker ? marker[1].split("|").map((p) => p.trim()) : [];
    literals.push({ paths, keys, line });
    from = end;
  }
  return literals;
}

export interface ScriptEndpoint {
  pattern: string;
  port: number;
  category: string;
  probeHost: string;
}

const ENDPOINT_ENTRY =
  /@\{\s*pattern\s*=\s*'([^']*)'\s*;\s*port\s*=\s*(\d+)\s*;\s*category\s*=\s*'([^']*)'\s*;\s*probeHost\s*=\s*'([^']*)'\s*\}/g;

/** The `$EndpointTable = @{ Public = @(...); USGov = @(...) }` lists of the script, in order. */
export function extractEndpointTable(script: string): Record<string, ScriptEndpoint[]> {
  const start = script.indexOf("$EndpointTable = @{");
  if (start < 0) throw new Error("$EndpointTable not found");
  const { end } = scanGroup(script, start + "$EndpointTable = @{".length);
  const body = script.slice(start, end);
  const table: Record<string, ScriptEndpoint[]> = {};
  const section = /(\w+)\s*=\s*@\(/g;
  for (const match of body.matchAll(section)) {
    const open = (match.index ?? 0) + match[0].length;
    const { end: close } = scanGroup(body, open);
    table[match[1]] = [...body.slice(open, close).matchAll(ENDPOINT_ENTRY)].map((m) => ({
      pattern: m[1],
      port: Number(m[2]),
      category: m[3],
      probeHost: m[4],
    }));
  }
  return table;
}

/** Strips optional/nullable/preprocess wrappers. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodPipe) current = current.out;
    else if (current instanceof z.ZodDefault) current = current.unwrap();
    else return current;
  }
}

/** The zod schema at a marker path ("root", "host.os", "host.network.checks[]"), or undefined. */
export function schemaAt(root: z.core.$ZodType, path: string): z.core.$ZodType | undefined {
  let current: z.core.$ZodType = unwrap(root);
  if (path === "root") return current;
  for (const segment of path.split(".")) {
    const isArray = segment.endsWith("[]");
    const key = isArray ? segment.slice(0, -2) : segment;
    if (!(current instanceof z.ZodObject)) return undefined;
    const shape: Record<string, z.core.$ZodType> = current.shape;
    const next = shape[key];
    if (!next) return undefined;
    current = unwrap(next);
    if (isArray) {
      if (!(current instanceof z.ZodArray)) return undefined;
      current = unwrap(current.element);
    }
  }
  return current;
}

/** Keys of the object schema at `path`, or undefined when the path is not an object. */
export function schemaKeysAt(root: z.core.$ZodType, path: string): string[] | undefined {
  const node = schemaAt(root, path);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : undefined;
}

/** Every path in the schema that holds an object ("root", "host", "host.network.checks[]"...). */
export function schemaObjectPaths(root: z.core.$ZodType): string[] {
  const paths: string[] = [];
  const walk = (schema: z.core.$ZodType, path: string) => {
    const node = unwrap(schema);
    if (node instanceof z.ZodArray) {
      walk(node.element, `${path}[]`);
      return;
    }
    if (!(node instanceof z.ZodObject)) return;
    paths.push(path);
    const shape: Record<string, z.core.$ZodType> = node.shape;
    for (const [key, child] of Object.entries(shape)) walk(child, path === "root" ? key : `${path}.${key}`);
  };
  walk(root, "root");
  return paths;
}
