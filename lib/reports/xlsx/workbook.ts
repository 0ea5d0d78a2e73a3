import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { ExportColumn } from "../csv/tables";

// The Excel export (decision 008): exceljs's streaming WorkbookWriter writes each row into the zip as it is
// committed, so memory stays flat however many rows there are. Cells keep their types (numbers, booleans, dates);
// text is written as text (an inline string, never a formula), so uploaded text starting with "=" stays inert.
// Each sheet has its header row frozen and an autofilter over the written range.

/** Excel's hard limit per sheet, header included. */
export const XLSX_MAX_ROWS = 1_048_576;

export interface SheetSpec<T> {
  name: string;
  columns: readonly ExportColumn<T>[];
  batches: () => AsyncIterable<T[]>;
}

/** Between batches: let other requests run, and wait while the client has not read what was written. */
type Breathe = () => Promise<void>;

async function writeSheet<T>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec<T>, breathe: Breathe): Promise<number> {
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = spec.columns.map((column, index) => ({ key: String(index), width: column.width }));
  const header = sheet.addRow(spec.columns.map((column) => column.header));
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  for await (const batch of spec.batches()) {
    for (const item of batch) {
      const row = sheet.addRow(spec.columns.map((column) => column.value(item) ?? null));
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = "yyyy-mm-dd hh:mm";
      });
      row.commit();
      rows += 1;
      if (rows % 1_000 === 0) await breathe();
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: spec.columns.length } };
  sheet.commit();
  return rows;
}

/** A sheet ready to write (its row type erased, so sheets of different rows go in one list). */
export interface Sheet {
  write: (workbook: ExcelJS.stream.xlsx.WorkbookWriter, breathe: Breathe) => Promise<number>;
}

export function sheet<T>(spec: SheetSpec<T>): Sheet {
  return { write: (workbook, breathe) => writeSheet(workbook, spec, breathe) };
}

/** A workbook with the given sheets, as a byte stream; `onDone` gets the row count of each sheet. */
export function xlsxStream(sheets: readonly Sheet[], onDone?: (rows: number[]) => void, onError?: (error: unknown) => void): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "Cloud Sync Readiness";
  // The database reads resolve without touching the event loop; without this the whole workbook would be written
  // in one turn, holding up every other request (and buffering the file when the client reads slowly).
  const breathe: Breathe = async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (output.writableNeedDrain) await once(output, "drain");
  };
  void (async () => {
    try {
      const counts: number[] = [];
      for (const entry of sheets) counts.push(await entry.write(workbook, breathe));
      await workbook.commit();
      onDone?.(counts);
    } catch (error) {
      onError?.(error);
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
