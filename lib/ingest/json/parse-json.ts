import { lineColumnAt } from "../text/lines";

export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line: number; column: number };

/**
 * JSON.parse with an error an administrator can act on: the line and column where parsing stopped, and
 * whether the file looks cut off (ConvertTo-Json output truncated by a copy/paste or a full disk).
 */
export function parseJson(text: string): JsonParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    const value: unknown = JSON.parse(body);
    const problem = structureProblem(value);
    return problem ? structureRefusal(body, problem) : { ok: true, value };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const match = /at position (\d+)/.exec(raw);
    const trimmedLength = body.trimEnd().length;
    const position = match ? Number(match[1]) : trimmedLength;
    const { line, column } = lineColumnAt(body, position);
    const detail = raw
      .replace(/\s*\(line \d+ column \d+\)/, "")
      .replace(/\s*in JSON at position \d+/, "")
      .replace(/^SyntaxError:\s*/, "");
    const truncated = position >= trimmedLength || /Unexpected end of JSON input/i.test(raw);
    const message = truncated
      ? `The JSON ends too early at line ${line}, column ${column}: the file looks truncated (${detail}). Export it again and upload the complete file.`
      : `The JSON is malformed at line ${line}, column ${column}: ${detail}.`;
    return { ok: false, message, line, column };
  }
}

/** Deepest nesting of arrays and objects accepted (the collector writes `ConvertTo-Json -Depth 8`; no supported export nests past 20). */
export const JSON_MAX_DEPTH = 100;
/** Longest string (value or key) accepted, in characters: the longest value of any supported export is an SDDL of a few KB. */
export const JSON_MAX_STRING_CHARS = 1024 * 1024;

type StructureProblem = { kind: "depth" } | { kind: "string"; length: number };

/**
 * JSON bombs (issue 12): nesting deeper than JSON_MAX_DEPTH or a string longer than JSON_MAX_STRING_CHARS. Walks the
 * parsed value without recursion (a parser's own recursion on a 100,000-level value would overflow the stack).
 */
function structureProblem(root: unknown): StructureProblem | null {
  if (root === null || typeof root !== "object") return typeof root === "string" && root.length > JSON_MAX_STRING_CHARS ? { kind: "string", length: root.length } : null;
  const values: unknown[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (depth > JSON_MAX_DEPTH) return { kind: "depth" };
    const items = Array.isArray(value) ? value : Object.values(value as object);
    if (!Array.isArray(value)) {
      for (const key in value as object) if (key.length > JSON_MAX_STRING_CHARS) return { kind: "string", length: key.length };
    }
    for (const item of items) {
      if (typeof item === "string") {
        if (item.length > JSON_MAX_STRING_CHARS) return { kind: "string", length: item.length };
      } else if (item !== null && typeof item === "object") {
        values.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return null;
}

/** Where in the text the problem is (a scan of the text, only on this rare path): the first bracket past the depth, or the first over-long string. */
function structureOffset(text: string, problem: StructureProblem): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
      if (problem.kind === "string" && i - start - 1 > JSON_MAX_STRING_CHARS) return start;
    } else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (problem.kind === "depth" && depth > JSON_MAX_DEPTH) return i;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return 0;
}

function structureRefusal(text: string, problem: StructureProblem): JsonParseResult {
  const { line, column } = lineColumnAt(text, structureOffset(text, problem));
  const message =
    problem.kind === "depth"
      ? `The JSON nests deeper than ${JSON_MAX_DEPTH} levels at line ${line}, column ${column}; no supported export nests that deep. Nothing was imported.`
      : `The JSON holds a text of ${problem.length.toLocaleString("en-US")} characters at line ${line}, column ${column}; the limit is ${JSON_MAX_STRING_CHARS.toLocaleString("en-US")} per value and no supported export comes near it. Nothing was imported.`;
  return { ok: false, message, line, column };
}

/** True when the text (ignoring leading blank space and a BOM) starts like a JSON object or array. */
export function looksLikeJson(text: string): boolean {
  const m = /^[\s\ufeff]*([[{])/.exec(text.slice(0, 256));
  return m !== null;
}
