import { describe, expect, it } from "vitest";
import { getChanges } from "./changes";
import { db } from "./db";

// "What changed" on whichever database the matrix runs (SQLite, or PostgreSQL under `npm run test:pg`); servers and
// their evaluations are seeded through Prisma, not the SQLite-only upload path.
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 10, day, hour));

describe("changes SQL", () => {
  it("finds verdict changes across the window, ignores flip-backs, and counts new servers", async () => {
    const mk = (fqdn: string) => db().server.create({ data: { fqdn, name: fqdn.split(".")[0]!.toUpperCase(), domain: "corp.contoso.com" } });
    const [better, flipBack, fresh, quiet] = await Promise.all([mk("better.corp.contoso.com"), mk("flip.corp.contoso.com"), mk("fresh.corp.contoso.com"), mk("quiet.corp.contoso.com")]);
    const evaluation = (serverId: string, when: Date, verdict: string, cause = "upload:u1") => ({
      serverId,
      evaluatedAt: when,
      rulesetVersion: "1",
      verdict,
      confidenceStars: 3,
      statuses: verdict === "ready" ? "host-tls12-schannel:p" : "host-tls12-schannel:f",
      cause,
    });
    await db().evaluation.createMany({
      data: [
        evaluation(better.id, at(1), "not-ready"),
        evaluation(better.id, at(5), "ready", "upload:u2"),
        evaluation(flipBack.id, at(1), "ready"),
        evaluation(flipBack.id, at(4), "not-ready", "upload:u2"),
        evaluation(flipBack.id, at(6), "ready", "upload:u3"),
        evaluation(fresh.id, at(5), "unknown", "upload:u2"),
        evaluation(quiet.id, at(1), "ready"),
      ],
    });
    const report = await getChanges({ from: at(2), to: at(10) });
    expect(report).toMatchObject({ changed: 1, improved: 1, worse: 0, added: { total: 1, byVerdict: { unknown: 1 } } });
    const changes = report.groups.flatMap((group) => group.changes);
    expect(changes).toEqual([expect.objectContaining({ fqdn: "better.corp.contoso.com", before: "not-ready", after: "ready", at: at(5).toISOString(), direction: "improved" })]);
    expect((await getChanges({ from: at(6), to: at(10) })).changed).toBe(0);
  });
});
