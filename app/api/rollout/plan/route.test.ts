import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { createApiToken } from "@/lib/data/api-tokens";
import { ingestFile } from "@/lib/data/ingest/ingest-file";
import { POST } from "./route";

// The handler end to end (token auth, multipart, status codes) on a real throwaway database.
let lead = "";
let viewer = "";
const context = { params: Promise.resolve({}) };

function post(token: string, form?: FormData) {
  return POST(new Request("http://localhost/api/rollout/plan", { method: "POST", headers: { Authorization: `Bearer ${token}` }, ...(form ? { body: form } : {}) }), context);
}
function planForm(text: string, dryRun?: string) {
  const form = new FormData();
  form.append("file", new File([text], "plan.csv", { type: "text/csv" }));
  if (dryRun !== undefined) form.append("dryRun", dryRun);
  return form;
}

beforeAll(async () => {
  const csv = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain\nSYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com\n";
  const seeded = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName: "inv.csv", options: {}, uploadedBy: { name: "test" } });
  if (!seeded.ok) throw new Error(seeded.message);
  lead = (await createApiToken({ name: "lead", role: "lead" }, SYSTEM_ACTOR)).token;
  viewer = (await createApiToken({ name: "viewer", role: "viewer" }, SYSTEM_ACTOR)).token;
});

describe("POST /api/rollout/plan", () => {
  it("needs the plan permission and a file", async () => {
    expect((await post(viewer, planForm("server\nsync01\n"))).status).toBe(403);
    expect((await post(lead)).status).toBe(400);
    expect((await post(lead, new FormData())).status).toBe(400);
  });

  it("previews (200), refuses bad rows (422 with file/row/column), then applies (200)", async () => {
    const preview = await post(lead, planForm("server,wave\nsync01,Pilot\n", "true"));
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ status: "preview", changed: 1, wavesToCreate: ["Pilot"] });

    const refused = await post(lead, planForm("server,wave\nsync01,Pilot\nnosuch,Pilot\n"));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { code: "plan-refused", status: "refused", issues: [{ file: "plan.csv", row: 3, column: "server", severity: "error" }] } });

    const applied = await post(lead, planForm("server,wave\nsync01,Pilot\n"));
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ status: "committed", changed: 1 });
    expect(await (await post(lead, planForm("server,wave\nsync01,Pilot\n"))).json()).toMatchObject({ status: "committed", changed: 0, message: expect.stringMatching(/^No changes/) });
  });
});
