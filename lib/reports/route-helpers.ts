// Shared by the PDF route handlers (pure).

/** The decoded name from a path segment ending in ".pdf" ("sync01.corp.contoso.com.pdf"), or null. */
export function pdfSegment(raw: string): string | null {
  let value = raw;
  try {
    value = decodeURIComponent(raw);
  } catch {
    // keep the raw text
  }
  if (!value.toLowerCase().endsWith(".pdf")) return null;
  const name = value.slice(0, -4).trim();
  return name === "" ? null : name;
}

/** The origin the client used (behind a proxy: X-Forwarded-Host / -Proto), for absolute links in a PDF. */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  return `${proto.split(",")[0]!.trim()}://${host.split(",")[0]!.trim()}`;
}
