import type { AclFacts, DomainFacts, HostFacts, ScopeFacts, TenantFacts } from "@/lib/facts";

/** What an upload carries. */
export type UploadKind = "host-inventory" | "gmsa-acl" | "domain" | "tenant" | "sync-scope";

/** The kind stored for an upload: an archive whose entries are of several kinds is "mixed" (see lib/ingest/archive). */
export type StoredUploadKind = UploadKind | "mixed";

/** A problem found while reading a file. Errors reject the row (or the whole file when `row` is absent). */
export interface ParseIssue {
  file: string;
  /** 1-based record number as a person would count it in the file (CSV: the line number in the file). */
  row?: number;
  /** Column header or JSON property path. */
  column?: string;
  message: string;
  severity: "error" | "warning";
}

/** Options a user (or API client) may pass with a file. */
export interface ParseOptions {
  /** The gMSA an ACL export is judged for, when the file does not name it. */
  account?: string;
  /** The target DN of an ACL export, when the file does not name it. */
  target?: string;
  /** DNS domain used to qualify short host names. */
  defaultDomain?: string;
  /** Saved CSV header mapping: source header -> canonical field id (see lib/ingest/formats/inventory-csv). */
  columnMapping?: Record<string, string>;
  /** Maximum records accepted before the file is refused. */
  maxRows?: number;
}

export interface ParseInput {
  fileName: string;
  /** Decoded text (see decode.ts): BOM removed, any line endings. */
  text: string;
  options: ParseOptions;
}

/** One host record with where it came from. */
export interface HostRecord {
  row?: number;
  /** The archive entry the record came from ("fleet.zip › reports/WEB01.json"), when the upload was an archive. */
  source?: string;
  facts: HostFacts;
}

export interface ParseResult {
  kind: UploadKind;
  /** Format id, e.g. "collector-json", "systeminfo-csv". */
  format: string;
  /** Version of the producing tool when the file says (collector schema version, PowerShell version...). */
  producerVersion?: string;
  hosts: HostRecord[];
  domains: DomainFacts[];
  acls: AclFacts[];
  tenant?: TenantFacts;
  scope?: ScopeFacts;
  /** Records seen in the file (accepted + rejected). */
  records: number;
  /** Records rejected because of row-level errors. */
  rejected: number;
  issues: ParseIssue[];
  /**
   * ACL exports that do not name their gMSA (and none was given): the accounts ending in `$` (gMSA or computer
   * sAMAccountNames) among the trustees. `account` is set when there is exactly one, which the upload form pre-fills.
   */
  suggestedGmsa?: GmsaSuggestion;
}

export interface GmsaSuggestion {
  /** The only `$` account among the trustees, as the file writes it. */
  account?: string;
  /** Every `$` account among the trustees (at most MAX_LISTED), in file order. */
  candidates: string[];
}

/** A file format the ingest pipeline can detect and parse. Pure: no I/O. */
export interface FormatParser {
  id: string;
  kind: UploadKind;
  /** Shown in the UI, e.g. "systeminfo /fo csv". */
  label: string;
  /** 0 = certainly not this format, 1 = certainly this format. Must be cheap: look at the first few KB. */
  detect: (input: ParseInput) => number;
  parse: (input: ParseInput) => ParseResult;
}
