import { beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/entry";
import { parseServerFilters } from "@/lib/views/server-filters";
import { db } from "../db";
import { loadDemoFleet } from "../demo";
import { ingestFile } from "../ingest/ingest-file";
import { listServers } from "../servers";
import { bulkUpdateRollout } from "./bulk";
import { RolloutRuleError, StaleVersionError } from "./errors";
import { getWaveGate } from "./gates";
import { getReadinessByWave, getRolloutProgress, readinessOfWaves } from "./progress";
import { updateServerRollout } from "./server-rollout";
import { createWave, getWave, listWaves, updateWave } from "./waves";

// Real demo fleet through the real upload path, real rules, a throwaway SQLite database: nothing mocked.
const lead: AuditActor = { kind: "user", id: "lead-1", name: "lead@example.com" };
const other: AuditActor = { kind: "user", id: "lead-2", name: "other@example.com" };

async function names(query: string): Promise<{ fqdn: string; name: string; domain: string; version: number }[]> {
  const parsed = parseServerFilters(new URLSearchParams(`${query}&pageSize=500`));
  if (!parsed.success) throw parsed.error;
  return (await listServers(parsed.data)).servers.map((s) => ({ fqdn: s.fqdn, name: s.name, domain: s.domain, version: s.rollout.version }));
}

async function auditActions(targetId?: string): Promise<string[]> {
  const rows = await db().auditEntry.findMany({ where: targetId ? { targetId } : {}, orderBy: { at: "asc" }, select: { action: true } });
  return rows.map((row) => row.action);
}

let readyDomain = "";

beforeAll(async () => {
  await loadDemoFleet({ servers: 300, uploadedBy: { name: "demo@example.com" } });
});

describe("waves and the go/no-go gate", () => {
  it("counts a member as a gate problem exactly when its verdict is not ready (what the gate's index relies on)", async () => {
    const rows = await db().server.findMany({ select: { verdict: true, blockingRules: true, conditionRules: true, unknownBlockers: true } });
    expect(rows.length).toBe(300);
    for (const row of rows) expect(row.blockingRules !== "" || row.conditionRules !== "" || row.unknownBlockers !== "", JSON.stringify(row)).toBe(row.verdict !== "ready");
    expect(rows.some((row) => row.verdict === "unknown" && row.unknownBlockers !== "")).toBe(true);
  });

  it("creates waves in order with unique names (case-insensitive) and an empty wave is no-go", async () => {
    const first = await createWave({ name: "Pilot", description: "First servers" }, lead);
    const second = await createWave({ name: "Wave 2", description: "", startDate: "2026-12-10", endDate: "2026-12-20" }, lead);
    expect([first.position, second.position]).toEqual([1, 2]);
    expect(first.gate).toMatchObject({ status: "no-go", summary: "No servers are assigned to this wave." });
    await expect(createWave({ name: "  pilot ", description: "" }, lead)).rejects.toBeInstanceOf(RolloutRuleError);
    expect(await auditActions(first.id)).toEqual(["wave.create"]);
  });

  it("assigns every server matching a filter and turns the gate to go when all are clear with enough agents", async () => {
    // The demo's one ready server is in a domain that already has three agents installed.
    const ready = await names("readiness=ready");
    expect(ready).toHaveLength(1);
    readyDomain = ready[0]!.domain;
    const pilot = (await listWaves()).find((wave) => wave.name === "Pilot")!;
    const outcome = await bulkUpdateRollout({ filter: "readiness=ready" }, { waveId: pilot.id, status: "scheduled", targetDate: "2026-12-01" }, lead);
    expect(outcome).toEqual({ matched: 1, changed: 1 });
    const gate = (await getWaveGate(pilot.id))!;
    expect(gate).toMatchObject({ status: "go", blockers: [] });
    const stored = (await getWave(pilot.id))!;
    expect(stored.gate).toMatchObject({ status: "go", changeCause: "rollout:bulk" });
    expect(await db().auditEntry.count({ where: { action: "rollout.assign" } })).toBe(1);
    expect(await db().auditEntry.count({ where: { action: "rollout.bulk" } })).toBe(1);
    // The same change again changes nothing and writes no audit entries.
    const again = await bulkUpdateRollout({ filter: "readiness=ready" }, { waveId: pilot.id, status: "scheduled", targetDate: "2026-12-01" }, lead);
    expect(again).toEqual({ matched: 1, changed: 0 });
    expect(await db().auditEntry.count({ where: { action: "rollout.bulk" } })).toBe(1);
    // The rollout page derives readiness per wave from its wave list: the same rows as the overview's query.
    const byWave = await getReadinessByWave();
    expect(byWave.find((row) => row.waveId === pilot.id)).toMatchObject({ total: 1, byVerdict: { ready: 1 } });
    expect(readinessOfWaves(await listWaves({ includeArchived: true }))).toEqual(byWave);
  });

  it("lists the exact blockers when a not-ready server joins, and goes back to go when it is moved out (the move is recorded)", async () => {
    const pilot = (await listWaves()).find((wave) => wave.name === "Pilot")!;
    const wave2 = (await listWaves()).find((wave) => wave.name === "Wave 2")!;
    const notReady = (await names(`readiness=not-ready&domain=${readyDomain}`))[0]!;
    const state = await updateServerRollout(notReady.fqdn, { waveId: pilot.id, version: notReady.version }, lead);
    const gate = (await getWaveGate(pilot.id))!;
    expect(gate.status).toBe("no-go");
    expect(gate.blockers.every((b) => b.kind === "server" && b.fqdn === notReady.fqdn)).toBe(true);
    expect(gate.blockers.some((b) => b.kind === "server" && b.issue === "fails-blocker")).toBe(true);
    expect((await getWave(pilot.id))!.gate).toMatchObject({ status: "no-go", changeCause: `rollout:${notReady.fqdn}` });

    await updateServerRollout(notReady.fqdn, { waveId: wave2.id, version: state.version }, lead);
    expect((await getWaveGate(pilot.id))!.status).toBe("go");
    expect(await auditActions(notReady.fqdn)).toEqual(["rollout.assign", "rollout.move"]);
    const move = await db().auditEntry.findFirst({ where: { targetId: notReady.fqdn, action: "rollout.move" } });
    expect(JSON.parse(move!.beforeJson!)).toEqual({ wave: { id: pilot.id, name: "Pilot" } });
    expect(JSON.parse(move!.afterJson!)).toEqual({ wave: { id: wave2.id, name: "Wave 2" } });
  });

  it("refuses a stale version with the current state and who changed it", async () => {
    const server = (await names("readiness=ready"))[0]!;
    await updateServerRollout(server.fqdn, { owner: "Alice", version: server.version }, lead);
    const stale = updateServerRollout(server.fqdn, { owner: "Bob", version: server.version }, other);
    await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
    const error = (await stale.catch((e: unknown) => e)) as StaleVersionError<{ owner: string }>;
    expect(error.changedBy).toBe("lead@example.com");
    expect(error.current.owner).toBe("Alice");
  });

  it("refuses a bulk change whose names do not all resolve, and changes nothing", async () => {
    const server = (await names("readiness=ready"))[0]!;
    const before = await db().auditEntry.count();
    await expect(bulkUpdateRollout({ servers: [server.name.toLowerCase(), "no-such-host"] }, { status: "blocked" }, lead)).rejects.toThrow(/do not resolve/);
    expect(await db().auditEntry.count()).toBe(before);
    expect((await db().server.findUnique({ where: { fqdn: server.fqdn } }))!.rolloutStatus).toBe("scheduled");
    expect(server.fqdn).toBe((await names("readiness=ready"))[0]!.fqdn);
  });

  it("counts agents per domain: installed plus planned in this and earlier waves", async () => {
    const fabrikam = await names("domain=fabrikam.com");
    const small = await createWave({ name: "Small", description: "" }, lead);
    await updateServerRollout(fabrikam[0]!.fqdn, { waveId: small.id, version: fabrikam[0]!.version }, lead);
    const agents = async () => (await getWaveGate(small.id))!.blockers.filter((b) => b.kind === "agents");
    expect(await agents()).toEqual([{ kind: "agents", domain: "fabrikam.com", installed: 0, planned: 1, needed: 3 }]);
    // A server of the domain planned in an earlier wave counts toward the later wave too.
    const pilot = (await listWaves()).find((wave) => wave.name === "Pilot")!;
    await updateServerRollout(fabrikam[1]!.fqdn, { waveId: pilot.id, version: fabrikam[1]!.version }, lead);
    expect(await agents()).toEqual([{ kind: "agents", domain: "fabrikam.com", installed: 0, planned: 2, needed: 3 }]);
    const pilotAgents = (await getWaveGate(pilot.id))!.blockers.filter((b) => b.kind === "agents");
    expect(pilotAgents).toEqual([{ kind: "agents", domain: "fabrikam.com", installed: 0, planned: 1, needed: 3 }]);
    // Excluded servers are not planned agents.
    await bulkUpdateRollout({ servers: [fabrikam[1]!.fqdn] }, { waveId: null }, lead);
  });

  it("marks a server installed (detected) when an upload shows the agent installed, and counts it in progress", async () => {
    const server = (await names(`wave=any&domain=${readyDomain}&rollout=scheduled`))[0]!;
    const csv = `Host Name,Domain,Agent Installed\n${server.name},${readyDomain},True\n`;
    const response = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName: "agents.csv", options: {}, uploadedBy: { name: "admin@example.com" } });
    expect(response.ok).toBe(true);
    const row = (await db().server.findUnique({ where: { fqdn: server.fqdn } }))!;
    expect(row).toMatchObject({ rolloutStatus: "installed", rolloutStatusSource: "detected" });
    expect(row.rolloutDetectedUploadId).toBeTruthy();
    expect(await auditActions(server.fqdn)).toContain("rollout.detected-installed");
    const progress = await getRolloutProgress(null, new Date("2026-12-04T12:00:00Z"));
    expect(progress.byStatus.installed).toBe(1);
    expect(progress.overdue).toBe(0);
    // A typed status replaces the detected one.
    await updateServerRollout(server.fqdn, { status: "in-progress", version: row.rolloutVersion }, lead);
    expect((await db().server.findUnique({ where: { fqdn: server.fqdn } }))!).toMatchObject({ rolloutStatus: "in-progress", rolloutStatusSource: "typed", rolloutInstalledAt: null });
    // Its target date (2026-12-01) has passed and it is not installed: overdue.
    expect((await getRolloutProgress(null, new Date("2026-12-04T12:00:00Z"))).overdue).toBe(1);
  });

  it("reorders and archives waves; servers of an archived wave are free and an archived wave takes no servers", async () => {
    const [pilot, wave2] = await listWaves();
    const moved = await updateWave(wave2!.id, { version: wave2!.version, position: 1 }, lead);
    expect(moved.position).toBe(1);
    expect((await getWave(pilot!.id))!.position).toBe(2);
    const archived = await updateWave(moved.id, { version: moved.version, archived: true }, lead);
    expect(archived.archivedAt).not.toBeNull();
    const free = await names("wave=none");
    expect(free.length).toBeGreaterThan(0);
    const unassigned = (await db().server.findFirst({ where: { waveId: null }, select: { fqdn: true } }))!;
    const anyServer = free.find((server) => server.fqdn === unassigned.fqdn)!;
    await expect(updateServerRollout(anyServer.fqdn, { waveId: archived.id, version: anyServer.version }, lead)).rejects.toThrow(/archived/);
    await expect(updateWave(moved.id, { version: moved.version, name: "Renamed" }, other)).rejects.toBeInstanceOf(StaleVersionError);
    expect(await auditActions(archived.id)).toEqual(["wave.create", "wave.reorder", "wave.archive"]);
  });
});
