/**
 * RFC 4180 CSV text as Export-Csv writes it: every field in double quotes (Windows PowerShell 5.1 quotes all
 * fields), quotes doubled, CRLF line endings. Pure.
 */

export function csvField(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}

/** Header line, then one line per row. */
export function csvText(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const parts = [csvLine(header)];
  for (const row of rows) parts.push(csvLine(row));
  return parts.join("");
}
