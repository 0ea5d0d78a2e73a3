import type { ArchiveLimits } from "./types";

const MB = 1024 * 1024;

/** 1536 -> "2 KB", 5.2 MB -> "5.2 MB", 300 MB -> "300 MB". */
export function formatSize(bytes: number): string {
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  return bytes >= 10 * MB ? `${Math.round(bytes / MB)} MB` : `${(bytes / MB).toFixed(1)} MB`;
}

const mb = formatSize;

/**
 * Running totals of one archive's inflation: every entry's actual inflated size (never the size its header declares)
 * is checked against the per-entry and whole-archive limits. Messages name the archive and the entry.
 */
export class InflateBudget {
  private total = 0;

  constructor(
    private readonly limits: ArchiveLimits,
    private readonly archiveName: string,
    private readonly archiveBytes: number,
  ) {}

  get inflated(): number {
    return this.total;
  }

  /** Before inflating: what the entry's header declares (a cheap early refusal; the real size is checked after). */
  checkDeclared(entry: string, declaredSize: number, compressedSize: number): string | undefined {
    if (!Number.isFinite(declaredSize) || declaredSize < 0) return `${entry} declares an impossible size; the archive looks damaged or crafted.`;
    return this.checkEntry(entry, declaredSize, compressedSize, "declares");
  }

  /** After inflating: the actual size. Adds it to the archive's total. */
  add(entry: string, size: number, compressedSize: number): string | undefined {
    const problem = this.checkEntry(entry, size, compressedSize, "inflates to");
    if (problem) return problem;
    this.total += size;
    const l = this.limits;
    if (this.total > l.maxTotalBytes) {
      return `${this.archiveName} inflates to more than ${mb(l.maxTotalBytes)} (the limit for the files inside one archive); nothing was imported. Split it into smaller archives.`;
    }
    if (this.total > l.ratioFloorBytes && this.total / Math.max(this.archiveBytes, 1) > l.maxTotalRatio) {
      return `${this.archiveName} inflates to more than ${l.maxTotalRatio} times its size (an archive bomb?); nothing was imported.`;
    }
    return undefined;
  }

  private checkEntry(entry: string, size: number, compressedSize: number, verb: string): string | undefined {
    const l = this.limits;
    if (size > l.maxEntryBytes) {
      return `${entry} ${verb} ${mb(size)}, more than the ${mb(l.maxEntryBytes)} allowed for one file inside an archive; nothing was imported.`;
    }
    if (size > l.ratioFloorBytes && size / Math.max(compressedSize, 1) > l.maxEntryRatio) {
      return `${entry} ${verb} ${Math.round(size / Math.max(compressedSize, 1))} times its compressed size (the limit is ${l.maxEntryRatio}: an archive bomb?); nothing was imported.`;
    }
    return undefined;
  }
}
