import { beforeAll, describe, expect, it } from "vitest";
import { db } from "./db";
import { ingestFile } from "./ingest/ingest-file";
import { decodeStatuses, undelimitRuleIds } from "./ingest/statuses";
import { getServerDetail, getServerHistory } from "./servers";
import { approveWaiver, expireDueWaivers, getWaiver, listWaivers, rejectWaiver, requestWaiver, revokeWaiver, type WaiverCaller } from "./waivers";

const admin1: WaiverCaller = { kind: "session", userId: "u-admin1", email: "admin1@contoso.com", role: "admin" };
const admin2: WaiverCaller = { kind: "session", userId: "u-admin2", email: "admin2@contoso.com", role: "admin" };
const lead: WaiverCaller = { kind: "session", userId: "u-lead", email: "lead@contoso.com", role: "lead" };

const HEADER = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain";
async function upload(rows: string[], fileName: string) {
  const csv = [HEADER, ...rows].join("\n");
  const response = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName, options: {}, uploadedBy: { name: "test" } });
  if (!response.ok) throw new Error(response.message);
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const server = (fqdn: string) => db().server.findUniqueOrThrow({ where: { fqdn } });
const LETTER = { pass: "p", fail: "f", unknown: "u", waived: "w" } as const;
const statusOf = async (fqdn: string, ruleId: string) => {
  const status = decodeStatuses((await server(fqdn)).statuses).get(ruleId);
  return status && LETTER[status];
};
const summary = (ruleId: string) => db().ruleSummary.findUnique({ where: { ruleId } });
const audit = (action: string) => db().auditEntry.findMany({ where: { action } });

beforeAll(async () => {
  await upload(
    [
      "SYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com",
      "SYNC02,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,16,528449,corp.contoso.com",
      "APP03,Microsoft Windows Server 2022 Standard,10.0.20348.2402,2,528449,emea.contoso.com",
      "APP04,Microsoft Windows Server 2022 Standard,10.0.20348.2402,2,528449,emea.contoso.com",
    ],
    "fleet.csv",
  );
});

describe("warning waivers", () => {
  it("a lead waives a failing warning at once: status w, verdict improves, RuleSummary counts it, history says why", async () => {
    expect(await statusOf("sync02.corp.contoso.com", "host-os-recommended")).toBe("f");
    const before = await server("sync02.corp.contoso.com");
    const outcome = await requestWaiver({ ruleId: "host-os-recommended", scope: "server", server: "SYNC02", reason: "Upgrade planned in Q2", expiresAt: inDays(30) }, lead);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.waiver).toMatchObject({ status: "active", approvedBy: "lead@contoso.com", blocker: false, version: 1 });
    expect(outcome.waiver.label).toMatch(/^Waived by lead@contoso\.com until \d{4}-\d{2}-\d{2}$/);
    const after = await server("sync02.corp.contoso.com");
    expect(await statusOf("sync02.corp.contoso.com", "host-os-recommended")).toBe("w");
    expect(undelimitRuleIds(after.conditionRules)).not.toContain("host-os-recommended");
    expect(undelimitRuleIds(before.conditionRules)).toContain("host-os-recommended");
    expect((await summary("host-os-recommended"))?.waived).toBe(1);
    // The server page re-derives host results and applies the waiver the same way.
    const detail = await getServerDetail("sync02.corp.contoso.com");
    const result = detail!.hostResults.find((r) => r.ruleId === "host-os-recommended");
    expect(result).toMatchObject({ status: "waived", waiver: { id: outcome.waiver.id, by: "lead@contoso.com" } });
    const history = await getServerHistory(after.id);
    expect(history.evaluations[0]!.cause).toBe(`waiver:${outcome.waiver.id}`);
    expect((await audit("waiver.request")).length).toBeGreaterThan(0);
    expect((await audit("waiver.approve")).some((e) => e.targetId === outcome.waiver.id)).toBe(true);
    // A second waiver of the same thing is refused.
    const again = await requestWaiver({ ruleId: "host-os-recommended", scope: "server", server: "SYNC02", reason: "x", expiresAt: inDays(30) }, lead);
    expect(again).toMatchObject({ ok: false, status: 409 });
  });

  it("refuses passing results, bad expiries, empty reasons and server scope for shared rules", async () => {
    expect(await requestWaiver({ ruleId: "host-os-recommended", scope: "server", server: "SYNC01", reason: "x", expiresAt: inDays(30) }, lead)).toMatchObject({ ok: false, code: "not-failing" });
    expect(await requestWaiver({ ruleId: "host-os-recommended", scope: "server", server: "SYNC01", reason: "x", expiresAt: inDays(-1) }, lead)).toMatchObject({ ok: false, code: "bad-expiry" });
    expect(await requestWaiver({ ruleId: "host-os-recommended", scope: "server", server: "SYNC01", reason: "x", expiresAt: inDays(400) }, lead)).toMatchObject({ ok: false, code: "bad-expiry" });
    expect(await requestWaiver({ ruleId: "host-os-recommended", scope: "server", server: "SYNC01", reason: "  ", expiresAt: inDays(3) }, lead)).toMatchObject({ ok: false, code: "reason-required" });
    expect(await requestWaiver({ ruleId: "domain-functional-level", scope: "server", server: "SYNC01", reason: "x", expiresAt: inDays(3) }, lead)).toMatchObject({ ok: false, status: 400, code: "scope-not-allowed" });
    expect(await requestWaiver({ ruleId: "no-such-rule", scope: "server", server: "SYNC01", reason: "x", expiresAt: inDays(3) }, lead)).toMatchObject({ ok: false, status: 404 });
  });

  it("revoking (with the current version) restores the fail; a stale version gets 409 with the current state", async () => {
    const [waiver] = await listWaivers({ ruleId: "host-os-recommended", status: "active" });
    const stale = await revokeWaiver(waiver!.id, waiver!.version + 1, lead);
    expect(stale).toMatchObject({ ok: false, status: 409, code: "stale", current: { id: waiver!.id, status: "active" } });
    const revoked = await revokeWaiver(waiver!.id, waiver!.version, lead, "Upgraded instead");
    expect(revoked).toMatchObject({ ok: true, waiver: { status: "revoked", endReason: "Upgraded instead", version: 2 } });
    expect(await statusOf("sync02.corp.contoso.com", "host-os-recommended")).toBe("f");
    expect((await summary("host-os-recommended"))?.waived).toBe(0);
    expect((await audit("waiver.revoke")).map((e) => e.targetId)).toContain(waiver!.id);
  });
});

describe("blocker waivers", () => {
  it("a lead may not request one; an admin's is pending; self-approval is refused; another admin approves", async () => {
    const input = { ruleId: "host-memory", scope: "server" as const, server: "app03.emea.contoso.com", reason: "Test box, RAM upgrade ordered", expiresAt: inDays(60) };
    expect(await requestWaiver(input, lead)).toMatchObject({ ok: false, status: 403, code: "blocker-needs-admin" });
    const requested = await requestWaiver(input, admin1);
    if (!requested.ok) throw new Error(requested.message);
    expect(requested.waiver).toMatchObject({ status: "pending", blocker: true, approvedBy: null });
    expect(await statusOf("app03.emea.contoso.com", "host-memory")).toBe("f");

    expect(await approveWaiver(requested.waiver.id, 1, admin1)).toMatchObject({ ok: false, status: 403, code: "own-request" });
    // The same admin through an API token of theirs is another caller; a token approving its own request is not.
    const token: WaiverCaller = { kind: "token", tokenId: "t-ci", name: "ci", role: "admin" };
    const byToken = await requestWaiver({ ...input, server: "app04.emea.contoso.com" }, token);
    if (!byToken.ok) throw new Error(byToken.message);
    expect(await approveWaiver(byToken.waiver.id, 1, token)).toMatchObject({ ok: false, status: 403, code: "own-request" });
    expect(await rejectWaiver(byToken.waiver.id, 1, admin2, "not needed")).toMatchObject({ ok: true });
    expect(await approveWaiver(requested.waiver.id, 1, { ...lead })).toMatchObject({ ok: false, status: 403 });
    expect(await approveWaiver(requested.waiver.id, 7, admin2)).toMatchObject({ ok: false, status: 409, code: "stale", current: { status: "pending" } });
    const approved = await approveWaiver(requested.waiver.id, 1, admin2);
    expect(approved).toMatchObject({ ok: true, waiver: { status: "active", approvedBy: "admin2@contoso.com", version: 2 } });
    expect(await statusOf("app03.emea.contoso.com", "host-memory")).toBe("w");
    const app03 = await server("app03.emea.contoso.com");
    expect(undelimitRuleIds(app03.blockingRules)).not.toContain("host-memory");
    // The other server of the domain is not covered by a server waiver.
    expect(await statusOf("app04.emea.contoso.com", "host-memory")).toBe("f");
  });

  it("a new upload with changed evidence lapses it: the result counts again and the history says why", async () => {
    await upload(["APP03,Microsoft Windows Server 2022 Standard,10.0.20348.2402,3,528449,emea.contoso.com"], "app03-later.csv");
    const [waiver] = await listWaivers({ ruleId: "host-memory", server: "APP03" });
    expect(waiver).toMatchObject({ status: "lapsed", endedBy: "system" });
    expect(waiver!.endReason).toMatch(/^evidence changed \(was .+, now .+\)$/);
    expect(await statusOf("app03.emea.contoso.com", "host-memory")).toBe("f");
    const history = await getServerHistory((await server("app03.emea.contoso.com")).id);
    const latest = await db().evaluation.findFirst({ where: { serverId: (await server("app03.emea.contoso.com")).id }, orderBy: { evaluatedAt: "desc" } });
    expect(latest?.note).toMatch(/^waiver lapsed: evidence changed \(was host\.memory.* = .*, now host\.memory.* = .*\)$/);
    expect(history.evaluations[0]!.cause).toMatch(/^upload:/);
    expect((await audit("waiver.lapse")).map((e) => e.targetId)).toContain(waiver!.id);
    expect((await listWaivers({ status: "renewal" })).map((w) => w.id)).toContain(waiver!.id);
  });

  it("a pending blocker waiver can be rejected by another admin", async () => {
    const requested = await requestWaiver({ ruleId: "host-memory", scope: "server", server: "APP04", reason: "r", expiresAt: inDays(10) }, admin1);
    if (!requested.ok) throw new Error(requested.message);
    expect(await rejectWaiver(requested.waiver.id, 1, admin1)).toMatchObject({ ok: false, status: 403 });
    expect(await rejectWaiver(requested.waiver.id, 1, admin2, "Fix it instead")).toMatchObject({ ok: true, waiver: { status: "rejected" } });
    expect(await approveWaiver(requested.waiver.id, 2, admin2)).toMatchObject({ ok: false, status: 409, code: "not-pending" });
  });
});

describe("domain waivers and expiry", () => {
  it("a domain waiver of a host rule covers each server of the domain whose evidence it accepted", async () => {
    const requested = await requestWaiver({ ruleId: "host-memory", scope: "domain", domain: "EMEA.contoso.com", reason: "Lab domain", expiresAt: inDays(5) }, admin1);
    if (!requested.ok) throw new Error(requested.message);
    expect(requested.waiver.accepted).toHaveLength(2); // 2 GB (APP04) and 3 GB (APP03)
    expect(await approveWaiver(requested.waiver.id, 1, admin2)).toMatchObject({ ok: true });
    expect(await statusOf("app03.emea.contoso.com", "host-memory")).toBe("w");
    expect(await statusOf("app04.emea.contoso.com", "host-memory")).toBe("w");
    expect((await summary("host-memory"))?.waived).toBe(2);

    // APP04's evidence changes: no longer covered (the waiver stays active for APP03) and its history says so.
    await upload(["APP04,Microsoft Windows Server 2022 Standard,10.0.20348.2402,1,528449,emea.contoso.com"], "app04-later.csv");
    expect(await statusOf("app04.emea.contoso.com", "host-memory")).toBe("f");
    expect(await statusOf("app03.emea.contoso.com", "host-memory")).toBe("w");
    expect((await getWaiver(requested.waiver.id))?.status).toBe("active");
    const latest = await db().evaluation.findFirst({ where: { serverId: (await server("app04.emea.contoso.com")).id }, orderBy: { evaluatedAt: "desc" } });
    expect(latest?.note).toMatch(/no longer covers this server.*evidence changed \(was .*, now host\.memory.*\)/);
  });

  it("the sweep expires due waivers, re-evaluates what they covered and audits it; lists never show them active", async () => {
    const [waiver] = await listWaivers({ ruleId: "host-memory", status: "active" });
    const later = inDays(6);
    expect((await listWaivers({ status: "active" }, later)).map((w) => w.id)).not.toContain(waiver!.id);
    expect((await getWaiver(waiver!.id, later))?.status).toBe("expired");
    expect(await expireDueWaivers(later)).toBe(1);
    expect((await getWaiver(waiver!.id))?.status).toBe("expired");
    expect(await statusOf("app03.emea.contoso.com", "host-memory")).toBe("f");
    expect((await summary("host-memory"))?.waived).toBe(0);
    expect((await audit("waiver.expire")).map((e) => [e.targetId, e.actorKind])).toContainEqual([waiver!.id, "system"]);
    expect(await expireDueWaivers(later)).toBe(0);
    expect((await listWaivers({ status: "renewal" })).map((w) => w.id)).toContain(waiver!.id);
  });
});
