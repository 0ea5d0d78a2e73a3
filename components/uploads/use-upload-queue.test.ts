import { describe, expect, it } from "vitest";
import { DEFAULT_UPLOAD_OPTIONS } from "./upload-fields";
import type { UploadAccepted } from "./upload-response";
import { type QueueEntry, queueReducer } from "./use-upload-queue";

const entry = (key: string): QueueEntry => ({
  key,
  file: new File(["Host Name\nsrv1\n"], `${key}.csv`, { type: "text/csv" }),
  headers: undefined,
  options: DEFAULT_UPLOAD_OPTIONS,
  stale: false,
  sending: null,
  percent: 0,
  preview: null,
  result: null,
  error: null,
});

const accepted = (status: UploadAccepted["status"], rejected = 0): UploadAccepted => ({
  id: status === "dry-run" ? null : "u1",
  kind: "host-inventory",
  format: "inventory-csv",
  status,
  counts: { records: 2, accepted: 2 - rejected, rejected, servers: 2 - rejected },
  issues: [],
});

describe("queueReducer", () => {
  it("tracks progress, then keeps the dry-run preview", () => {
    let state = queueReducer([], { type: "add", entries: [entry("a"), entry("b")] });
    state = queueReducer(state, { type: "start", key: "a", mode: "dry-run", total: 200 });
    state = queueReducer(state, { type: "progress", key: "a", loaded: 50, total: 200 });
    // Sending the bytes fills the first 40 % of the bar; the server's stages the rest.
    expect(state[0]).toMatchObject({ percent: 10, sending: { mode: "dry-run", loaded: 50, total: 200, job: null } });
    state = queueReducer(state, { type: "answer", key: "a", mode: "dry-run", answer: { ok: true, value: accepted("dry-run") } });
    expect(state[0]).toMatchObject({ percent: 100, sending: null, preview: { status: "dry-run" }, error: null });
    expect(state[1]).toEqual(entry("b"));
  });

  it("follows the server's job: queued with its place, then the stages; the bar never goes back", () => {
    let state = queueReducer([entry("a")], { type: "start", key: "a", mode: "commit", total: 100 });
    state = queueReducer(state, { type: "progress", key: "a", loaded: 100, total: 100 });
    expect(state[0].percent).toBe(40);
    state = queueReducer(state, { type: "job", key: "a", job: { stage: "queued", position: 2, records: null, servers: null } });
    expect(state[0]).toMatchObject({ percent: 40, sending: { job: { stage: "queued", position: 2 } } });
    state = queueReducer(state, { type: "job", key: "a", job: { stage: "evaluating", position: 0, records: 12_000, servers: 12_000 } });
    expect(state[0]).toMatchObject({ percent: 65, sending: { job: { stage: "evaluating", servers: 12_000 } } });
    state = queueReducer(state, { type: "job", key: "a", job: { stage: "parsing", position: 0, records: null, servers: null } });
    expect(state[0].percent).toBe(65);
    state = queueReducer(state, { type: "answer", key: "a", mode: "commit", answer: { ok: true, value: accepted("committed") } });
    expect(state[0]).toMatchObject({ percent: 100, sending: null, result: { status: "committed" } });
  });

  it("marks a shown preview stale when a parsing option changes, but not for commit-only options", () => {
    let state = queueReducer([entry("a")], { type: "answer", key: "a", mode: "dry-run", answer: { ok: true, value: accepted("dry-run", 1) } });
    state = queueReducer(state, { type: "options", key: "a", patch: { allowPartial: true } });
    expect(state[0].stale).toBe(false);
    state = queueReducer(state, { type: "options", key: "a", patch: { account: "CORP\\gmsa$" } });
    expect(state[0]).toMatchObject({ stale: true, options: { allowPartial: true, account: "CORP\\gmsa$" } });
    state = queueReducer(state, { type: "answer", key: "a", mode: "dry-run", answer: { ok: true, value: accepted("dry-run") } });
    expect(state[0].stale).toBe(false);
  });

  it("keeps the preview when a commit is refused, and clears the refusal when it succeeds", () => {
    let state = queueReducer([entry("a")], { type: "answer", key: "a", mode: "dry-run", answer: { ok: true, value: accepted("dry-run", 1) } });
    const error = { code: "rows-rejected", message: "1 of 2 records have errors; nothing was stored.", issues: [] };
    state = queueReducer(state, { type: "answer", key: "a", mode: "commit", answer: { ok: false, error } });
    expect(state[0]).toMatchObject({ preview: { status: "dry-run" }, error: { ...error, stage: "commit" }, result: null });
    state = queueReducer(state, { type: "answer", key: "a", mode: "commit", answer: { ok: true, value: accepted("committed", 1) } });
    expect(state[0]).toMatchObject({ result: { status: "committed", id: "u1" }, error: null });
    expect(queueReducer(state, { type: "remove", key: "a" })).toEqual([]);
  });

  it("drops the preview when a new dry run is refused", () => {
    let state = queueReducer([entry("a")], { type: "answer", key: "a", mode: "dry-run", answer: { ok: true, value: accepted("dry-run") } });
    state = queueReducer(state, { type: "answer", key: "a", mode: "dry-run", answer: { ok: false, error: { code: "wrong-kind", message: "not gmsa-acl", issues: [] } } });
    expect(state[0]).toMatchObject({ preview: null, error: { code: "wrong-kind", stage: "dry-run" } });
  });

  it("pre-fills the gMSA account from a refusal naming the file's only $ trustee, unless the user typed one", () => {
    const message = "The file does not say which gMSA its permissions should be checked for.";
    const one = { code: "bad-input", message, issues: [], suggestedGmsa: { account: "CORP\\gmsa-sync$", candidates: ["CORP\\gmsa-sync$"] } };
    let state = queueReducer([entry("a")], { type: "answer", key: "a", mode: "dry-run", answer: { ok: false, error: one } });
    expect(state[0]).toMatchObject({ options: { account: "CORP\\gmsa-sync$" }, gmsa: { prefilled: "CORP\\gmsa-sync$" }, stale: false });
    // The immediate second dry run (with the account) succeeds: the suggestion stays so the form says where the value came from.
    state = queueReducer(state, { type: "answer", key: "a", mode: "dry-run", answer: { ok: true, value: accepted("dry-run") } });
    expect(state[0]).toMatchObject({ preview: { status: "dry-run" }, gmsa: { prefilled: "CORP\\gmsa-sync$" } });

    const typed = { ...entry("b"), options: { ...DEFAULT_UPLOAD_OPTIONS, account: "CORP\\other$" } };
    state = queueReducer([typed], { type: "answer", key: "b", mode: "dry-run", answer: { ok: false, error: one } });
    expect(state[0].options.account).toBe("CORP\\other$");
    expect(state[0].gmsa).toEqual({ candidates: ["CORP\\gmsa-sync$"] });
  });

  it("several $ trustees: nothing pre-filled, the candidates kept for the hint", () => {
    const several = { code: "bad-input", message: "m", issues: [], suggestedGmsa: { candidates: ["CORP\\a$", "CORP\\b$"] } };
    const state = queueReducer([entry("a")], { type: "answer", key: "a", mode: "dry-run", answer: { ok: false, error: several } });
    expect(state[0].options.account).toBe("");
    expect(state[0].gmsa).toEqual({ candidates: ["CORP\\a$", "CORP\\b$"] });
  });
});
