import { describe, expect, it } from "vitest";
import {
  KeyValues,
  Paragraph,
  ReportDocument,
  ReportPage,
  SectionHeading,
  VerdictBarChart,
  chunkRows,
  renderPdf,
  renderPdfInline,
  rowsPerPage,
  tablePages,
  truncate,
  type ReportMeta,
  type TableCell,
} from "./index";
import { pdfPages, pdfText } from "./pdf-text.test-kit";

const meta: ReportMeta = {
  title: "Test report",
  scope: "every server",
  generatedAt: new Date("2026-12-04T10:00:00Z"),
  generatedBy: "lead@example.com",
  provenance: {
    rulesetVersion: "rs-test-1",
    dataAsOf: "2026-12-03T09:00:00Z",
    uploads: { total: 2, newest: [{ fileName: "hosts-Zürich.json", createdAt: "2026-12-03T09:00:00Z" }, { fileName: "acl.csv", createdAt: "2026-12-01T09:00:00Z" }] },
  },
};

function doc(rows: number) {
  const cells: TableCell[][] = Array.from({ length: rows }, (_, i) => [`srv-${i}.corp.contoso.com`, { text: "Ready", verdict: "ready" }, "x".repeat(200)]);
  return (
    <ReportDocument meta={meta} toc={[{ id: "summary", title: "Summary" }, { id: "servers", title: "Servers" }]}>
      <ReportPage meta={meta}>
        <SectionHeading id="summary">Summary</SectionHeading>
        <Paragraph>Server names like Ωμέγα-ßtraße render with the bundled font.</Paragraph>
        <KeyValues rows={[["Servers", String(rows)]]} />
        <VerdictBarChart counts={{ ready: rows, "ready-with-conditions": 0, unknown: 0, "not-ready": 3 }} />
      </ReportPage>
      {tablePages({ meta, id: "servers", title: "Servers", columns: [{ header: "Server", weight: 3 }, { header: "Verdict", weight: 1 }, { header: "Notes", weight: 3 }], rows: cells })}
    </ReportDocument>
  );
}

describe("PDF framework", () => {
  it("renders the cover, contents, sections, chart and a chunked table with n / N page numbers", async () => {
    const bytes = await renderPdf(doc(120));
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(bytes);
    const pages = pdfPages(bytes);
    const { first, rest } = rowsPerPage(false);
    expect(pages).toBe(2 + 1 + Math.ceil((120 - first) / rest));
    expect(text).toContain("Test report");
    expect(text).toContain("rs-test-1");
    expect(text).toContain("hosts-Zürich.json (2026-12-03)");
    expect(text).toContain("lead@example.com");
    expect(text).toContain("Contents");
    expect(text).toContain("Ωμέγα-ßtraße");
    expect(text).toContain("srv-119.corp.contoso.com");
    // Drawn as "n / N"; pdftotext may close the gaps around the slash of short numbers.
    expect(text).toMatch(new RegExp(`\\b1 ?/ ?${pages}\\b`));
    expect(text).toMatch(new RegExp(`\\b${pages} ?/ ?${pages}\\b`));
    expect(text).toContain("Servers (continued)");
    expect(text).toContain("…");
    expect(text).not.toContain("x".repeat(200));
    expect(text).toMatch(/Ready\s+120 \(97\.6%\)/);
  });

  it("gives the same bytes for the same data", async () => {
    const a = await renderPdf(doc(60));
    const b = await renderPdf(doc(60));
    expect(a.equals(b)).toBe(true);
  });

  it("renders in the worker thread the same bytes as on the request thread, without blocking the event loop", async () => {
    const inline = await renderPdfInline(doc(400));
    let last = performance.now();
    let slowest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      slowest = Math.max(slowest, now - last);
      last = now;
    }, 10);
    const worker = await renderPdf(doc(400));
    await new Promise((resolve) => setTimeout(resolve, 40)); // a blocked loop shows up as one long gap on the next tick
    clearInterval(timer);
    expect(worker.equals(inline)).toBe(true);
    // The layout runs in the worker: the request thread only expands the tree (a few ms) and waits.
    expect(slowest).toBeLessThan(400);
  });

  it("chunks rows and truncates text", () => {
    expect(chunkRows([1, 2, 3, 4, 5], 2, 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunkRows([], 2, 2)).toEqual([[]]);
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
  });
});
