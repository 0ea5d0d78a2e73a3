/**
 * A timestamp as Get-CloudSyncReadiness.ps1 writes it (ConvertTo-IsoUtc: "yyyy-MM-ddTHH:mm:ssZ"), keeping the
 * milliseconds when there are any. Input must be an ISO 8601 date-time; the output is the same instant in UTC.
 */
export function scriptTimestamp(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new RangeError(`not an ISO 8601 date-time: ${iso}`);
  const text = new Date(time).toISOString();
  return text.endsWith(".000Z") ? `${text.slice(0, -5)}Z` : text;
}

/** The same instant in toISOString() form, the form every parser returns. */
export function canonicalTimestamp(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new RangeError(`not an ISO 8601 date-time: ${iso}`);
  return new Date(time).toISOString();
}
