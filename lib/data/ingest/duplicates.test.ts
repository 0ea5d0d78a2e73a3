import { describe, expect, it } from "vitest";
import { ingestFile } from "./ingest-file";

// The same bytes twice, on a real (throwaway) SQLite database.
const admin = { name: "admin@example.com" };
const csv = (tag: string) => new TextEncoder().encode(`Host Name,Operating System,RAM (GB)\n${tag}-01,Microsoft Windows Server 2022 Standard,16\n`);

describe("an upload of bytes that were committed before", () => {
  it("is previewed as already uploaded (when, by whom, as which file), and committing it is a no-op naming the earlier upload", async () => {
    const bytes = csv("dup1");
    const first = await ingestFile({ bytes, fileName: "first.csv", options: { defaultDomain: "corp.example" }, uploadedBy: admin });
    if (!first.ok || !first.id) throw new Error("first upload failed");
    const fresh = await ingestFile({ bytes: csv("dup1-other"), fileName: "other.csv", options: {}, dryRun: true, uploadedBy: admin });
    expect(fresh.ok && fresh.previous).toBeFalsy();

    const preview = await ingestFile({ bytes, fileName: "again.csv", options: {}, dryRun: true, uploadedBy: { name: "lead@example.com" } });
    expect(preview).toMatchObject({ ok: true, status: "dry-run", previous: { id: first.id, fileName: "first.csv", uploadedBy: "admin@example.com" } });
    expect(preview.ok && Date.parse(preview.previous!.uploadedAt)).toBeGreaterThan(0);

    const again = await ingestFile({ bytes, fileName: "again.csv", options: { defaultDomain: "corp.example" }, uploadedBy: admin });
    expect(again).toMatchObject({ ok: true, status: "duplicate", id: first.id, previous: { id: first.id, fileName: "first.csv" } });
  });

  it("with other options that change how it is read is refused (409) with what differs and what to do", async () => {
    const bytes = csv("dup2");
    const first = await ingestFile({ bytes, fileName: "first.csv", options: { defaultDomain: "corp.example" }, uploadedBy: admin });
    if (!first.ok) throw new Error("first upload failed");
    const other = await ingestFile({ bytes, fileName: "second.csv", options: { defaultDomain: "emea.example" }, uploadedBy: admin });
    expect(other).toMatchObject({ ok: false, status: 409, code: "duplicate-other-options" });
    expect(!other.ok && other.message).toMatch(/^second\.csv was already uploaded on \d{4}-\d\d-\d\d \d\d:\d\d UTC by admin@example\.com \(as first\.csv\) with other options \(default domain: corp\.example → emea\.example\)\. A file is stored once: delete that upload first/);
  });
});

describe("saving a column mapping with an upload", () => {
  it("saves it in the commit's transaction, never for a refused file, and the same bytes with another mapping are refused", async () => {
    const { db } = await import("../db");
    const mapping = { Asset: "hostName", Box: "osCaption" };
    const bad = new TextEncoder().encode("Asset,Box\n,Microsoft Windows Server 2022\n"); // no host name: refused
    const refused = await ingestFile({ bytes: bad, fileName: "bad.csv", options: { columnMapping: mapping }, saveMapping: { name: "CMDB bad", mapping }, uploadedBy: admin });
    expect(refused.ok).toBe(false);
    expect(await db().columnMapping.findUnique({ where: { name: "CMDB bad" } })).toBeNull();

    const good = new TextEncoder().encode("Asset,Box\nmap01.corp.example,Microsoft Windows Server 2022 Standard\n");
    expect(await ingestFile({ bytes: good, fileName: "good.csv", options: { columnMapping: mapping }, saveMapping: { name: "CMDB", mapping }, uploadedBy: admin })).toMatchObject({ ok: true, status: "committed" });
    expect(JSON.parse((await db().columnMapping.findUniqueOrThrow({ where: { name: "CMDB" } })).mappingJson)).toEqual(mapping);

    const other = await ingestFile({ bytes: good, fileName: "good.csv", options: { columnMapping: { Asset: "hostName" } }, uploadedBy: admin });
    expect(other).toMatchObject({ ok: false, status: 409, code: "duplicate-other-options" });
    expect(!other.ok && other.message).toContain("another column mapping");
  });
});
