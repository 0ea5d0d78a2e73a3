import { renderToBuffer } from "@react-pdf/renderer";
import type { ReactElement } from "react";
import type { DocumentProps } from "@react-pdf/renderer";
import { registerReportFonts } from "./fonts";
import { NotSerializableError, toPlainTree } from "./serialize";
import { renderInWorker, workerAvailable, WorkerUnavailableError } from "./worker-pool";

/** Reports above this size are refused with a message that suggests a filter (see ReportTooLargeError). */
export const MAX_REPORT_ROWS = 20_000;

export class ReportTooLargeError extends Error {
  constructor(
    readonly rows: number,
    readonly limit: number,
    readonly suggestion: string,
  ) {
    super(`This report would have ${rows.toLocaleString("en-US")} rows; the limit is ${limit.toLocaleString("en-US")}. ${suggestion}`);
    this.name = "ReportTooLargeError";
  }
}

/** Renders on the calling thread (the layout blocks it for the whole report). */
export async function renderPdfInline(document: ReactElement<DocumentProps>): Promise<Buffer> {
  registerReportFonts();
  // Let pending requests run before the (CPU-bound) layout starts.
  await new Promise((resolve) => setImmediate(resolve));
  return renderToBuffer(document);
}

/**
 * Renders a <ReportDocument> to PDF bytes with the bundled fonts: in the report worker thread (worker-pool.ts),
 * so the server keeps answering other requests meanwhile; on the calling thread when the worker is unavailable
 * or the document holds something a worker cannot rebuild (a function prop other than the page numbers).
 */
export async function renderPdf(document: ReactElement<DocumentProps>): Promise<Buffer> {
  if (!workerAvailable()) return renderPdfInline(document);
  let tree;
  try {
    tree = toPlainTree(document);
  } catch (error) {
    if (error instanceof NotSerializableError) return renderPdfInline(document);
    throw error;
  }
  try {
    return await renderInWorker(tree);
  } catch (error) {
    // A worker that cannot start or dies (not a report error) must not cost the report: render here instead.
    if (!(error instanceof WorkerUnavailableError)) throw error;
    console.error(`[reports] ${error.message}; rendering on the request thread`);
    return renderPdfInline(document);
  }
}

/** The headers of a PDF download ("inline" opens in the browser's viewer; the file name is ASCII-safe). */
export function pdfHeaders(fileName: string, bytes: number): HeadersInit {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, "_");
  return {
    "Content-Type": "application/pdf",
    "Content-Length": String(bytes),
    "Content-Disposition": `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "Cache-Control": "private, no-store",
  };
}

/** Pages in a rendered PDF (page objects in the file). */
export function countPdfPages(bytes: Uint8Array): number {
  return (Buffer.from(bytes).toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
