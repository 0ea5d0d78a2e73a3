import { describe, expect, it } from "vitest";
import { rolloutBulkSchema } from "@/lib/rollout/inputs";
import { BULK_BODY_MAX_BYTES, BULK_MAX_SERVER_NAME, BULK_MAX_SERVERS, JSON_BODY_MAX_BYTES, PLAN_BODY_MAX_BYTES, PLAN_LIMIT_LABEL, uploadBodyLimit } from "./limits";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "./server-action-limit";

const name = (i: number) => `${String(i).padStart(6, "0")}${"s".repeat(BULK_MAX_SERVER_NAME - 6)}`;

describe("API body limits", () => {
  it("lets the largest valid bulk selection through, and nothing the schema would refuse needs more", () => {
    const largest = { selection: { servers: Array.from({ length: BULK_MAX_SERVERS }, (_, i) => name(i)) }, change: { note: "n".repeat(2_000), owner: "o".repeat(200) } };
    expect(rolloutBulkSchema.safeParse(largest).success).toBe(true);
    const bytes = new TextEncoder().encode(JSON.stringify(largest)).byteLength;
    expect(bytes).toBeLessThanOrEqual(BULK_BODY_MAX_BYTES);
    // One more server is over the schema's maximum: the body limit does not allow much beyond the valid size.
    const oneMore = { ...largest, selection: { servers: [...largest.selection.servers, name(BULK_MAX_SERVERS)] } };
    expect(rolloutBulkSchema.safeParse(oneMore).success).toBe(false);
    expect(BULK_BODY_MAX_BYTES).toBeLessThan(bytes * 1.1);
  });

  it("keeps one-change JSON bodies small and the plan and upload limits named by the file limit", () => {
    expect(JSON_BODY_MAX_BYTES).toBe(64 * 1024);
    expect(PLAN_LIMIT_LABEL).toBe("10 MB");
    expect(PLAN_BODY_MAX_BYTES).toBe(10 * 1024 * 1024 + 64 * 1024);
    expect(uploadBodyLimit()).toEqual({ maxBytes: 201 * 1024 * 1024, limitLabel: "200 MB" });
  });

  it("fits the largest server-action form (a page of 500 selected servers) in the server-action limit", async () => {
    const form = new FormData();
    for (let i = 0; i < 500; i += 1) form.append("servers", name(i));
    form.set("waveId", "w".repeat(64));
    form.set("note", "n".repeat(2_000));
    const bytes = (await new Request("http://localhost/", { method: "POST", body: form }).arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(SERVER_ACTION_BODY_LIMIT_BYTES / 2);
  });
});
