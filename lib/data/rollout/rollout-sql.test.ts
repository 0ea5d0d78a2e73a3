import { describe, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/entry";
import { db } from "../db";
import { withRuleLists } from "../test-sql";
import { bulkUpdateRollout } from "./bulk";
import { getWaveGate, refreshWaveGates } from "./gates";
import { createWave, getWave } from "./waves";

// The rollout's hand-written SQL (bulk patches, wave gates) on whichever database the matrix runs: SQLite, or
// PostgreSQL under `npm run test:pg`. Servers are seeded through Prisma (not the SQLite-only upload path), with the rule
// lists the evaluation writes beside `statuses`.
const lead: AuditActor = { kind: "user", id: "lead-1", name: "lead@example.com" };

async function seed(): Promise<void> {
  const rows = [
    ...Array.from({ length: 4 }, (_, i) => ({ fqdn: `ok${i}.corp.contoso.com`, name: `OK${i}`, domain: "corp.contoso.com", verdict: "ready", agentInstalled: i < 3 })),
    { fqdn: "bad.corp.contoso.com", name: "BAD", domain: "corp.contoso.com", verdict: "not-ready", blockingRules: ",host-tls12-schannel,", ...withRuleLists("host-tls12-schannel:f") },
    { fqdn: "new.fabrikam.com", name: "NEW", domain: "fabrikam.com", verdict: "ready", ...withRuleLists("host-dotnet:w") },
  ];
  await db().server.createMany({ data: rows });
}

describe("rollout SQL (bulk patches and wave gates)", () => {
  it("writes bulk patches, refreshes the stored gate and reads the full gate with its blockers", async () => {
    await seed();
    const pilot = await createWave({ name: "Pilot", description: "" }, lead);
    const now = new Date("2026-12-01T10:00:00Z");
    const outcome = await bulkUpdateRollout(
      { servers: ["ok3.corp.contoso.com", "bad.corp.contoso.com", "new.fabrikam.com"] },
      { waveId: pilot.id, status: "scheduled", targetDate: "2026-12-20", note: "first wave" },
      lead,
      now,
    );
    expect(outcome).toEqual({ matched: 3, changed: 3 });
    const members = await db().server.findMany({ where: { waveId: pilot.id }, orderBy: { fqdn: "asc" } });
    expect(members.map((s) => [s.fqdn, s.rolloutStatus, s.rolloutTargetDate, s.rolloutNote, s.rolloutVersion, s.rolloutUpdatedBy])).toEqual([
      ["bad.corp.contoso.com", "scheduled", "2026-12-20", "first wave", 2, "lead@example.com"],
      ["new.fabrikam.com", "scheduled", "2026-12-20", "first wave", 2, "lead@example.com"],
      ["ok3.corp.contoso.com", "scheduled", "2026-12-20", "first wave", 2, "lead@example.com"],
    ]);
    expect(members[0]!.rolloutUpdatedAt?.toISOString()).toBe(now.toISOString());
    // Untouched columns keep their values; servers outside the selection are untouched.
    expect((await db().server.findUnique({ where: { fqdn: "ok0.corp.contoso.com" } }))!.rolloutVersion).toBe(1);
    expect(await db().auditEntry.count({ where: { action: "rollout.bulk" } })).toBe(1);

    const gate = (await getWaveGate(pilot.id))!;
    expect(gate.status).toBe("no-go");
    expect(gate.waivedServers).toBe(1);
    expect(gate.truncated).toBe(false);
    expect(gate.blockers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "agents", domain: "fabrikam.com", installed: 0, planned: 1 }),
        expect.objectContaining({ kind: "server", fqdn: "bad.corp.contoso.com" }),
      ]),
    );
    expect(gate.blockers.some((b) => b.kind === "agents" && b.domain === "corp.contoso.com")).toBe(false);
    const stored = (await getWave(pilot.id))!;
    expect(stored.gate).toMatchObject({ status: "no-go" });

    // Only the problem server out: still no-go (fabrikam.com lacks agents); a refresh with nothing changed flips nothing.
    await bulkUpdateRollout({ servers: ["bad.corp.contoso.com"] }, { waveId: null }, lead, now);
    expect((await getWaveGate(pilot.id))!.blockers.some((b) => b.kind === "server")).toBe(false);
    expect(await refreshWaveGates("test", now)).toMatchObject({ waves: 1, flipped: 0 });
    expect(await getWaveGate("no-such-wave")).toBeNull();
  });
});
