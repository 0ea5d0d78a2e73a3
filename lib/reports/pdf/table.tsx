import { Text, View } from "@react-pdf/renderer";
import type { ReactElement } from "react";
import type { Verdict } from "@/lib/readiness";
import type { ReportMeta } from "./meta";
import { ReportPage } from "./page";
import { COLORS, CONTENT_HEIGHT, CONTENT_WIDTH, styles } from "./theme";
import { breakable, charsThatFit, chunkRows, truncate, truncateToWidth } from "./text";
import { VERDICT_COLORS, isVerdict } from "./verdict";

export interface TableColumn {
  header: string;
  /** Relative width (the columns share the content width in proportion). */
  weight: number;
  align?: "left" | "right";
}

/** A cell: plain text, or text with a verdict mark, a colour or bold weight. Always one line (truncated). */
export type TableCell = string | { text: string; verdict?: Verdict | string; color?: string; bold?: boolean };

export const TABLE_FONT_SIZE = 8.5;
export const ROW_HEIGHT = 14;
const HEADER_HEIGHT = 18;
const PADDING_X = 4;

function widths(columns: readonly TableColumn[], total = CONTENT_WIDTH): number[] {
  const sum = columns.reduce((acc, column) => acc + column.weight, 0);
  return columns.map((column) => (column.weight / sum) * total);
}

function HeaderRow({ columns, cellWidths }: { columns: readonly TableColumn[]; cellWidths: number[] }) {
  return (
    <View style={{ flexDirection: "row", height: HEADER_HEIGHT, alignItems: "center", borderBottomWidth: 1, borderBottomColor: COLORS.brandDark }}>
      {columns.map((column, index) => (
        <Text
          key={column.header}
          style={[styles.tableText, { width: cellWidths[index], paddingHorizontal: PADDING_X, fontWeight: "bold", color: COLORS.brandDark, textAlign: column.align ?? "left" }]}
        >
          {truncate(column.header, charsThatFit(cellWidths[index] - 2 * PADDING_X, TABLE_FONT_SIZE))}
        </Text>
      ))}
    </View>
  );
}

function Cell({ cell, width, align, wrapText }: { cell: TableCell; width: number; align: "left" | "right"; wrapText: boolean }) {
  const inner = width - 2 * PADDING_X;
  const fit = (text: string, room = inner) => (wrapText ? breakable(truncate(text, 2_000)) : truncateToWidth(text, room, TABLE_FONT_SIZE));
  if (typeof cell === "string") {
    return <Text style={[styles.tableText, { width, paddingHorizontal: PADDING_X, textAlign: align }]}>{fit(cell)}</Text>;
  }
  const verdictColor = cell.verdict && isVerdict(cell.verdict) ? VERDICT_COLORS[cell.verdict] : undefined;
  const color = cell.color ?? verdictColor ?? COLORS.text;
  if (verdictColor) {
    return (
      <View style={{ width, paddingHorizontal: PADDING_X, flexDirection: "row", alignItems: "center" }}>
        <View style={{ width: 6, height: 6, backgroundColor: verdictColor, marginRight: 3 }} />
        <Text style={[styles.tableText, { color, fontWeight: "bold" }]}>{fit(cell.text, inner - 12)}</Text>
      </View>
    );
  }
  return (
    <Text style={[styles.tableText, { width, paddingHorizontal: PADDING_X, textAlign: align, color, fontWeight: cell.bold ? "bold" : "normal" }]}>
      {fit(cell.text)}
    </Text>
  );
}

function Rows({ columns, rows, cellWidths, offset, wrapText = false }: { columns: readonly TableColumn[]; rows: readonly TableCell[][]; cellWidths: number[]; offset: number; wrapText?: boolean }) {
  return (
    <>
      {rows.map((row, rowIndex) => (
        <View
          key={offset + rowIndex}
          style={
            wrapText
              ? { flexDirection: "row", minHeight: ROW_HEIGHT, paddingVertical: 2, alignItems: "flex-start", backgroundColor: (offset + rowIndex) % 2 === 1 ? COLORS.zebra : undefined }
              : { flexDirection: "row", height: ROW_HEIGHT, alignItems: "center", backgroundColor: (offset + rowIndex) % 2 === 1 ? COLORS.zebra : undefined }
          }
          wrap={false}
        >
          {columns.map((column, index) => (
            <Cell key={column.header} cell={row[index] ?? ""} width={cellWidths[index]} align={column.align ?? "left"} wrapText={wrapText} />
          ))}
        </View>
      ))}
    </>
  );
}

/**
 * A short table inside a flowing page (up to a few hundred rows; a row never splits across pages, the header
 * is drawn once). `wrapText`: cells wrap onto more lines instead of being truncated (evidence, reasons).
 */
export function Table({ columns, rows, empty = "None.", wrapText = false }: { columns: readonly TableColumn[]; rows: readonly TableCell[][]; empty?: string; wrapText?: boolean }) {
  const cellWidths = widths(columns);
  if (rows.length === 0) return <Text style={[styles.paragraph, styles.muted]}>{empty}</Text>;
  return (
    <View style={{ marginBottom: 10 }}>
      <View minPresenceAhead={ROW_HEIGHT * 2}>
        <HeaderRow columns={columns} cellWidths={cellWidths} />
      </View>
      <Rows columns={columns} rows={rows} cellWidths={cellWidths} offset={0} wrapText={wrapText} />
    </View>
  );
}

export interface TablePagesOptions {
  meta: ReportMeta;
  /** Anchor for the table of contents (on the first page). */
  id?: string;
  /** Heading on the first page; continuation pages repeat it with "(continued)". */
  title: string;
  /** One short paragraph under the heading on the first page (keep it to two lines). */
  intro?: string;
  columns: readonly TableColumn[];
  rows: readonly TableCell[][];
  empty?: string;
}

const TITLE_HEIGHT = 34;
const CONTINUED_HEIGHT = 22;
const INTRO_HEIGHT = 34;

/** Rows that fit on the first and on further pages of `tablePages` (exported for tests and page estimates). */
export function rowsPerPage(hasIntro: boolean): { first: number; rest: number } {
  const body = CONTENT_HEIGHT - HEADER_HEIGHT - 4;
  return {
    first: Math.floor((body - TITLE_HEIGHT - (hasIntro ? INTRO_HEIGHT : 0)) / ROW_HEIGHT),
    rest: Math.floor((body - CONTINUED_HEIGHT) / ROW_HEIGHT),
  };
}

/**
 * A long table as explicit fixed pages (decision 003): rows pre-chunked (fixed rows per page, each row one line,
 * long values truncated with an ellipsis), the header row repeated on every page. Linear in the row count.
 * Returns <Page> elements to place directly inside <ReportDocument>.
 */
export function tablePages({ meta, id, title, intro, columns, rows, empty = "None." }: TablePagesOptions): ReactElement[] {
  const cellWidths = widths(columns);
  const { first, rest } = rowsPerPage(Boolean(intro));
  const chunks = chunkRows(rows, first, rest);
  let offset = 0;
  return chunks.map((chunk, pageIndex) => {
    const start = offset;
    offset += chunk.length;
    return (
      <ReportPage key={`${id ?? title}-${pageIndex}`} meta={meta} flow={false}>
        {pageIndex === 0 ? (
          <View id={id}>
            <Text style={styles.h1}>{title}</Text>
            {intro ? <Text style={[styles.paragraph, styles.muted, { maxHeight: INTRO_HEIGHT - 6 }]}>{intro}</Text> : null}
          </View>
        ) : (
          <Text style={{ fontSize: 10, fontWeight: "bold", color: COLORS.muted, marginBottom: 6 }}>{title} (continued)</Text>
        )}
        {rows.length === 0 ? (
          <Text style={[styles.paragraph, styles.muted]}>{empty}</Text>
        ) : (
          <>
            <HeaderRow columns={columns} cellWidths={cellWidths} />
            <Rows columns={columns} rows={chunk} cellWidths={cellWidths} offset={start} />
          </>
        )}
      </ReportPage>
    );
  });
}
