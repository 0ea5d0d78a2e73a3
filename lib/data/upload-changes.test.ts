import { beforeAll, describe, expect, it } from "vitest";
import type { Verdict } from "@/lib/readiness";
import { db } from "./db";
import { ingestFile } from "./ingest/ingest-file";
import { getUploadChanges } from "./upload-changes";

// Real uploads through the real ingest path and rules, a real throwaway SQLite database: nothing mocked.
const HEADER = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain\n";
const OK = "Microsoft Windows Server 2022 Datacenter,10.0.20348.2402";
const OLD = "Microsoft Windows Server 2012 R2 Standard,6.3.9600.21620";

async function upload(rows: string[], fileName: string): Promise<string> {
  const response = await ingestFile({ bytes: new TextEncoder().encode(HEADER + rows.join("\n") + "\n"), fileName, options: {}, uploadedBy: { name: "admin@contoso.com" } });
  if (!response.ok || response.status !== "committed" || response.id === null) throw new Error(`${fileName}: ${response.ok ? response.status : response.message}`);
  return response.id;
}

const verdicts = async () =>
  new Map((await db().server.findMany({ where: { domain: "chg.contoso.test" }, select: { fqdn: true, verdict: true } })).map((s) => [s.fqdn, s.verdict as Verdict]));

let first = "";
let second = "";
let third = "";
let before = new Map<string, Verdict>();
let after = new Map<string, Verdict>();

beforeAll(async () => {
  first = await upload([`CHG01,${OK},16,528449,chg.contoso.test`, `CHG02,${OLD},16,528449,chg.contoso.test`, `CHG03,${OK},16,528449,chg.contoso.test`], "first.csv");
  before = await verdicts();
  // CHG01 moves to an unsupported OS, CHG02 is upgraded, CHG03 gets the same facts again.
  second = await upload([`CHG01,${OLD},16,528449,chg.contoso.test`, `CHG02,${OK},16,528449,chg.contoso.test`, `CHG03,${OK},16,528449,chg.contoso.test`, `CHG04,${OK},16,528449,chg.contoso.test`], "second.csv");
  after = await verdicts();
  third = await upload([`CHG03,${OK},16,528449,chg.contoso.test`, `CHG03,${OK},16,528449,chg.contoso.test`], "third.csv");
});

describe("what an upload changed", () => {
  it("a first upload: every server is new, counted per verdict", async () => {
    const changes = await getUploadChanges(first);
    expect(changes).toMatchObject({ evaluated: 3, changed: 0, added: 3, total: 3 });
    expect(changes.transitions.every((t) => t.before === null)).toBe(true);
    expect(changes.transitions.reduce((sum, t) => sum + t.count, 0)).toBe(3);
    expect(changes.rows.map((r) => r.fqdn).sort()).toEqual(["chg01.chg.contoso.test", "chg02.chg.contoso.test", "chg03.chg.contoso.test"]);
  });

  it("a later upload: before → after per server, worse first, unchanged servers left out, rules that started or stopped failing", async () => {
    expect(before.get("chg01.chg.contoso.test")).not.toBe(after.get("chg01.chg.contoso.test"));
    expect(before.get("chg02.chg.contoso.test")).not.toBe(after.get("chg02.chg.contoso.test"));
    const changes = await getUploadChanges(second);
    expect(changes).toMatchObject({ evaluated: 4, changed: 2, worse: 1, improved: 1, added: 1, total: 3 });
    expect(changes.rows.map((r) => [r.fqdn, r.before, r.after])).toEqual([
      ["chg01.chg.contoso.test", before.get("chg01.chg.contoso.test"), after.get("chg01.chg.contoso.test")],
      ["chg02.chg.contoso.test", before.get("chg02.chg.contoso.test"), after.get("chg02.chg.contoso.test")],
      ["chg04.chg.contoso.test", null, after.get("chg04.chg.contoso.test")],
    ]);
    expect(changes.rows[0].rules).toContainEqual(expect.objectContaining({ ruleId: "host-os-supported", to: "fail" }));
    expect(changes.rows[1].rules).toContainEqual(expect.objectContaining({ ruleId: "host-os-supported", from: "fail" }));
    expect(changes.transitions).toEqual([
      { before: before.get("chg01.chg.contoso.test"), after: after.get("chg01.chg.contoso.test"), count: 1 },
      { before: before.get("chg02.chg.contoso.test"), after: after.get("chg02.chg.contoso.test"), count: 1 },
      { before: null, after: after.get("chg04.chg.contoso.test"), count: 1 },
    ]);
  });

  it("pages through the changed servers without changing the counts", async () => {
    const page2 = await getUploadChanges(second, 2, 2);
    expect(page2).toMatchObject({ total: 3, changed: 2, added: 1 });
    expect(page2.rows.map((r) => r.fqdn)).toEqual(["chg04.chg.contoso.test"]);
  });

  it("an upload that changed no verdict says so (servers evaluated, nothing changed)", async () => {
    expect(await getUploadChanges(third)).toMatchObject({ evaluated: 1, changed: 0, added: 0, total: 0, transitions: [], rows: [] });
  });

  it("an unknown upload changed nothing", async () => {
    expect(await getUploadChanges("no-such-upload")).toMatchObject({ at: null, evaluated: 0, total: 0 });
  });
});
