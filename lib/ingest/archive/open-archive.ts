import { listZip } from "./read-zip";
import { openGzip } from "./read-gzip";
import { sniffContainer } from "./sniff";
import type { ArchiveLimits, OpenedArchive } from "./types";

/** Files whose presence makes a ZIP an Office Open XML workbook rather than an archive of exports. */
export function isWorkbookListing(rawNames: readonly string[]): boolean {
  const names = new Set(rawNames.map((n) => n.toLowerCase()));
  return names.has("[content_types].xml") && (names.has("xl/workbook.xml") || names.has("xl/workbook.bin"));
}

/**
 * Opens a ZIP or gzip upload (sniffed by magic bytes, never by name) for reading entry by entry, entirely in memory.
 * undefined when the bytes are neither (a plain file). A workbook (.xlsx) is refused here: lib/ingest/xlsx reads it.
 */
export function openArchive(bytes: Uint8Array, archiveName: string, limits: ArchiveLimits): OpenedArchive | undefined {
  const container = sniffContainer(bytes);
  if (container === undefined) return undefined;
  if (container === "gzip") return openGzip(bytes, archiveName, limits);
  const listing = listZip(bytes, archiveName, limits);
  if (!listing.ok) return listing;
  if (isWorkbookListing(listing.files.map((f) => f.raw))) {
    return { ok: false, message: `${archiveName} is an Excel workbook, not an archive of exports; it is read as a workbook by the upload page and POST /api/uploads.` };
  }
  return { ok: true, container: "zip", entries: listing.files.map((f) => f.entry), skipped: listing.skipped };
}
