import { beforeAll, describe, expect, it } from "vitest";
import { parseServerFilters } from "@/lib/views/server-filters";
import { recordAttestation } from "./attestations";
import { getChanges } from "./changes";
import { db } from "./db";
import { loadDemoFleet } from "./demo";
import { ingestFile } from "./ingest/ingest-file";
import { undelimitRuleIds } from "./ingest/statuses";
import { requestWaiver, revokeWaiver, type WaiverCaller } from "./waivers";

// The demo fleet through the real upload path, then real changes through the real paths (an upload, a waiver,
// an attestation): nothing mocked.
const lead: WaiverCaller = { kind: "session", userId: "u-lead", email: "lead@contoso.com", role: "lead" };
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

async function upload(csv: string, fileName: string): Promise<void> {
  const response = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName, options: {}, uploadedBy: { name: "admin@contoso.com" } });
  if (!response.ok || response.status !== "committed") throw new Error(`${fileName}: ${response.ok ? response.status : response.message}`);
}

type Row = { fqdn: string; name: string; domain: string; verdict: string; conditionRules: string; blockingRules: string; unknownRules: string };
const servers = () => db().server.findMany({ orderBy: { fqdn: "asc" }, select: { fqdn: true, name: true, domain: true, verdict: true, conditionRules: true, blockingRules: true, unknownRules: true } });

let from: Date;
let to: Date;
let degraded: Row[] = [];
let flipped: Row;
let waived: Row;
let waivedRule = "";
let waiverId = "";
let waiverVersion = 0;

async function waive(candidates: Row[]): Promise<{ server: Row; ruleId: string; waiverId: string; version: number }> {
  for (const candidate of candidates) {
    const ruleId = undelimitRuleIds(candidate.conditionRules)[0]!;
    const outcome = await requestWaiver({ ruleId, scope: "server", server: candidate.fqdn, reason: "Accepted for the pilot", expiresAt: new Date(Date.now() + 30 * 86_400_000) }, lead);
    if (outcome.ok && (await db().server.findUniqueOrThrow({ where: { fqdn: candidate.fqdn } })).verdict === "ready") {
      return { server: candidate, ruleId, waiverId: outcome.waiver.id, version: outcome.waiver.version };
    }
  }
  throw new Error("no server could be waived to ready");
}

beforeAll(async () => {
  await loadDemoFleet({ servers: 300, uploadedBy: { name: "demo@example.com" } });
  await pause();
  from = new Date();
  await pause();
  const fleet = await servers();
  const conditions = fleet.filter((s) => s.verdict === "ready-with-conditions" && !undelimitRuleIds(s.conditionRules).includes("host-memory"));
  // Three servers are re-inventoried with 2 GB of memory (a blocker): ready with conditions -> not ready, "new data".
  degraded = conditions.slice(0, 3);
  await upload(`Host Name,Domain,RAM (GB)\n${degraded.map((s) => `${s.name},${s.domain},2`).join("\n")}\n`, "memory-check.csv");
  // Ready-with-conditions servers with one failing warning become ready once that risk is accepted.
  const single = conditions.slice(3).filter((s) => undelimitRuleIds(s.conditionRules).length === 1);
  const granted = await waive(single);
  waived = granted.server;
  waivedRule = granted.ruleId;
  waiverId = granted.waiverId;
  waiverVersion = granted.version;
  // Another is waived and the waiver revoked: evaluated twice in the window, but its verdict did not change.
  const other = await waive(single.filter((s) => s.fqdn !== waived.fqdn));
  flipped = other.server;
  const revoked = await revokeWaiver(other.waiverId, other.version, lead, "Changed our mind");
  if (!revoked.ok) throw new Error(revoked.message);
  await pause();
  to = new Date();
});

describe("getChanges", () => {
  it("groups verdict changes by cause with before -> after, the rules that changed and the upload's file name", async () => {
    expect(degraded).toHaveLength(3);
    expect(waived).toBeDefined();
    const report = await getChanges({ from, to });
    const upload = report.groups.find((g) => g.cause === "upload")!;
    expect(upload.changes.map((c) => c.fqdn).sort()).toEqual(degraded.map((s) => s.fqdn).sort());
    for (const change of upload.changes) {
      expect(change).toMatchObject({ before: "ready-with-conditions", after: "not-ready", direction: "worse", causeDetail: "memory-check.csv" });
      expect(change.rules[0]).toEqual({ ruleId: "host-memory", from: "pass", to: "fail" });
      expect(Date.parse(change.at)).toBeGreaterThan(from.getTime());
    }
    const waiver = report.groups.find((g) => g.cause === "waiver-granted")!;
    expect(waiver.changes).toHaveLength(1);
    expect(waiver.changes[0]).toMatchObject({ fqdn: waived.fqdn, before: "ready-with-conditions", after: "ready", direction: "improved" });
    expect(waiver.changes[0]!.causeDetail).toContain(waivedRule);
    expect(waiver.changes[0]!.rules).toEqual([{ ruleId: waivedRule, from: "fail", to: "waived" }]);
    expect(report).toMatchObject({ changed: 4, improved: 1, worse: 3, removed: 0, added: { total: 0 } });
    expect(report.groups.map((g) => g.cause)).toEqual(["upload", "waiver-granted"]);
  });

  it("does not list servers whose verdict flipped and flipped back, or that were not evaluated in the window", async () => {
    const report = await getChanges({ from, to });
    const listed = report.groups.flatMap((g) => g.changes.map((c) => c.fqdn));
    expect(listed).not.toContain(flipped.fqdn);
    expect(listed).toHaveLength(4);
    // A window before any of it: nothing changed; the demo load itself counts as new servers.
    expect(await getChanges({ from: new Date(from.getTime() - 1), to: new Date(from.getTime()) })).toMatchObject({ changed: 0, groups: [] });
    const loaded = await getChanges({ from: new Date(0), to: from });
    expect(loaded.changed).toBe(0);
    expect(loaded.added.total).toBe(300);
  });

  it("applies a server-list filter", async () => {
    const filters = parseServerFilters(new URLSearchParams(`domain=${waived.domain}`));
    if (!filters.success) throw filters.error;
    const report = await getChanges({ from, to, filters: filters.data });
    expect(report.groups.flatMap((g) => g.changes).every((c) => c.domain === waived.domain)).toBe(true);
    expect(report.groups.find((g) => g.cause === "waiver-granted")?.changes).toHaveLength(1);
    expect(report.filter).toBe(`?domain=${encodeURIComponent(waived.domain)}`);
  });

  it("tells a revoked waiver from a granted one, and the last change inside the window wins", async () => {
    const start = new Date();
    await pause();
    const revoked = await revokeWaiver(waiverId, waiverVersion, lead, "Risk no longer accepted");
    if (!revoked.ok) throw new Error(revoked.message);
    await pause();
    const report = await getChanges({ from: start, to: new Date() });
    expect(report.groups.map((g) => g.cause)).toEqual(["waiver-revoked"]);
    expect(report.groups[0]!.changes[0]).toMatchObject({ fqdn: waived.fqdn, before: "ready", after: "ready-with-conditions", direction: "worse", rules: [{ ruleId: waivedRule, from: "waived", to: "fail" }] });
    // Over the whole window it went ready-with-conditions -> ready -> ready-with-conditions: no change.
    const whole = await getChanges({ from, to: new Date() });
    expect(whole.groups.flatMap((g) => g.changes).map((c) => c.fqdn)).not.toContain(waived.fqdn);
  });

  it("names the attestation as the cause when it changes a verdict", async () => {
    const ready = await db().server.findMany({ where: { verdict: "ready" }, select: { fqdn: true } });
    expect(ready.length).toBeGreaterThan(0);
    const start = new Date();
    await pause();
    await recordAttestation({ key: "idfix-run", attested: false, by: "lead@contoso.com", note: "IdFix found new errors" });
    await pause();
    const report = await getChanges({ from: start, to: new Date() });
    const attestation = report.groups.find((g) => g.cause === "attestation")!;
    expect(attestation.changes.map((c) => c.fqdn).sort()).toEqual(ready.map((s) => s.fqdn).sort());
    expect(attestation.changes.every((c) => c.before === "ready" && c.after === "ready-with-conditions" && c.causeDetail === "idfix-run")).toBe(true);
    expect(attestation.changes[0]!.rules).toContainEqual({ ruleId: "tenant-idfix", from: "unknown", to: "fail" });
  });
});
