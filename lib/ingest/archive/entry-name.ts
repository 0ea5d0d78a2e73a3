/**
 * Entry names are untrusted text from the archive. They are only ever shown (escaped here) and compared; nothing
 * in lib/ingest joins them to a path or opens them.
 */

const MAX_NAME_LENGTH = 300;

/** C0/C1 controls, DEL, and the bidi controls that can make a name read backwards (U+202A-U+202E, U+2066-U+2069). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** "a\u0000b" -> "a\\x00b", "\u202e" -> "\\u202e"; long names are cut with "…". */
export function escapeEntryName(raw: string): string {
  const escaped = raw.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
  const name = escaped === "" ? "(unnamed entry)" : escaped;
  return name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH - 1)}…` : name;
}

/** "fleet.zip › reports/WEB01.cloudsync-readiness.json": how issues and provenance name an entry. */
export function entryLabel(archiveName: string, entryName: string): string {
  return `${archiveName} › ${entryName}`;
}

/** The last path segment, with / or \ as separators. */
function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] ?? name;
}

/** Why an entry holds no data to read (a folder, OS metadata), or undefined for a real file. */
export function skipReason(name: string): string | undefined {
  if (name.endsWith("/") || name.endsWith("\\")) return "folder";
  if (/(^|[\\/])__MACOSX([\\/]|$)/.test(name)) return "macOS metadata";
  const base = baseName(name).toLowerCase();
  if (base === ".ds_store" || base.startsWith("._")) return "macOS metadata";
  if (base === "thumbs.db" || base === "desktop.ini" || base === "ehthumbs.db") return "Windows metadata";
  return undefined;
}

/** Names of files that are themselves archives or workbooks (not read inside an archive: see nested.ts). */
const NESTED_EXTENSIONS = [".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".xz", ".bz2", ".zst", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".cab"];

export function hasArchiveExtension(name: string): boolean {
  const lower = baseName(name).toLowerCase();
  return NESTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
