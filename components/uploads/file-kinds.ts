/** What the upload panel can tell from a file's name before sending it (the server decides by the bytes). Pure. */

const ARCHIVE = /\.(zip|gz|tgz)$/i;
const WORKBOOK = /\.(xlsx|xlsm)$/i;

/** The file input's accept list: text exports, archives of them, Excel workbooks. */
export const UPLOAD_ACCEPT = ".json,.csv,.txt,.tsv,.zip,.gz,.tgz,.xlsx,.xlsm,application/json,text/csv,text/plain,application/zip,application/gzip";

export function isArchiveName(name: string): boolean {
  return ARCHIVE.test(name);
}

export function isWorkbookName(name: string): boolean {
  return WORKBOOK.test(name);
}

/** Plain files have the upload limit; archives and workbooks their own (they are inflated under guards). */
export function sizeLimitFor(name: string, limits: { plain: number; archive: number }): number {
  return isArchiveName(name) || isWorkbookName(name) ? limits.archive : limits.plain;
}
