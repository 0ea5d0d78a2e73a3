import { describe, expect, it } from "vitest";
import { changesSearch, parseChangesQuery, periodLabel } from "./query";

const now = new Date("2026-12-04T15:30:00Z");
const parse = (search: string) => parseChangesQuery(new URLSearchParams(search), now);

describe("changes query", () => {
  it("defaults to the last 7 days: from the start of the first day to the end of today", () => {
    const result = parse("");
    expect(result.ok && result.query).toMatchObject({ fromDay: "2026-11-27", toDay: "2026-12-04", from: new Date("2026-11-27T00:00:00.000Z"), to: new Date("2026-12-04T23:59:59.999Z") });
    expect(result.ok && periodLabel(result.query)).toBe("27 Nov 2026 → 4 Dec 2026");
  });

  it("takes dates, exact moments and the server filters; refuses bad or reversed dates and too long ranges", () => {
    const result = parse("from=2026-12-04T10:00Z&to=2026-12-04&domain=corp.contoso.com");
    expect(result.ok && result.query.from.toISOString()).toBe("2026-12-04T10:00:00.000Z");
    expect(result.ok && result.query.filters.domain).toBe("corp.contoso.com");
    expect(result.ok && periodLabel(result.query)).toBe("4 Dec 2026 10:00 UTC → 4 Dec 2026");
    expect(parse("from=2026-02-30")).toMatchObject({ ok: false, issues: [{ path: "from" }] });
    expect(parse("from=2026-12-05&to=2026-12-01")).toMatchObject({ ok: false, issues: [{ path: "from" }] });
    expect(parse("from=2024-01-01&to=2026-12-01")).toMatchObject({ ok: false, issues: [{ path: "from" }] });
    expect(parse("to=yesterday")).toMatchObject({ ok: false, issues: [{ path: "to" }] });
    expect(parse("readiness=bogus").ok).toBe(false);
    expect(changesSearch({ fromDay: "2026-11-01", toDay: "2026-11-30" }, "?domain=x")).toBe("?domain=x&from=2026-11-01&to=2026-11-30");
  });
});
