/** What lib/ingest/archive hands to the rest of ingest. Pure types. */

/** The container an upload came in. A workbook is a ZIP too, but is read as one table (lib/ingest/xlsx). */
export type ContainerKind = "zip" | "gzip" | "tar.gz" | "xlsx";

/** Bomb guards (configurable through lib/env.ts, see docs/formats.md "Archives and workbooks"). */
export interface ArchiveLimits {
  /** Files (not counting skipped folders and OS metadata) in one archive. */
  maxEntries: number;
  /** Bytes inflated from the whole archive, counted while inflating. */
  maxTotalBytes: number;
  /** Bytes inflated from one entry, counted while inflating. */
  maxEntryBytes: number;
  /** Inflated / compressed size of one entry (checked once the entry inflates to more than ratioFloorBytes). */
  maxEntryRatio: number;
  /** Inflated bytes of the whole archive / the archive's size (same floor). */
  maxTotalRatio: number;
  /** Below this many inflated bytes, ratios are not checked (tiny files compress oddly and cannot hurt). */
  ratioFloorBytes: number;
}

export type EntryRead = { ok: true; bytes: Uint8Array } | { ok: false; message: string; fatal: boolean };

/** One file inside an archive. Its name is a label: never joined to a path, never written to disk. */
export interface ArchiveEntry {
  /** The entry's name as the archive stores it, control and bidi characters escaped (see entry-name.ts). */
  name: string;
  /** Size of the entry's data in the archive (compressed). */
  compressedSize: number;
  /** Inflates the entry, enforcing the limits while inflating; `fatal` means the whole archive must be refused. */
  read: () => EntryRead;
  /** A ZIP entry's compressed data and header facts: what another thread needs to read it (parallel-parse.ts). */
  zip?: ZipEntrySpec;
}

/** One ZIP entry as its central directory describes it, with a view of its compressed bytes. */
export interface ZipEntrySpec {
  /** 0 Stored, 8 Deflate. */
  method: number;
  /** The inflated size the header declares. */
  declared: number;
  crc: number;
  compressed: Uint8Array;
}

export type OpenedArchive =
  | {
      ok: true;
      container: Exclude<ContainerKind, "xlsx">;
      entries: ArchiveEntry[];
      /** Entries passed over (folders, __MACOSX/, .DS_Store, Thumbs.db, links), with why. */
      skipped: { name: string; reason: string }[];
    }
  | { ok: false; message: string };
