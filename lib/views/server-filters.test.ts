import { describe, expect, it } from "vitest";
import { parseServerFilters, serverFiltersToSearch } from "./server-filters";

describe("server filters", () => {
  it("parses the URL form and round-trips it", () => {
    const parsed = parseServerFilters(new URLSearchParams("q=sync&readiness=not-ready,unknown&rule=host-memory&stale=true&sort=name&dir=desc&page=3"));
    if (!parsed.success) throw parsed.error;
    expect(parsed.data).toMatchObject({ q: "sync", readiness: ["not-ready", "unknown"], rule: "host-memory", stale: true, sort: "name", dir: "desc", page: 3, pageSize: 50 });
    expect(serverFiltersToSearch(parsed.data)).toBe("?q=sync&readiness=not-ready%2Cunknown&rule=host-memory&stale=true&sort=name&dir=desc&page=3");
  });

  it("accepts repeated parameters and Next's searchParams objects", () => {
    const parsed = parseServerFilters({ readiness: ["ready", "not-ready"], domain: "corp.contoso.com" });
    expect(parsed.success && parsed.data.readiness).toEqual(["ready", "not-ready"]);
  });

  it("falls back to defaults for bad paging and sorting, and refuses bad filter values", () => {
    const lenient = parseServerFilters({ page: "-4", sort: "drop table", pageSize: "100000" });
    expect(lenient.success && [lenient.data.page, lenient.data.sort, lenient.data.pageSize]).toEqual([1, "verdict", 50]);
    expect(parseServerFilters({ readiness: "sort-of-ready" }).success).toBe(false);
    expect(parseServerFilters({ rule: "<script>" }).success).toBe(false);
  });

  it("writes nothing for the defaults", () => {
    const parsed = parseServerFilters({});
    expect(parsed.success && serverFiltersToSearch(parsed.data)).toBe("");
  });
});
