import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listAttestations, listDomainAttestations, recordAttestation } from "./attestations";
import { listDomainViews } from "./domain-views";
import { ingestFile } from "./ingest/ingest-file";

// Per-domain attestations (issue 14) through the real write path into a throwaway database (test/setup-db.ts).
const admin = { name: "admin@example.com" };
const collectorReport = () => new Uint8Array(readFileSync(path.resolve("lib/ingest/collector/fixtures/server2022-ready.json")));
const DOMAIN = "corp.contoso.com";

async function resultOf(ruleId: string) {
  const view = (await listDomainViews()).find((v) => v.domain === DOMAIN);
  return view?.domainResults.find((r) => r.ruleId === ruleId);
}

describe("domain attestations", () => {
  it("start unknown, then follow what is recorded for the domain, the latest per key winning", async () => {
    const response = await ingestFile({ bytes: collectorReport(), fileName: "SYNC01.json", options: {}, uploadedBy: admin });
    expect(response.ok).toBe(true);
    expect((await resultOf("domain-gmsa-admin-credentials"))?.status).toBe("unknown");

    await recordAttestation({ key: "gmsa-admin-credentials", domain: "CORP.contoso.com", attested: false, by: "lead@example.com" }, new Date("2026-07-01T09:00:00Z"));
    expect((await resultOf("domain-gmsa-admin-credentials"))?.status).toBe("fail");
    await recordAttestation({ key: "gmsa-admin-credentials", domain: DOMAIN, attested: true, by: "lead@example.com", note: "DA booked" }, new Date("2026-07-02T09:00:00Z"));
    expect((await resultOf("domain-gmsa-admin-credentials"))?.status).toBe("pass");

    for (const key of ["restricted-admin-access", "dedicated-admin-accounts", "privileged-access-workstations", "admin-mfa"] as const) {
      await recordAttestation({ key, domain: DOMAIN, attested: true, by: "secops@example.com" }, new Date("2026-07-03T09:00:00Z"));
    }
    expect((await resultOf("domain-admin-hardening"))?.status).toBe("unknown");
    await recordAttestation({ key: "laps", domain: DOMAIN, attested: false, by: "secops@example.com" }, new Date("2026-07-03T10:00:00Z"));
    const hardening = await resultOf("domain-admin-hardening");
    expect(hardening?.status).toBe("fail");
    expect(hardening?.severity).toBe("warning");

    const listed = (await listDomainAttestations()).get(DOMAIN);
    expect(listed?.current.find((a) => a.key === "gmsa-admin-credentials")).toMatchObject({ attested: true, note: "DA booked" });
    expect(listed?.history.filter((a) => a.key === "gmsa-admin-credentials")).toHaveLength(2);
    // Domain attestations stay out of the tenant's checklist.
    expect((await listAttestations()).history).toEqual([]);
  });
});
