import { beforeEach, describe, expect, it } from "vitest";
import type { HostFacts } from "@/lib/facts";
import { db } from "../db";
import { clearTables } from "../test-sql";
import { deleteUpload } from "./delete-upload";
import { ingestFile, type IngestResponse } from "./ingest-file";

// Decision 026 on a real (throwaway) database, SQLite or PostgreSQL: a snapshot whose facts are its server's current
// facts stores none, and gets them back before the server's facts change, so history and deletions stay exact.
const admin = { name: "admin@example.com" };
const HEADER = "Host Name,Domain,Owner,RAM (GB),Site,Collected At\n";
const csv = (...rows: string[]) => new TextEncoder().encode(HEADER + rows.join("\n") + "\n");

function ok(response: IngestResponse): string {
  if (!response.ok || response.id === null) throw new Error(`${JSON.stringify(response)}`);
  return response.id;
}

async function upload(name: string, bytes: Uint8Array): Promise<string> {
  return ok(await ingestFile({ bytes, fileName: name, options: {}, uploadedBy: admin }));
}

async function serverFacts(fqdn: string): Promise<HostFacts> {
  const row = await db().server.findUniqueOrThrow({ where: { fqdn }, select: { factsJson: true } });
  return JSON.parse(row.factsJson) as HostFacts;
}

/** Each snapshot of the server, oldest first: whether it stores its facts, and the facts it stands for. */
async function snapshots(fqdn: string) {
  const server = await db().server.findUniqueOrThrow({ where: { fqdn }, select: { factsJson: true, snapshots: { orderBy: [{ collectedAt: "asc" }, { createdAt: "asc" }], select: { uploadId: true, factsJson: true } } } });
  return server.snapshots.map((s) => ({ uploadId: s.uploadId, stored: s.factsJson !== null, facts: JSON.parse(s.factsJson ?? server.factsJson) as HostFacts }));
}

beforeEach(async () => {
  await clearTables(["Evaluation", "HostSnapshot", "FactSnapshot", "DomainEvaluation", "RuleSummary", "ReadinessSnapshot", "Attestation", "ServerTag", "Server", "Upload"]);
});

describe("host snapshots that share their server's current facts (decision 026)", () => {
  it("a new server's snapshot stores no copy of the facts its server holds", async () => {
    const id = await upload("a.csv", csv("APP01,corp.contoso.com,Team A,16,par,2026-11-01T00:00:00Z", "APP02,corp.contoso.com,Team B,8,lon,2026-11-01T00:00:00Z"));
    for (const fqdn of ["app01.corp.contoso.com", "app02.corp.contoso.com"]) {
      const [only] = await snapshots(fqdn);
      expect(only).toEqual({ uploadId: id, stored: false, facts: await serverFacts(fqdn) });
    }
    expect((await serverFacts("app01.corp.contoso.com")).owner).toBe("Team A");
  });

  it("newer facts give the older snapshot its own copy first; deleting the newer upload restores the older facts", async () => {
    const first = await upload("a.csv", csv("APP01,corp.contoso.com,Team A,16,par,2026-11-01T00:00:00Z"));
    const before = await serverFacts("app01.corp.contoso.com");
    const second = await upload("b.csv", csv("APP01,corp.contoso.com,Team B,32,par,2026-11-10T00:00:00Z"));
    const after = await serverFacts("app01.corp.contoso.com");
    expect(after.owner).toBe("Team B");
    const [older, newer] = await snapshots("app01.corp.contoso.com");
    expect(older).toEqual({ uploadId: first, stored: true, facts: before });
    expect(newer.uploadId).toBe(second);
    // The CSV's columns replace every fact the first CSV set: the merge is the record itself, so it shares.
    expect(newer).toEqual({ uploadId: second, stored: false, facts: after });

    expect(await deleteUpload(second)).toBe(true);
    expect(await serverFacts("app01.corp.contoso.com")).toEqual(before);
    const [remaining, ...none] = await snapshots("app01.corp.contoso.com");
    expect(none).toEqual([]);
    expect(remaining.facts).toEqual(before);
  });

  it("a merge that differs from the record stores the record; deleting the older upload keeps the newer facts exact", async () => {
    const first = await upload("a.csv", csv("APP01,corp.contoso.com,Team A,16,par,2026-11-01T00:00:00Z"));
    // No RAM and no site in this file: the current facts keep the first file's, so they are not this record's facts.
    const second = await upload("b.csv", new TextEncoder().encode("Host Name,Domain,Owner,Collected At\nAPP01,corp.contoso.com,Team B,2026-11-10T00:00:00Z\n"));
    const merged = await serverFacts("app01.corp.contoso.com");
    expect(merged.owner).toBe("Team B");
    expect(merged.site).toBe("par");
    const [older, newer] = await snapshots("app01.corp.contoso.com");
    expect(older.stored).toBe(true);
    expect(newer.stored).toBe(true);
    expect(newer.facts.site).toBeUndefined();

    expect(await deleteUpload(first)).toBe(true);
    const rebuilt = await serverFacts("app01.corp.contoso.com");
    expect(rebuilt.owner).toBe("Team B");
    expect(rebuilt.site).toBeUndefined();
    expect((await snapshots("app01.corp.contoso.com")).map((s) => s.facts)).toEqual([rebuilt]);
    expect(second).toBeDefined();
  });

  it("the same server twice in one file: the first row's snapshot keeps its own facts", async () => {
    const id = await upload("twice.csv", csv("APP01,corp.contoso.com,Team A,16,par,2026-11-01T00:00:00Z", "APP01,corp.contoso.com,Team B,32,lon,2026-11-05T00:00:00Z"));
    const [first, second] = await snapshots("app01.corp.contoso.com");
    expect(first).toMatchObject({ uploadId: id, stored: true });
    expect(first.facts.owner).toBe("Team A");
    expect(second).toMatchObject({ uploadId: id, stored: false });
    expect(second.facts.owner).toBe("Team B");
    expect((await serverFacts("app01.corp.contoso.com")).owner).toBe("Team B");
  });

  it("older facts that fill gaps change the current facts, so the sharing snapshot gets its copy", async () => {
    const newer = await upload("new.csv", new TextEncoder().encode("Host Name,Domain,Owner,Collected At\nAPP01,corp.contoso.com,Team B,2026-11-10T00:00:00Z\n"));
    const newerFacts = await serverFacts("app01.corp.contoso.com");
    await upload("old.csv", csv("APP01,corp.contoso.com,Team A,16,par,2026-11-01T00:00:00Z"));
    const filled = await serverFacts("app01.corp.contoso.com");
    expect(filled.owner).toBe("Team B");
    expect(filled.site).toBe("par");
    const list = await snapshots("app01.corp.contoso.com");
    expect(list.map((s) => s.stored)).toEqual([true, true]);
    expect(list.find((s) => s.uploadId === newer)!.facts).toEqual(newerFacts);

    // Older facts that change nothing leave the current facts, and so the sharing, as they were.
    await upload("same.csv", new TextEncoder().encode("Host Name,Domain,Owner,Collected At\nAPP02,corp.contoso.com,Team C,2026-11-10T00:00:00Z\n"));
    await upload("same-older.csv", new TextEncoder().encode("Host Name,Domain,Owner,Collected At\nAPP02,corp.contoso.com,Team C,2026-11-01T00:00:00Z\n"));
    const app02 = await snapshots("app02.corp.contoso.com");
    expect(app02.map((s) => s.stored)).toEqual([true, false]);
    expect(app02.map((s) => s.facts.owner)).toEqual(["Team C", "Team C"]);
  });
});
