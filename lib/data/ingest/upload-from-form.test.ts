import { describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { uploadRequestFromForm } from "./upload-from-form";

// The request-thread checks of a multipart upload (a real FormData; the saved-mapping lookup reads a real database).
const admin: Caller = { kind: "session", sessionId: "s", userId: "u-admin", email: "admin@example.com", name: "Admin", role: "admin" } as Caller;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  data.append("file", new File(["Asset\nsrv01.corp.example\n"], "cmdb.csv", { type: "text/csv" }));
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe("uploadRequestFromForm", () => {
  it("refuses a mappingName that names no saved mapping, instead of reading the file without it", async () => {
    const prepared = await uploadRequestFromForm(form({ mappingName: "No such mapping" }), admin);
    expect(prepared).toMatchObject({ ok: false, response: { status: 400, code: "bad-fields", issues: [{ column: "mappingName", message: expect.stringMatching(/no saved column mapping named "No such mapping"/) }] } });
  });

  it("refuses saveMapping without a name or a mapping, and hands a complete one to the commit (not saved here)", async () => {
    expect(await uploadRequestFromForm(form({ saveMapping: "true", mappingName: "CMDB" }), admin)).toMatchObject({ ok: false, response: { issues: [{ column: "saveMapping" }] } });
    const mapping = JSON.stringify({ Asset: "hostName" });
    const prepared = await uploadRequestFromForm(form({ saveMapping: "true", mappingName: "CMDB", columnMapping: mapping }), admin);
    expect(prepared).toMatchObject({ ok: true, request: { saveMapping: { name: "CMDB", mapping: { Asset: "hostName" } } } });
    const dryRun = await uploadRequestFromForm(form({ saveMapping: "true", mappingName: "CMDB", columnMapping: mapping, dryRun: "true" }), admin);
    expect(dryRun.ok && dryRun.request.saveMapping).toBeUndefined();
  });
});
