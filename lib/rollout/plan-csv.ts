import { cell, isRepeatedHeader, readCsvTable } from "@/lib/ingest/csv/csv-table";
import { headerKey } from "@/lib/ingest/csv/read-csv";
import { decodeBytes } from "@/lib/ingest/decode";
import { createIssueSink } from "@/lib/ingest/issues";
import { MAX_LISTED } from "@/lib/ingest/limits";
import { displayValue, listNames } from "@/lib/ingest/text/display";
import type { ParseIssue } from "@/lib/ingest/types";
import { isoDateSchema, ROLLOUT_STATUS_LABELS, ROLLOUT_STATUSES, type RolloutStatus } from "./status";
import { plural } from "@/lib/text/plural";

/**
 * The rollout plan CSV (pure: no database): `server, wave, owner, targetDate, status, note`.
 *
 * - Headers are matched case-insensitively, ignoring spaces and punctuation, with a few aliases (PLAN_COLUMNS).
 *   Only `server` is required; a file may carry just the columns it means to change.
 * - Comma, semicolon or tab delimited (sniffed from the header, or Excel's `sep=` line); UTF-8 / UTF-16 with or
 *   without BOM, CRLF or LF (lib/ingest/decode.ts and lib/ingest/csv/read-csv.ts, as every other upload).
 * - An EMPTY cell leaves that field as it is. The literal "-" clears it: owner, targetDate and note become empty,
 *   and "-" in `wave` takes the server out of its wave. `status` cannot be cleared ("-" is an error; use "not-started").
 * - Text is kept verbatim (trimmed): a note that looks like a formula ("=SUM(A1)") is stored as text; whatever shows
 *   it escapes it, and exports that write CSV guard formulas themselves.
 * - Row numbers are the file line where the record starts (header = line 1), as in every upload's issues.
 */

export const PLAN_MAX_BYTES = 10 * 1024 * 1024;
export const PLAN_MAX_ROWS = 60_000;
export const PLAN_LIMITS = { server: 255, wave: 120, owner: 200, note: 2_000 } as const;

export type PlanField = "server" | "wave" | "owner" | "targetDate" | "status" | "note";

/** Header aliases per field, as headerKey() normalises them (lower-case letters and digits only). */
export const PLAN_COLUMNS: Readonly<Record<PlanField, readonly string[]>> = {
  server: ["server", "servername", "name", "fqdn", "computername", "computer", "host", "hostname", "dnshostname"],
  wave: ["wave", "wavename"],
  owner: ["owner", "rolloutowner"],
  targetDate: ["targetdate", "target", "date", "due", "duedate"],
  status: ["status", "rolloutstatus"],
  note: ["note", "notes", "comment", "comments"],
};

/** One data row: absent fields are left as they are, null clears (see the module comment). */
export interface PlanRow {
  /** File line where the record starts. */
  row: number;
  server: string;
  wave?: string | null;
  owner?: string | null;
  targetDate?: string | null;
  status?: RolloutStatus;
  note?: string | null;
}

export interface PlanParseResult {
  rows: PlanRow[];
  /** Data records read (repeated header lines excluded), valid or not. */
  records: number;
  /** The header as written in the file for each field found (issues name the column the way the file does). */
  columns: Partial<Record<PlanField, string>>;
  issues: ParseIssue[];
}

const CLEAR = "-";

const STATUS_BY_KEY: ReadonlyMap<string, RolloutStatus> = new Map(
  ROLLOUT_STATUSES.flatMap((status) => [
    [headerKey(status), status],
    [headerKey(ROLLOUT_STATUS_LABELS[status]), status],
  ]),
);

/** "In progress", "in-progress", "IN_PROGRESS", "not started" → the status id; undefined when it is not one. */
export function parsePlanStatus(value: string): RolloutStatus | undefined {
  return STATUS_BY_KEY.get(headerKey(value));
}

const FIELD_BY_ALIAS: ReadonlyMap<string, PlanField> = new Map(
  (Object.entries(PLAN_COLUMNS) as [PlanField, readonly string[]][]).flatMap(([field, aliases]) => aliases.map((alias) => [alias, field] as const)),
);

/** The lower-case identity used to spot the same server twice in one file (FQDN trailing dot ignored). */
export function planServerKey(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

/** Parses a plan CSV from the uploaded bytes (or already decoded text). Never throws. */
export function parsePlanCsv(fileName: string, input: Uint8Array | string): PlanParseResult {
  const sink = createIssueSink(fileName);
  const result: PlanParseResult = { rows: [], records: 0, columns: {}, issues: [] };
  const finish = (): PlanParseResult => {
    result.issues = sink.list();
    if (sink.hasFileError()) result.rows = [];
    return result;
  };

  let text: string;
  if (typeof input === "string") text = input;
  else {
    if (input.length > PLAN_MAX_BYTES) {
      sink.error(`The file is ${(input.length / 1024 / 1024).toFixed(1)} MB; a plan may be at most ${PLAN_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
      return finish();
    }
    const decoded = decodeBytes(input);
    if (!decoded.ok) {
      sink.error(decoded.message);
      return finish();
    }
    for (const warning of decoded.warnings) sink.warning(warning);
    text = decoded.text;
  }

  const table = readCsvTable(text, sink, PLAN_MAX_ROWS);
  if (table === undefined) return finish();

  const headers = table.header.fields.map((h) => h.trim());
  const index: Partial<Record<PlanField, number>> = {};
  const unused: string[] = [];
  let duplicates = 0;
  headers.forEach((header, i) => {
    const field = FIELD_BY_ALIAS.get(headerKey(header));
    if (field === undefined) {
      if (header !== "") unused.push(header);
      return;
    }
    const earlier = result.columns[field];
    if (earlier !== undefined) {
      if (++duplicates > MAX_LISTED) return;
      sink.error(`The columns ${displayValue(earlier, 40)} and ${displayValue(header, 40)} both hold the ${field}; keep one of them.`, { column: header });
      return;
    }
    result.columns[field] = header;
    index[field] = i;
  });
  if (duplicates > MAX_LISTED) {
    sink.error(`${(duplicates - MAX_LISTED).toLocaleString("en-US")} more columns repeat a field named above; keep one column per field.`);
  }
  if (index.server === undefined) {
    sink.error(
      `The file has no "server" column (headers found: ${listNames(headers)}). ` +
        `Name the column that holds the server names "server" (FQDN or NetBIOS name); the other columns are wave, owner, targetDate, status and note.`,
      { column: "server" },
    );
  }
  if (sink.hasFileError()) return finish();
  if (unused.length > 0) {
    sink.warning(`These columns are not used: ${listNames(unused)}. A plan has the columns server, wave, owner, targetDate, status and note.`);
  }

  const columnOf = (field: PlanField) => result.columns[field] ?? field;
  const headerCount = table.header.fields.length;
  const seen = new Map<string, number>();

  for (const record of table.rows) {
    if (isRepeatedHeader(record, table.header)) continue;
    result.records++;
    const at = (field: PlanField) => ({ row: record.line, column: columnOf(field) });
    if (record.fields.length > headerCount) {
      sink.warning(
        `This row has ${record.fields.length} values but the header has ${plural(headerCount, "column")}; the extra values were ignored. A value containing the delimiter may be missing its quotes.`,
        { row: record.line },
      );
    }
    let ok = true;
    const bad = (field: PlanField, message: string) => {
      ok = false;
      sink.error(message, at(field));
    };
    const value = (field: PlanField): string | undefined => {
      const i = index[field];
      return i === undefined ? undefined : cell(record, i);
    };

    const server = value("server") ?? "";
    if (server === "") bad("server", "The server is empty; every row names one server (FQDN or NetBIOS name).");
    else if (server.length > PLAN_LIMITS.server) bad("server", `The server name is ${server.length} characters long; at most ${PLAN_LIMITS.server}.`);
    else {
      const key = planServerKey(server);
      const first = seen.get(key);
      if (first !== undefined) bad("server", `${displayValue(server)} is already planned on row ${first}; a server may appear once per plan.`);
      else seen.set(key, record.line);
    }

    const row: PlanRow = { row: record.line, server };

    const text = (field: "wave" | "owner" | "note", label: string) => {
      const raw = value(field);
      if (raw === undefined || raw === "") return;
      if (raw === CLEAR) {
        row[field] = null;
        return;
      }
      const max = PLAN_LIMITS[field];
      if (raw.length > max) bad(field, `The ${label} is ${raw.length.toLocaleString("en-US")} characters long; at most ${max.toLocaleString("en-US")}.`);
      else row[field] = raw;
    };
    text("wave", "wave name");
    text("owner", "owner");
    text("note", "note");

    const date = value("targetDate");
    if (date !== undefined && date !== "") {
      if (date === CLEAR) row.targetDate = null;
      else {
        const parsed = isoDateSchema.safeParse(date);
        if (parsed.success) row.targetDate = parsed.data;
        else if (/^\d{4}-\d{2}-\d{2}$/.test(date)) bad("targetDate", `${displayValue(date)} is not a date that exists.`);
        else bad("targetDate", `${displayValue(date)} is not a date as YYYY-MM-DD (for example 2027-03-31); other formats such as 31/3/2027 are not accepted because they are ambiguous.`);
      }
    }

    const status = value("status");
    if (status !== undefined && status !== "") {
      const parsed = status === CLEAR ? undefined : parsePlanStatus(status);
      if (parsed !== undefined) row.status = parsed;
      else if (status === CLEAR) bad("status", `A status cannot be cleared; use one of: ${ROLLOUT_STATUSES.join(", ")}.`);
      else bad("status", `${displayValue(status)} is not a rollout status; use one of: ${ROLLOUT_STATUSES.join(", ")}.`);
    }

    if (ok) result.rows.push(row);
  }
  return finish();
}
