/**
 * Archives of exports (.zip, .gz, .tar.gz / .tgz): read entry by entry in memory, every entry parsed as if uploaded
 * alone, bomb guards enforced while inflating. Entry names are labels only: nothing here touches the disk.
 */
export { DEFAULT_ARCHIVE_LIMITS } from "./limits";
export { entryLabel, escapeEntryName } from "./entry-name";
export { isWorkbookListing, openArchive } from "./open-archive";
export { listZip } from "./read-zip";
export { parseArchive, type ArchiveParse, type EntryOutcome } from "./parse-archive";
export { parseArchiveInParallel, PARALLEL_MIN_ENTRIES } from "./parallel-parse";
export { sniffContainer } from "./sniff";
export type { ArchiveEntry, ArchiveLimits, ContainerKind, OpenedArchive } from "./types";
