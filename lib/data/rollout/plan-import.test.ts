import { beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/entry";
import { planImportOutcomeSchema } from "@/lib/api/plan-import-schemas";
import { db } from "../db";
import { ingestFile } from "../ingest/ingest-file";
import { insertionOrder, sqlAll } from "../test-sql";
import { importRolloutPlan } from "./plan-import";
import { createWave, updateWave } from "./waves";

// Real parsers, real ingest path for the servers, a real (throwaway) database, SQLite or PostgreSQL: nothing mocked.
const lead: AuditActor = { kind: "user", id: "u-lead", name: "lead@example.com" };
const now = new Date("2026-12-04T10:00:00Z");
const bytes = (text: string) => new TextEncoder().encode(text);
const plan = (lines: string[]) => bytes(lines.join("\r\n") + "\r\n");

function run(lines: string[], dryRun = false, fileName = "plan.csv") {
  return importRolloutPlan({ fileName, bytes: plan(lines), dryRun, actor: lead, now });
}

type Row = { fqdn: string; wave: string | null; rolloutStatus: string; rolloutOwner: string | null; rolloutTargetDate: string | null; rolloutNote: string | null; rolloutVersion: number };
async function servers(): Promise<Row[]> {
  const rows = await db().server.findMany({
    select: { fqdn: true, wave: { select: { name: true } }, rolloutStatus: true, rolloutOwner: true, rolloutTargetDate: true, rolloutNote: true, rolloutVersion: true },
    orderBy: { fqdn: "asc" },
  });
  return rows.map(({ wave, ...row }) => ({ ...row, wave: wave?.name ?? null }));
}
const state = async () => ({
  servers: await servers(),
  waves: await db().wave.findMany({ select: { name: true, position: true, archivedAt: true }, orderBy: { position: "asc" } }),
  audits: await db().auditEntry.count(),
});
/** In the order written (AuditEntry ids are random; one import writes its entries with the same `at`). */
const audits = (action: string) =>
  sqlAll<{ targetId: string; summary: string; beforeJson: string; afterJson: string }>(
    `SELECT "targetId", "summary", "beforeJson", "afterJson" FROM "AuditEntry" WHERE "action" = ? ORDER BY ${insertionOrder()}`,
    action,
  );

beforeAll(async () => {
  const header = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain\n";
  const hosts = [
    "SYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com",
    "SYNC02,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com",
    "SYNC03,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com",
    "DUP01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com",
    "DUP01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,lab.contoso.com",
  ];
  const response = await ingestFile({ bytes: bytes(header + hosts.join("\n") + "\n"), fileName: "inventory.csv", options: {}, uploadedBy: { name: "admin@example.com" } });
  if (!response.ok) throw new Error(response.message);
  const pilot = await createWave({ name: "Pilot", description: "" }, lead, now);
  const old = await createWave({ name: "Old wave", description: "" }, lead, now);
  await updateWave(old.id, { version: old.version, archived: true }, lead, now);
  expect(pilot.position).toBe(1);
});

describe("importRolloutPlan", () => {
  it("refuses a whole file with one bad row, changing nothing (dry run or not)", async () => {
    const before = await state();
    for (const dryRun of [true, false]) {
      const outcome = await run(
        [
          "server,wave,status,targetDate",
          "sync01.corp.contoso.com,Pilot,scheduled,2027-01-10",
          "nosuch01,Pilot,,",
          "DUP01,Pilot,,",
          "sync02,Old wave,,",
          "SYNC03,Brand new,done,31/01/2027",
        ],
        dryRun,
      );
      expect(outcome.status).toBe("refused");
      expect(outcome.issues.map((issue) => [issue.row, issue.column])).toEqual([
        [3, "server"],
        [4, "server"],
        [5, "wave"],
        [6, "targetDate"],
        [6, "status"],
      ]);
      expect(outcome.issues[0]).toMatchObject({ file: "plan.csv", severity: "error", message: 'No server is named "nosuch01" (FQDN or NetBIOS name).' });
      expect(outcome.issues[1]?.message).toMatch(/"DUP01" matches 2 servers .*use the FQDN/);
      expect(outcome.issues[2]?.message).toContain('"Old wave" is archived');
      expect(outcome.message).toContain("nothing was changed");
    }
    expect(await state()).toEqual(before);
  });

  it("previews without writing, then applies: assigns, creates the unknown wave, sets fields, records audits", async () => {
    const lines = [
      "Server;Wave;Owner;Target date;Status;Note",
      "SYNC01.CORP.CONTOSO.COM;pilot;Alice;2027-01-10;Scheduled;first",
      "sync02;Wave 2;;2027-02-01;in progress;",
      "dup01.lab.contoso.com;;Bob;;;=HYPERLINK(\"x\")",
    ];
    const before = await state();
    const preview = await run(lines, true);
    expect(await state()).toEqual(before);
    expect(preview).toMatchObject({ status: "preview", rows: 3, changed: 3, unchanged: 0, wavesToCreate: ["Wave 2"], issues: [] });
    expect(preview.changes[0]).toEqual({
      row: 2,
      server: "sync01.corp.contoso.com",
      name: "SYNC01",
      changes: [
        { field: "wave", before: null, after: "Pilot" },
        { field: "status", before: "not-started", after: "scheduled" },
        { field: "owner", before: null, after: "Alice" },
        { field: "targetDate", before: null, after: "2027-01-10" },
        { field: "note", before: null, after: "first" },
      ],
    });
    expect(preview.changes[1]?.changes[0]).toEqual({ field: "wave", before: null, after: "Wave 2" });

    // The answer of POST /api/rollout/plan is exactly what the OpenAPI document describes.
    expect(planImportOutcomeSchema.strict().parse(preview)).toEqual(preview);

    const applied = await run(lines);
    expect(applied).toMatchObject({ status: "committed", changed: 3, wavesToCreate: ["Wave 2"] });
    expect((await servers()).filter((s) => s.rolloutVersion > 1)).toEqual([
      { fqdn: "dup01.lab.contoso.com", wave: null, rolloutStatus: "not-started", rolloutOwner: "Bob", rolloutTargetDate: null, rolloutNote: '=HYPERLINK("x")', rolloutVersion: 2 },
      { fqdn: "sync01.corp.contoso.com", wave: "Pilot", rolloutStatus: "scheduled", rolloutOwner: "Alice", rolloutTargetDate: "2027-01-10", rolloutNote: "first", rolloutVersion: 2 },
      { fqdn: "sync02.corp.contoso.com", wave: "Wave 2", rolloutStatus: "in-progress", rolloutOwner: null, rolloutTargetDate: "2027-02-01", rolloutNote: null, rolloutVersion: 2 },
    ]);
    // The new wave goes to the end of the order (after the archived one).
    expect((await state()).waves).toEqual([
      { name: "Pilot", position: 1, archivedAt: null },
      { name: "Old wave", position: 2, archivedAt: expect.any(Date) },
      { name: "Wave 2", position: 3, archivedAt: null },
    ]);
    expect((await audits("rollout.assign")).map((a) => a.summary)).toEqual(["assigned to Pilot", "assigned to Wave 2"]);
    expect((await audits("wave.create")).at(-1)?.summary).toBe("created wave Wave 2 (plan import plan.csv)");
    const summary = await audits("rollout.plan-import");
    expect(summary).toHaveLength(1);
    expect(JSON.parse(summary[0]!.afterJson)).toMatchObject({ file: "plan.csv", sha256: applied.sha256, rows: 3, changed: 3, unchanged: 0, wavesCreated: ["Wave 2"] });
    // The gates were refreshed after the commit.
    const wave2 = (await db().wave.findFirst({ where: { name: "Wave 2" }, select: { gateComputedAt: true, gateSummary: true } }))!;
    expect(wave2.gateSummary).not.toBe("No servers are assigned to this wave.");

    // The same plan again: nothing changes and nothing is written.
    const auditsBefore = (await state()).audits;
    const again = await run(lines);
    expect(again).toMatchObject({ status: "committed", changed: 0, unchanged: 3, changes: [], wavesToCreate: [] });
    expect(again.message).toMatch(/^No changes/);
    expect((await state()).audits).toBe(auditsBefore);
  });

  it("moves a server between waves (recorded as a move), clears fields with '-' and leaves empty cells alone", async () => {
    const outcome = await run(["server,wave,owner,note,targetDate,status", "sync01,WAVE 2,-,,-,", "sync02,-,,,,", "sync03,,,,,Installed"]);
    expect(outcome).toMatchObject({ status: "committed", changed: 3 });
    // Written with raw SQL: Prisma reads the dates back.
    const installed = await db().server.findUnique({ where: { fqdn: "sync03.corp.contoso.com" }, select: { rolloutStatus: true, rolloutInstalledAt: true, rolloutUpdatedAt: true, rolloutUpdatedBy: true } });
    expect(installed).toEqual({ rolloutStatus: "installed", rolloutInstalledAt: now, rolloutUpdatedAt: now, rolloutUpdatedBy: "lead@example.com" });
    const rows = await servers();
    expect(rows.find((r) => r.fqdn === "sync01.corp.contoso.com")).toMatchObject({ wave: "Wave 2", rolloutOwner: null, rolloutNote: "first", rolloutTargetDate: null, rolloutStatus: "scheduled" });
    expect(rows.find((r) => r.fqdn === "sync02.corp.contoso.com")).toMatchObject({ wave: null, rolloutTargetDate: "2027-02-01" });
    const move = await audits("rollout.move");
    expect(move.map((a) => a.summary)).toEqual(["moved from Pilot to Wave 2"]);
    expect(JSON.parse(move[0]!.beforeJson)).toMatchObject({ wave: { name: "Pilot" } });
    expect((await audits("rollout.unassign")).map((a) => a.summary)).toEqual(["removed from Wave 2"]);
  });

  it("refuses the same server named twice (NetBIOS and FQDN)", async () => {
    const outcome = await run(["server,status", "sync03,blocked", "SYNC03.corp.contoso.com,installed"], true);
    expect(outcome.status).toBe("refused");
    expect(outcome.issues).toEqual([expect.objectContaining({ row: 3, column: "server", message: '"SYNC03.corp.contoso.com" is the same server as row 2; a server may appear once per plan.' })]);
  });

  it("refuses a file without a server column and undecodable files", async () => {
    expect((await run(["wave,owner", "Pilot,x"])).issues).toEqual([expect.objectContaining({ file: "plan.csv", column: "server", severity: "error" })]);
    const pdf = await importRolloutPlan({ fileName: "plan.pdf", bytes: bytes("%PDF-1.7 ..."), dryRun: false, actor: lead, now });
    expect(pdf).toMatchObject({ status: "refused", issues: [expect.objectContaining({ file: "plan.pdf", message: expect.stringContaining("PDF") })] });
  });

  it("handles 10,000 rows in a few seconds", { timeout: 120_000 }, async () => {
    const header = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain\n";
    const hosts = Array.from({ length: 10_000 }, (_, i) => `BULK${String(i).padStart(5, "0")},Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,bulk.contoso.com`);
    const seeded = await ingestFile({ bytes: bytes(header + hosts.join("\n") + "\n"), fileName: "bulk.csv", options: {}, uploadedBy: { name: "admin@example.com" } });
    if (!seeded.ok) throw new Error(seeded.message);
    const lines = ["server,wave,owner,targetDate,status,note", ...hosts.map((_, i) => `bulk${String(i).padStart(5, "0")},Bulk ${i % 4},Team ${i % 7},2027-0${(i % 9) + 1}-15,scheduled,note ${i}`)];
    const started = performance.now();
    const preview = await run(lines, true, "bulk-plan.csv");
    const applied = await run(lines, false, "bulk-plan.csv");
    const elapsed = performance.now() - started;
    expect(preview).toMatchObject({ status: "preview", changed: 10_000, changesTruncated: true });
    expect(preview.changes).toHaveLength(5_000);
    expect(applied).toMatchObject({ status: "committed", changed: 10_000, wavesToCreate: ["Bulk 0", "Bulk 1", "Bulk 2", "Bulk 3"] });
    expect(elapsed).toBeLessThan(15_000);
    console.info(`plan import: 10,000 rows previewed and applied in ${Math.round(elapsed)} ms`);
    const again = await run(lines, false, "bulk-plan.csv");
    expect(again).toMatchObject({ changed: 0, unchanged: 10_000 });
  });
});
