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
    return { ok: true, value: JSON.parse(body) };
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

/** True when the text (ignoring leading blank space and a BOM) starts like a JSON object or array. */
export function looksLikeJson(text: string): boolean {
  const m = /^[\s\ufeff]*([[{])/.exec(text.slice(0, 256));
  return m !== null;
}
