import { gunzipSync } from "node:zlib";
import { parseTar } from "nanotar";
import { formatSize, InflateBudget } from "./budget";
import { entryLabel, escapeEntryName, skipReason } from "./entry-name";
import { isTar } from "./sniff";
import type { ArchiveEntry, ArchiveLimits, OpenedArchive } from "./types";

/**
 * gzip with Node's zlib, in memory: the output is capped *while inflating* (maxOutputLength) at the archive's total
 * limit or its total ratio, whichever is smaller. What comes out is a tar stream (ustar magic at offset 257: the
 * members are the entries, listed by nanotar, decision 013) or one file (`inventory.csv.gz` is `inventory.csv`).
 */

function innerName(archiveName: string): string {
  const stripped = archiveName.replace(/\.gz$/i, "");
  return stripped !== archiveName && stripped !== "" ? stripped : `${archiveName} (inflated)`;
}

const TAR_SKIPS: Readonly<Record<string, string>> = {
  directory: "folder",
  gnuDirectory: "folder",
  symbolicLink: "link (not followed)",
  hardLink: "link (not followed)",
  characterDevice: "device file",
  blockDevice: "device file",
  fifo: "named pipe",
  gnuSparseFile: "sparse file (not supported)",
  gnuMultiVolume: "multi-volume part (not supported)",
  solarisVolumeLabel: "volume label",
  gnuInodeMetadata: "metadata",
  solarisAcl: "metadata",
};

export function openGzip(bytes: Uint8Array, archiveName: string, limits: ArchiveLimits): OpenedArchive {
  const cap = Math.min(limits.maxTotalBytes, Math.max(limits.ratioFloorBytes, bytes.byteLength * limits.maxTotalRatio));
  let inflated: Buffer;
  try {
    inflated = gunzipSync(bytes, { maxOutputLength: Math.max(1, Math.floor(cap)) + 1 });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof RangeError || code === "ERR_BUFFER_TOO_LARGE") {
      return {
        ok: false,
        message:
          `${archiveName} inflates to more than ${formatSize(cap)} (the limit for one archive is the smaller of ` +
          `${formatSize(limits.maxTotalBytes)} and ${limits.maxTotalRatio} times its size: an archive bomb?); nothing was imported.`,
      };
    }
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${archiveName} is not a readable gzip file (${text.slice(0, 200)}). Compress it again and upload it again.` };
  }
  if (inflated.byteLength > cap) {
    return { ok: false, message: `${archiveName} inflates to more than ${formatSize(cap)} (an archive bomb?); nothing was imported.` };
  }
  const budget = new InflateBudget(limits, archiveName, bytes.byteLength);
  if (!isTar(inflated)) {
    const name = escapeEntryName(innerName(archiveName));
    const label = entryLabel(archiveName, name);
    const entry: ArchiveEntry = {
      name,
      compressedSize: bytes.byteLength,
      read: () => {
        const problem = budget.add(label, inflated.byteLength, bytes.byteLength);
        return problem ? { ok: false, message: problem, fatal: true } : { ok: true, bytes: inflated };
      },
    };
    return { ok: true, container: "gzip", entries: [entry], skipped: [] };
  }
  return openTar(inflated, archiveName, limits, budget);
}

function openTar(tar: Buffer, archiveName: string, limits: ArchiveLimits, budget: InflateBudget): OpenedArchive {
  // nanotar reads `data.buffer` from offset 0: hand it a buffer of its own.
  const own = tar.byteOffset === 0 && tar.byteLength === tar.buffer.byteLength ? tar.buffer : tar.buffer.slice(tar.byteOffset, tar.byteOffset + tar.byteLength);
  let members: ReturnType<typeof parseTar>;
  try {
    members = parseTar(own as ArrayBuffer);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${archiveName} holds a damaged tar archive (${text.slice(0, 200)}). Create it again and upload it again.` };
  }
  const entries: ArchiveEntry[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const member of members) {
    const name = escapeEntryName(member.name);
    const type = String(member.type);
    const skip = type === "file" || type === "contiguousFile" ? skipReason(member.name) : (TAR_SKIPS[type] ?? `entry of type ${escapeEntryName(type)}`);
    if (skip !== undefined) {
      skipped.push({ name, reason: skip });
      continue;
    }
    const label = entryLabel(archiveName, name);
    const data = ("data" in member ? member.data : undefined) ?? new Uint8Array();
    entries.push({
      name,
      compressedSize: data.byteLength,
      read: () => {
        // tar members are not compressed one by one: the ratio is checked on the whole archive (openGzip's cap).
        const problem = budget.add(label, data.byteLength, data.byteLength);
        return problem ? { ok: false, message: problem, fatal: true } : { ok: true, bytes: data };
      },
    });
  }
  if (entries.length > limits.maxEntries) {
    return {
      ok: false,
      message: `${archiveName} holds ${entries.length.toLocaleString("en-US")} files; the limit is ${limits.maxEntries.toLocaleString("en-US")} per archive. Nothing was imported; split it.`,
    };
  }
  return { ok: true, container: "tar.gz", entries, skipped };
}
