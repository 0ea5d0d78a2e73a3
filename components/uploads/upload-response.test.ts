import { describe, expect, it } from "vitest";
import { answerOfJob, readUploadAnswer, readUploadJob } from "./upload-response";

describe("readUploadAnswer", () => {
  it("reads a 201 answer", () => {
    const body = { id: "u1", kind: "host-inventory", format: "inventory-csv", status: "committed", counts: { records: 2, accepted: 2, rejected: 0, servers: 2 }, issues: [{ file: "a.csv", row: 3, column: "RAM", message: "odd", severity: "warning" }] };
    const answer = readUploadAnswer(201, JSON.stringify(body), "a.csv");
    expect(answer).toEqual({ ok: true, value: body });
  });

  it("reads a refusal and turns request-validation issues into file-level issues", () => {
    const body = { error: { code: "bad-fields", message: "Some upload fields are not valid.", issues: [{ file: "a.csv", column: "kind", message: "Invalid option", severity: "error" }, { path: "page", message: "Too small" }] } };
    const answer = readUploadAnswer(400, JSON.stringify(body), "a.csv");
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe("bad-fields");
    expect(answer.error.issues).toEqual([
      { file: "a.csv", column: "kind", message: "Invalid option", severity: "error" },
      { file: "a.csv", column: "page", message: "Too small", severity: "error" },
    ]);
  });

  it("explains answers without a readable body", () => {
    const network = readUploadAnswer(0, "", "a.csv");
    expect(network.ok || network.error.code).toBe("network");
    const html = readUploadAnswer(502, "<html>Bad gateway</html>", "a.csv");
    expect(html.ok || html.error.message).toMatch(/answered 502/);
    const garbled = readUploadAnswer(201, "{\"id\":1}", "a.csv");
    expect(garbled.ok || garbled.error.code).toBe("bad-answer");
  });
});

describe("upload jobs", () => {
  it("reads a running job, then a finished one's answer exactly like the synchronous answer", () => {
    const running = readUploadJob(JSON.stringify({ id: "j1", fileName: "a.csv", stage: "queued", position: 2, records: null, servers: null, result: null }));
    expect(running).toMatchObject({ stage: "queued", position: 2 });
    expect(answerOfJob(running!, "a.csv")).toBeNull();
    const body = { id: "u1", kind: "host-inventory", format: "inventory-csv", status: "committed", counts: { records: 2, accepted: 2, rejected: 0, servers: 2 }, issues: [] };
    const done = readUploadJob(JSON.stringify({ id: "j1", stage: "done", position: null, records: 2, servers: 2, result: { status: 201, body } }));
    expect(answerOfJob(done!, "a.csv")).toEqual(readUploadAnswer(201, JSON.stringify(body), "a.csv"));
    const failed = readUploadJob(JSON.stringify({ id: "j1", stage: "failed", position: null, records: null, servers: null, result: { status: 500, body: { error: { code: "ingest-failed", message: "The upload worker stopped. Nothing was stored.", issues: [] } } } }));
    expect(answerOfJob(failed!, "a.csv")).toEqual({ ok: false, error: { code: "ingest-failed", message: "The upload worker stopped. Nothing was stored.", issues: [] } });
  });

  it("refuses what is not a job", () => {
    expect(readUploadJob("not json")).toBeNull();
    expect(readUploadJob(JSON.stringify({ id: "j1", stage: "sleeping" }))).toBeNull();
  });
});

describe("readUploadAnswer: a refused ACL export's gMSA suggestion", () => {
  it("keeps suggestedGmsa and drops a malformed one", () => {
    const body = (suggestedGmsa: unknown) => JSON.stringify({ error: { code: "bad-input", message: "m", issues: [], suggestedGmsa } });
    expect(readUploadAnswer(400, body({ account: "CORP\\g$", candidates: ["CORP\\g$"] }), "acl.csv")).toMatchObject({ ok: false, error: { suggestedGmsa: { account: "CORP\\g$", candidates: ["CORP\\g$"] } } });
    const bad = readUploadAnswer(400, body({ account: 3 }), "acl.csv");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.suggestedGmsa).toBeUndefined();
  });
});
