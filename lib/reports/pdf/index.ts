// The PDF report framework (decision 003 + 008): one door for report builders.
export { ReportDocument, PDF_CREATOR, PDF_PRODUCER, type TocEntry } from "./document";
export { ReportPage } from "./page";
export { SectionHeading, SubHeading, MinorHeading, Paragraph, KeyValues, Callout, ExternalLink, BulletList } from "./blocks";
export { Table, tablePages, rowsPerPage, ROW_HEIGHT, type TableColumn, type TableCell, type TablePagesOptions } from "./table";
export { VerdictBarChart } from "./chart";
export { VerdictMark, VERDICT_COLORS, isVerdict } from "./verdict";
export { renderPdf, renderPdfInline, pdfHeaders, countPdfPages, ReportTooLargeError, MAX_REPORT_ROWS } from "./render";
export { describeUploads, type ReportMeta, type ReportProvenance, type ReportUpload } from "./meta";
export { truncate, breakable, formatDay, formatDateTime, formatCount, chunkRows, anchorId } from "./text";
export { COLORS, styles } from "./theme";
export { registerReportFonts, FONT_BODY, FONT_TABLE } from "./fonts";
