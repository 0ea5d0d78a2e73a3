import { execFileSync } from "node:child_process";

/** The text of a PDF as pdftotext (poppler-utils) extracts it, in reading layout. */
export function pdfText(bytes: Buffer, { first, last }: { first?: number; last?: number } = {}): string {
  const args = ["-layout", "-enc", "UTF-8"];
  if (first) args.push("-f", String(first));
  if (last) args.push("-l", String(last));
  return execFileSync("pdftotext", [...args, "-", "-"], { input: bytes, maxBuffer: 64 * 1024 * 1024 }).toString("utf8");
}

/** The number of pages pdfinfo reports. */
export function pdfPages(bytes: Buffer): number {
  const info = execFileSync("pdfinfo", ["-"], { input: bytes }).toString("utf8");
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}
