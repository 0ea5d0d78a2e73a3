import { parseFile, type ParseFileResult } from "../parse-file";
import { maxRowsOf } from "../limits";
import type { ParseIssue, ParseOptions, ParseResult, StoredUploadKind, UploadKind } from "../types";
import { entryLabel, hasArchiveExtension } from "./entry-name";
import { looksLikeArchive } from "./sniff";
import type { ArchiveEntry, ContainerKind, OpenedArchive } from "./types";

/** Per-entry provenance: what one file of the archive held (stored as an UploadEntry row when committed). */
export interface EntryOutcome {
  /** Order in the archive, from 1 (skipped folders and metadata not counted). */
  position: number;
  /** The entry's escaped name. */
  name: string;
  sizeBytes: number;
  /** Format id, or "" when the entry was refused before its format was known. */
  format: string;
  kind: string;
  records: number;
  accepted: number;
  rejected: number;
  errors: number;
  warnings: number;
  /** False when the entry has a file-level error (it alone refuses the archive). */
  readable: boolean;
}

export interface ArchiveParse {
  /** False: the archive is refused whole (a guard tripped, or an entry has a file-level error). */
  ok: boolean;
  container: ContainerKind;
  /** The entries' common kind / format, or "mixed". */
  kind: StoredUploadKind;
  format: string;
  /** Every readable entry's records together (no records when !ok). Host records carry their entry as `source`. */
  result: ParseResult;
  entries: EntryOutcome[];
  /** File-level errors first; capped (see IssueList). */
  issues: ParseIssue[];
}

/** Issues kept for one archive: the first MAX of each severity, and a count of the rest. */
const MAX_ISSUES = 1000;

class IssueList {
  private readonly errors: ParseIssue[] = [];
  private readonly warnings: ParseIssue[] = [];
  private droppedErrors = 0;
  private droppedWarnings = 0;

  constructor(private readonly archiveName: string) {}

  add(issue: ParseIssue): void {
    const list = issue.severity === "error" ? this.errors : this.warnings;
    if (list.length < MAX_ISSUES) list.push(issue);
    else if (issue.severity === "error") this.droppedErrors++;
    else this.droppedWarnings++;
  }

  list(): ParseIssue[] {
    const all = [...this.errors, ...this.warnings].sort((a, b) => Number(a.row !== undefined) - Number(b.row !== undefined));
    if (this.droppedErrors + this.droppedWarnings > 0) {
      all.push({
        file: this.archiveName,
        message: `${this.droppedErrors.toLocaleString("en-US")} more errors and ${this.droppedWarnings.toLocaleString("en-US")} more warnings are not listed (the first ${MAX_ISSUES} of each are).`,
        severity: "warning",
      });
    }
    return all;
  }
}

function common(values: ReadonlySet<string>, fallback: string): string {
  if (values.size === 0) return fallback;
  return values.size === 1 ? [...values][0] : "mixed";
}

function emptyResult(kind: UploadKind, format: string): ParseResult {
  return { kind, format, hosts: [], domains: [], acls: [], records: 0, rejected: 0, issues: [] };
}

function describeSkipped(skipped: readonly { name: string; reason: string }[]): string {
  const shown = skipped.slice(0, 10).map((s) => `${s.name} (${s.reason})`);
  const more = skipped.length > shown.length ? `, and ${(skipped.length - shown.length).toLocaleString("en-US")} more` : "";
  return `${skipped.length.toLocaleString("en-US")} ${skipped.length === 1 ? "entry holds" : "entries hold"} no data and ${skipped.length === 1 ? "was" : "were"} skipped: ${shown.join(", ")}${more}.`;
}

/** What reading and parsing one entry gave, before it is combined with the others (plain data: it crosses threads). */
export type EntryParse =
  | { kind: "unreadable"; message: string; fatal: boolean }
  | { kind: "nested"; sizeBytes: number }
  | { kind: "parsed"; sizeBytes: number; parsed: ParseFileResult };

/** Reads one entry and parses it exactly as if it had been uploaded alone (parseFile). */
export function parseEntry(entry: ArchiveEntry, label: string, options: ParseOptions, formatOverride?: string): EntryParse {
  const read = entry.read();
  if (!read.ok) return { kind: "unreadable", message: read.message, fatal: read.fatal };
  const sizeBytes = read.bytes.byteLength;
  if (looksLikeArchive(read.bytes) || hasArchiveExtension(entry.name)) return { kind: "nested", sizeBytes };
  return { kind: "parsed", sizeBytes, parsed: parseFile(read.bytes, label, options, formatOverride) };
}

/**
 * Reads every entry of an opened archive exactly as if it had been uploaded alone (parseFile: decode, detect or the
 * chosen format, parse, validate), then combines them into one result for one commit. The archive is refused whole
 * when a guard trips while inflating, when any entry cannot be read (file-level error: unknown format, binary,
 * nested archive...), when an entry is not of the expected kind, or when two entries hold a single-valued kind
 * (tenant, sync scope). Row errors are counted as for a single file (the caller decides about allowPartial).
 */
export function parseArchive(
  opened: Extract<OpenedArchive, { ok: true }>,
  archiveName: string,
  options: ParseOptions,
  formatOverride?: string,
  expectedKind?: UploadKind,
): ArchiveParse {
  return combineEntries(opened, archiveName, options, expectedKind, (entry, label) => parseEntry(entry, label, options, formatOverride));
}

/**
 * Combines the entries' parses in archive order (parseArchive's second half). `parseOf` gives each entry's parse when
 * asked, in order; after a fatal read error it is not asked for the rest (they are not read).
 */
export function combineEntries(
  opened: Extract<OpenedArchive, { ok: true }>,
  archiveName: string,
  options: ParseOptions,
  expectedKind: UploadKind | undefined,
  parseOf: (entry: ArchiveEntry, label: string, index: number) => EntryParse,
): ArchiveParse {
  const issues = new IssueList(archiveName);
  const entries: EntryOutcome[] = [];
  const kinds = new Set<string>();
  const formats = new Set<string>();
  const producers = new Set<string>();
  let merged: ParseResult | undefined;
  let refused = false;
  const singles: { tenant?: string; scope?: string } = {};
  const refuse = (file: string, message: string) => {
    refused = true;
    issues.add({ file, message, severity: "error" });
  };

  if (opened.skipped.length > 0) issues.add({ file: archiveName, message: describeSkipped(opened.skipped), severity: "warning" });
  if (opened.entries.length === 0) {
    refuse(archiveName, `${archiveName} holds no files to read${opened.skipped.length > 0 ? " (only folders or metadata)" : ""}; nothing was imported.`);
  }

  for (const [index, entry] of opened.entries.entries()) {
    const label = entryLabel(archiveName, entry.name);
    const outcome: EntryOutcome = { position: index + 1, name: entry.name, sizeBytes: 0, format: "", kind: "", records: 0, accepted: 0, rejected: 0, errors: 0, warnings: 0, readable: false };
    entries.push(outcome);
    const entryParse = parseOf(entry, label, index);
    if (entryParse.kind === "unreadable") {
      refuse(label, entryParse.message);
      outcome.errors = 1;
      if (entryParse.fatal) break;
      continue;
    }
    outcome.sizeBytes = entryParse.sizeBytes;
    if (entryParse.kind === "nested") {
      refuse(label, `${label} is itself an archive or a workbook; archives inside archives are not read. Extract it and add its files to the archive, or upload it on its own.`);
      outcome.errors = 1;
      continue;
    }
    const parsed = entryParse.parsed;
    const entryIssues = parsed.ok ? parsed.result.issues : parsed.issues;
    for (const issue of entryIssues) {
      issues.add(issue);
      if (issue.severity === "error") outcome.errors++;
      else outcome.warnings++;
    }
    const result = parsed.ok ? parsed.result : parsed.result;
    if (result) {
      outcome.format = result.format;
      outcome.kind = result.kind;
      outcome.records = result.records;
      outcome.rejected = result.rejected;
      outcome.accepted = result.records - result.rejected;
    }
    if (!parsed.ok) {
      refused = true;
      continue;
    }
    const r = parsed.result;
    if (expectedKind !== undefined && r.kind !== expectedKind) {
      refuse(label, `${label} looks like ${r.kind} data (${r.format}), not ${expectedKind}.`);
      outcome.errors++;
      continue;
    }
    for (const single of ["tenant", "scope"] as const) {
      if (r[single] === undefined) continue;
      const first = singles[single];
      if (first !== undefined) {
        refuse(
          label,
          `${label} is a second ${single === "tenant" ? "tenant" : "sync scope"} export in the archive (the first is ${first}); only one is current at a time. Upload them one by one, newest last.`,
        );
        outcome.errors++;
      } else singles[single] = label;
    }
    outcome.readable = true;
    kinds.add(r.kind);
    formats.add(r.format);
    if (r.producerVersion !== undefined) producers.add(r.producerVersion);
    if (refused) continue; // keep reading for the report, but stop holding records
    if (merged === undefined) merged = emptyResult(r.kind, r.format);
    for (const host of r.hosts) {
      host.source = label;
      merged.hosts.push(host);
    }
    for (const domain of r.domains) merged.domains.push(domain);
    for (const acl of r.acls) merged.acls.push(acl);
    if (r.tenant) merged.tenant = r.tenant;
    if (r.scope) merged.scope = r.scope;
  }

  const records = entries.reduce((sum, e) => sum + e.records, 0);
  const rejected = entries.reduce((sum, e) => sum + e.rejected, 0);
  const maxRows = maxRowsOf(options);
  if (!refused && records > maxRows) {
    refuse(archiveName, `${archiveName} holds ${records.toLocaleString("en-US")} records in all; the limit for one upload is ${maxRows.toLocaleString("en-US")}. Nothing was imported; split it.`);
  }
  const kind = common(kinds, "host-inventory") as StoredUploadKind;
  const format = common(formats, "unknown");
  const base = merged ?? emptyResult("host-inventory", format);
  const result: ParseResult = refused
    ? { ...emptyResult(base.kind, format), records, rejected }
    : { ...base, format, records, rejected, issues: [] };
  if (!refused && producers.size === 1) result.producerVersion = [...producers][0];
  const list = issues.list();
  result.issues = list;
  return { ok: !refused, container: opened.container, kind, format, result, entries, issues: list };
}
