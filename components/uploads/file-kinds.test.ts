import { describe, expect, it } from "vitest";
import { isArchiveName, isWorkbookName, sizeLimitFor } from "./file-kinds";

describe("file kinds by name", () => {
  it("tells archives and workbooks from plain exports", () => {
    expect(["fleet.zip", "inventory.csv.gz", "reports.TGZ", "x.tar.gz"].every(isArchiveName)).toBe(true);
    expect(["a.csv", "a.json", "zip.txt"].some(isArchiveName)).toBe(false);
    expect(isWorkbookName("Servers.XLSX") && isWorkbookName("m.xlsm") && !isWorkbookName("old.xls")).toBe(true);
  });

  it("applies the archive limit to archives and workbooks only", () => {
    const limits = { plain: 50, archive: 200 };
    expect([sizeLimitFor("a.csv", limits), sizeLimitFor("a.zip", limits), sizeLimitFor("a.xlsx", limits)]).toEqual([50, 200, 200]);
  });
});
