import { describe, expect, it } from "vitest";
import { getActionPlan } from "./action-plan";
import { db } from "./db";

// The action plan's hand-written reads on whichever database the matrix runs (SQLite, or PostgreSQL under
// `npm run test:pg`); servers are seeded through Prisma, not the SQLite-only upload path.
describe("action plan reads", () => {
  it("answers for an empty fleet, then reads every server (or one domain's) and notices a new evaluation", async () => {
    expect(await getActionPlan()).toMatchObject({ servers: 0, actions: [] });
    await db().server.createMany({
      data: [
        { fqdn: "a.corp.contoso.com", name: "A", domain: "corp.contoso.com", verdict: "not-ready", blockingRules: ",host-tls12-schannel," },
        { fqdn: "b.corp.contoso.com", name: "B", domain: "corp.contoso.com", verdict: "ready" },
        { fqdn: "c.fabrikam.com", name: "C", domain: "fabrikam.com", verdict: "not-ready", blockingRules: ",host-tls12-schannel," },
      ],
    });
    // Cached until the next evaluation writes a ReadinessSnapshot row.
    expect((await getActionPlan()).servers).toBe(0);
    await db().readinessSnapshot.create({ data: { at: new Date(), ready: 1, conditions: 0, notReady: 2, unknown: 0, cause: "test" } });
    const fleet = await getActionPlan();
    expect(fleet.servers).toBe(3);
    expect(fleet.before["not-ready"]).toBe(2);
    expect(fleet.actions.length).toBeGreaterThan(0);
    expect((await getActionPlan({ domain: "Fabrikam.com" })).servers).toBe(1);
  });
});
