/**
 * A generated PowerShell script as a download: UTF-8 with BOM and CRLF line ends (what Windows PowerShell 5.1 reads
 * correctly), an RFC 6266 attachment name (ASCII fallback plus the UTF-8 name), never cached, never sniffed.
 * Shared by the per-server and per-domain fix-script routes.
 */
export function scriptDownload(script: string, fileName: string): Response {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(`\uFEFF${script.replace(/\r?\n/g, "\r\n")}`, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
