import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, hasActiveFilters, resolveFilters, sortLinksFor } from "./list-filters";

const exists = (id: string) => id === "host-memory";

describe("resolveFilters", () => {
  it("applies valid filters without a redirect", () => {
    const resolved = resolveFilters({ readiness: "not-ready", domain: "corp.contoso.com", sort: "name" }, exists);
    expect(resolved.problems).toEqual([]);
    expect(resolved.redirectTo).toBeNull();
    expect(resolved.filters).toMatchObject({ readiness: ["not-ready"], domain: "corp.contoso.com", sort: "name", page: 1 });
  });

  it("redirects a submitted form (empty fields, defaults) to the canonical URL", () => {
    const resolved = resolveFilters(
      { q: "", readiness: ["not-ready", "unknown"], rule: "", domain: "corp.contoso.com", os: "", site: "", owner: "", tag: "", pageSize: "50" },
      exists,
    );
    expect(resolved.redirectTo).toBe("/servers?readiness=not-ready%2Cunknown&domain=corp.contoso.com");
    // The canonical URL is stable: resolving it does not redirect again.
    expect(resolveFilters({ readiness: "not-ready,unknown", domain: "corp.contoso.com" }, exists).redirectTo).toBeNull();
  });

  it("falls back to the unfiltered list with a message for invalid values", () => {
    const resolved = resolveFilters({ readiness: "almost", domain: "corp.contoso.com" }, exists);
    expect(resolved.filters).toEqual(DEFAULT_FILTERS);
    expect(resolved.problems).toEqual(["Readiness: “almost” is not a valid value."]);
    expect(resolveFilters({ rule: "<script>" }, exists).problems).toEqual(["Failing rule: “<script>” is not a valid value."]);
    expect(resolveFilters({ rule: "no-such-rule" }, exists)).toEqual({
      filters: DEFAULT_FILTERS,
      problems: ["Failing rule: there is no rule “no-such-rule”."],
      redirectTo: null,
    });
  });

  it("tells real filters from sorting and paging", () => {
    expect(hasActiveFilters(DEFAULT_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, sort: "name", page: 3 })).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, stale: true })).toBe(true);
  });
});

describe("sortLinksFor", () => {
  it("sorts a new column ascending and flips the current one, keeping filters and resetting the page", () => {
    const links = sortLinksFor({ ...DEFAULT_FILTERS, domain: "corp.contoso.com", sort: "name", dir: "asc", page: 4 });
    expect(links.name).toEqual({ href: "/servers?domain=corp.contoso.com&sort=name&dir=desc", state: "ascending" });
    expect(links.os).toEqual({ href: "/servers?domain=corp.contoso.com&sort=os", state: "none" });
    expect(links.verdict).toEqual({ href: "/servers?domain=corp.contoso.com", state: "none" });
    expect(sortLinksFor({ ...DEFAULT_FILTERS, sort: "name", dir: "desc" }).name).toEqual({ href: "/servers?sort=name", state: "descending" });
  });
});
