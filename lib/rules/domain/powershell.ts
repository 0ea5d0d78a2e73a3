/**
 * Safe embedding of fact values into generated PowerShell. Fact values come from uploads, so they are data,
 * never code: strings go into single-quoted literals (PowerShell also treats the typographic quotes U+2018-U+201B
 * as single quotes, so those are doubled too) and comments lose line breaks.
 */
export function psSingleQuoted(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, "$&$&")}'`;
}

/** Text for a `#` comment: control characters (including CR/LF) and `#>` removed. */
export function psCommentText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, " ").replace(/#>/g, "# >");
}
