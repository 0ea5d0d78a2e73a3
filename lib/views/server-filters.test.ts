import { describe, expect, it } from "vitest";
import { describeServerScope, parseServerFilters, serverFiltersToSearch, serverScopeSearch } from "./server-filters";

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

describe("a filter as a report's scope", () => {
  it("drops sorting and paging from the query string, and says the filter in words", () => {
    const filters = parseServerFilters(new URLSearchParams("domain=corp.contoso.com&overdue=true&sort=name&page=3&readiness=not-ready")).data!;
    expect(serverScopeSearch(filters)).toBe("?readiness=not-ready&overdue=true&domain=corp.contoso.com");
    expect(describeServerScope(filters)).toBe("readiness Not ready, domain corp.contoso.com, overdue");
    const none = parseServerFilters(new URLSearchParams("sort=name&page=2")).data!;
    expect(serverScopeSearch(none)).toBe("");
    expect(describeServerScope(none)).toBe("every server");
    expect(describeServerScope(parseServerFilters(new URLSearchParams("fqdn=sync01.corp.contoso.com")).data!)).toBe("server sync01.corp.contoso.com");
  });
});
