import { describe, expect, it } from "vitest";
import { db } from "./db";
import { getUploadChanges } from "./upload-changes";

// What one upload changed, on whichever database the matrix runs (SQLite, or PostgreSQL under `npm run test:pg`);
// the upload and its evaluations are seeded through Prisma, not the SQLite-only upload path.
describe("upload changes SQL", () => {
  it("pairs each of the upload's evaluations with the server's previous one", async () => {
    const earlier = new Date("2026-11-01T10:00:00.000Z");
    const instant = new Date("2026-11-02T10:00:00.000Z");
    const upload = await db().upload.create({
      data: { sha256: "x".repeat(64), fileName: "fleet.csv", sizeBytes: 1, kind: "inventory", format: "csv", uploadedBy: "test", createdAt: instant, records: 3, accepted: 3, rejected: 0, serversAffected: 3, issuesJson: "[]", optionsJson: "{}" },
    });
    const mk = (fqdn: string) => db().server.create({ data: { fqdn, name: fqdn.split(".")[0]!.toUpperCase(), domain: "corp.contoso.com" } });
    const [worse, same, fresh] = await Promise.all([mk("worse.corp.contoso.com"), mk("same.corp.contoso.com"), mk("fresh.corp.contoso.com")]);
    const evaluation = (serverId: string, when: Date, verdict: string, statuses: string, cause: string) => ({ serverId, evaluatedAt: when, rulesetVersion: "1", verdict, confidenceStars: 3, statuses, cause });
    await db().evaluation.createMany({
      data: [
        evaluation(worse.id, earlier, "ready", "host-tls12-schannel:p", "upload:older"),
        evaluation(same.id, earlier, "ready", "host-tls12-schannel:p", "upload:older"),
        evaluation(worse.id, instant, "not-ready", "host-tls12-schannel:f", `upload:${upload.id}`),
        evaluation(same.id, instant, "ready", "host-tls12-schannel:p", `upload:${upload.id}`),
        evaluation(fresh.id, instant, "unknown", "host-tls12-schannel:u", `upload:${upload.id}`),
      ],
    });
    const changes = await getUploadChanges(upload.id);
    expect(changes).toMatchObject({ evaluated: 3, changed: 1, worse: 1, improved: 0, added: 1, total: 2 });
    expect(new Date(changes.at!).toISOString()).toBe(instant.toISOString());
    expect(changes.rows.map((row) => [row.fqdn, row.before, row.after])).toEqual([
      ["worse.corp.contoso.com", "ready", "not-ready"],
      ["fresh.corp.contoso.com", null, "unknown"],
    ]);
    expect(changes.rows[0]!.rules.length).toBeGreaterThan(0);
    expect((await getUploadChanges(upload.id, 2, 1)).rows.map((row) => row.fqdn)).toEqual(["fresh.corp.contoso.com"]);
  });
});
