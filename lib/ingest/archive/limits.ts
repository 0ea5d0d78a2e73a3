import type { ArchiveLimits } from "./types";

const MB = 1024 * 1024;

/**
 * Defaults of the archive guards (lib/env.ts ARCHIVE_* override them). Sized for the fleet case: 50,000 collector
 * reports as written by the script (indented JSON, ≈ 8 KB each: ≈ 390 MB inflated, ≈ 90 MB zipped, ratio ≈ 4.3).
 * Text exports compress 3-20 times; deflate bombs reach ≈ 1,000.
 */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 60_000,
  maxTotalBytes: 1024 * MB,
  maxEntryBytes: 64 * MB,
  maxEntryRatio: 200,
  maxTotalRatio: 100,
  ratioFloorBytes: 1 * MB,
};
