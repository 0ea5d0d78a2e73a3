import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import type { Caller } from "@/lib/auth/caller";
import { createApiToken } from "@/lib/data/api-tokens";
import { mayReadJob } from "@/lib/data/ingest/upload-from-form";
import { ingestQueue } from "@/lib/data/ingest/worker/ingest-queue";
import { POST } from "../../route";
import { GET } from "./route";

// POST /api/uploads (synchronous and ?async=1) and GET /api/uploads/jobs/{id} end to end: token auth, multipart, the
// real upload worker and a real throwaway database.
let admin = "";
let otherAdmin = "";
let lead = "";

const CSV = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain\nSYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com\n";

function form(text: string, name: string, fields: Record<string, string> = {}) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  body.append("file", new File([text], name, { type: "text/csv" }));
  return body;
}

function post(token: string, body: FormData, query = "", headers: Record<string, string> = {}) {
  return POST(new Request(`http://localhost/api/uploads${query}`, { method: "POST", headers: { Authorization: `Bearer ${token}`, ...headers }, body }), { params: Promise.resolve({}) });
}

function getJob(token: string, id: string) {
  return GET(new Request(`http://localhost/api/uploads/jobs/${id}`, { headers: { Authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });
}

async function finished(token: string, id: string) {
  for (;;) {
    const body = await (await getJob(token, id)).json();
    if (body.stage === "done" || body.stage === "failed") return body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  admin = (await createApiToken({ name: "uploader", role: "admin" }, SYSTEM_ACTOR)).token;
  otherAdmin = (await createApiToken({ name: "other-admin", role: "admin" }, SYSTEM_ACTOR)).token;
  lead = (await createApiToken({ name: "lead", role: "lead" }, SYSTEM_ACTOR)).token;
  // Start the upload worker once (its first start transpiles the ingest path through tsx: slow on a busy machine).
  await ingestQueue().submit({ bytes: new TextEncoder().encode("warm-up\n"), fileName: "warm-up.txt", options: {}, uploadedBy: { name: "test" } }, { key: "test", label: "test" }).done;
}, 180_000);

afterAll(async () => {
  await ingestQueue().close();
});

describe("POST /api/uploads", () => {
  it("keeps its synchronous contract: waits, then 201 with the upload or 400 with the refusal", async () => {
    const created = await post(admin, form(CSV, "inv.csv", { dryRun: "true" }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: null, status: "dry-run", counts: { records: 1, accepted: 1 } });
    const refused = await post(admin, form("nothing to see\n", "notes.txt"));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "bad-input", issues: [expect.objectContaining({ file: "notes.txt" })] } });
    expect((await post(lead, form(CSV, "inv.csv"))).status).toBe(403);
  });

  it("answers 202 with the job and its Location in async mode; the job ends with the synchronous answer", async () => {
    const accepted = await post(admin, form(CSV, "inv.csv"), "?async=1");
    expect(accepted.status).toBe(202);
    const job = await accepted.json();
    expect(job).toMatchObject({ fileName: "inv.csv", stage: expect.stringMatching(/^(queued|parsing)$/), result: null });
    expect(accepted.headers.get("location")).toBe(`/api/uploads/jobs/${job.id}`);

    const done = await finished(admin, job.id);
    expect(done).toMatchObject({ stage: "done", position: null, records: 1, servers: 1, result: { status: 201, body: { status: "committed", counts: { accepted: 1, servers: 1 } } } });
    // The same bytes again, synchronously: the body is the one the job kept, as a duplicate of its upload.
    const again = await (await post(admin, form(CSV, "inv.csv"))).json();
    expect(again).toMatchObject({ id: done.result.body.id, status: "duplicate" });

    const viaPrefer = await post(admin, form("nothing to see\n", "notes.txt"), "", { Prefer: "respond-async" });
    expect(viaPrefer.status).toBe(202);
    const refusedJob = await finished(admin, (await viaPrefer.json()).id);
    expect(refusedJob).toMatchObject({ stage: "done", result: { status: 400, body: { error: { code: "bad-input" } } } });
  });

  it("refuses what is wrong before queueing: no file, bad fields", async () => {
    expect((await post(admin, new FormData(), "?async=1")).status).toBe(400);
    const bad = await post(admin, form(CSV, "inv.csv", { kind: "not-a-kind" }), "?async=1");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad-fields" } });
  });
});

describe("GET /api/uploads/jobs/{id}", () => {
  it("needs the upload role, answers 404 for an unknown job, and an admin may read another caller's job", async () => {
    const job = await (await post(admin, form(CSV.replace("SYNC01", "SYNC02"), "inv2.csv"), "?async=1")).json();
    expect((await getJob(lead, job.id)).status).toBe(403);
    const unknown = await getJob(admin, "no-such-job");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not-found" } });
    expect((await getJob(otherAdmin, job.id)).status).toBe(200);
    await finished(admin, job.id);
  });

  it("lets only the job's own caller or an admin read it", () => {
    const owner = { key: "user:u1", label: "a@example.com" };
    const caller = (userId: string, role: Caller["role"]): Caller => ({ kind: "session", userId, email: `${userId}@example.com`, name: userId, role });
    expect(mayReadJob(owner, caller("u1", "lead"))).toBe(true);
    expect(mayReadJob(owner, caller("u2", "lead"))).toBe(false);
    expect(mayReadJob(owner, caller("u2", "admin"))).toBe(true);
    expect(mayReadJob({ key: "token:t1", label: "token:ci" }, { kind: "token", tokenId: "t1", name: "ci", role: "lead" })).toBe(true);
    expect(mayReadJob({ key: "token:t1", label: "token:ci" }, { kind: "token", tokenId: "t2", name: "ci", role: "lead" })).toBe(false);
  });
});
