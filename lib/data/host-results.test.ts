import { beforeAll, describe, expect, it } from "vitest";
import { db } from "./db";
import { loadDemoFleet } from "./demo";
import { hostResultsDeriver } from "./host-results";
import { getServerDetail } from "./servers";

// The exports and the fleet report's appendix derive host results in batches; the server page one at a time.
// Both must give the same results for every server (real demo fleet, real rules, throwaway SQLite).

beforeAll(async () => {
  await loadDemoFleet({ servers: 120, uploadedBy: { name: "demo@example.com" } });
});

describe("hostResultsDeriver", () => {
  it("gives, server by server, exactly the server page's host and shared results", async () => {
    const now = new Date();
    const rows = await db().server.findMany({ select: { id: true, fqdn: true, domain: true, factsJson: true, evaluatedAt: true }, orderBy: { fqdn: "asc" }, take: 60 });
    expect(new Set(rows.map((row) => row.domain)).size).toBeGreaterThan(1);
    const derived = await hostResultsDeriver(now)(rows);
    expect(derived).toHaveLength(rows.length);
    for (const [index, row] of rows.entries()) {
      const page = (await getServerDetail(row.fqdn, now))!;
      expect(derived[index]!.hostResults).toEqual(page.hostResults);
      expect(derived[index]!.sharedResults).toEqual(page.sharedResults);
    }
    expect(derived.some((results) => results.hostResults.some((result) => result.status === "fail"))).toBe(true);
  });
});
