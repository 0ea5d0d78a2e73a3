import { describe, expect, it } from "vitest";
import { db } from "../db";
import { getWaiver, requestWaiver, type WaiverCaller } from "../waivers";
import { deleteUpload } from "./delete-upload";
import { ingestFile } from "./ingest-file";

// Real parsers, rules and a throwaway SQLite database.
const lead: WaiverCaller = { kind: "session", userId: "u-lead", email: "lead@contoso.com", role: "lead" };

describe("deleting the only upload of a server", () => {
  it("removes the server but keeps its waivers as lapsed records with an audit entry naming the server", async () => {
    const csv = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain\nOLD01,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,16,528449,del.contoso.com\n";
    const response = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName: "old01.csv", options: {}, uploadedBy: { name: "test" } });
    if (!response.ok || !response.id) throw new Error("upload failed");
    const outcome = await requestWaiver({ ruleId: "host-os-recommended", scope: "server", server: "OLD01", reason: "Upgrade planned in Q2", expiresAt: new Date(Date.now() + 30 * 86_400_000) }, lead);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.waiver.status).toBe("active");

    expect(await deleteUpload(response.id)).toBe(true);
    expect(await db().server.findUnique({ where: { fqdn: "old01.del.contoso.com" } })).toBeNull();
    const waiver = await getWaiver(outcome.waiver.id);
    expect(waiver).toMatchObject({ status: "lapsed", server: null, endReason: "old01.del.contoso.com was removed: the upload old01.csv that described it was deleted" });
    const entries = await db().auditEntry.findMany({ where: { action: "waiver.lapse", targetId: outcome.waiver.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: "system", targetLabel: "host-os-recommended on old01.del.contoso.com" });
  });
});
