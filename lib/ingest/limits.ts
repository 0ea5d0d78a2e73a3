/** Limits applied to every uploaded file. */

/** Records accepted per file before the whole file is refused (ParseOptions.maxRows overrides). */
export const DEFAULT_MAX_ROWS = 200_000;

/** Longest accepted host FQDN (DNS allows 253 visible characters; a little slack for trailing dots). */
export const MAX_FQDN_LENGTH = 255;

/** Longest accepted DNS label (RFC 1035). */
export const MAX_DNS_LABEL_LENGTH = 63;

/** Longest free-text value (owner, site, tag, OS caption, principal...) kept from a file. */
export const MAX_TEXT_LENGTH = 1024;

/** Longest distinguished name kept from a file. */
export const MAX_DN_LENGTH = 2048;

/** Issues stored per file; the rest are counted in one summary warning. */
export const MAX_ISSUES_PER_FILE = 1000;

/**
 * Columns read from one row of a table (CSV, systeminfo CSV, a workbook's sheet, the rollout plan). No export of
 * servers, ACL entries or sync scopes comes near it; a wider row is a wrong delimiter or a crafted file, and is refused
 * before any per-column work (a 1,000,000-column header once came back as a 26 MB response).
 */
export const MAX_COLUMNS = 1000;

/** Items of a list quoted in one issue message (headers, columns, mapping entries...); the rest are counted. */
export const MAX_LISTED = 10;

/** How much of the text `detect` functions look at. */
export const DETECT_WINDOW = 8192;

export function maxRowsOf(options: { maxRows?: number }): number {
  const value = options.maxRows;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX_ROWS;
}
