import { describe, expect, it } from "vitest";
import { databaseKind } from "./database-kind";
import { type Column, inWriteTx } from "./write-tx";

// The evaluation write transaction's bulk rows on whichever database the file runs on (npm run test:pg runs it on
// PostgreSQL, where insertRows is COPY's binary format and updateRows multi-row VALUES): what goes in comes back.
const COLUMNS: readonly Column[] = [
  ["id", "text"],
  ["kind", "text"],
  ["subject", "text"],
  ["uploadId", "text"],
  ["collectedAt", "timestamp"],
  ["factsJson", "text"],
  ["createdAt", "timestamp"],
];
const AT = "2026-12-01T10:00:00.000+00:00";
const HOSTILE = ["tab\there", "line\nbreak", "cr\rlf\r\n", "back\\slash \\N \\t", "\\.", 'quote " and \' and ,', "ünïcödé ✓ 𝄞", ""];

describe("WriteTx bulk rows", () => {
  it("stores text with tabs, newlines, backslashes, COPY markers, quotes and NULLs exactly, and updates by key", async () => {
    const rows = HOSTILE.map((text, i) => [`wt-${i}`, "domain", text, null, AT, JSON.stringify({ text }), AT]);
    await inWriteTx(async (tx) => {
      await tx.insertRows("FactSnapshot", COLUMNS, rows);
      await tx.updateRows("FactSnapshot", [["kind", "text"]], "id", [["tenant", "wt-0"]]);
    });
    const stored = await inWriteTx((tx) =>
      tx.all<{ id: string; kind: string; subject: string; uploadId: string | null; factsJson: string }>(
        `SELECT "id", "kind", "subject", "uploadId", "factsJson" FROM "FactSnapshot" WHERE "id" LIKE 'wt-%' ORDER BY "id"`,
      ),
    );
    expect(stored.map((row) => row.subject)).toEqual(HOSTILE);
    expect(stored.every((row) => row.uploadId === null)).toBe(true);
    expect(stored.map((row) => JSON.parse(row.factsJson).text)).toEqual(HOSTILE);
    expect(stored.find((row) => row.id === "wt-0")?.kind).toBe("tenant");
  });

  it("stores rows that fill several of COPY's buffers (multi-byte text across their edges) exactly", async () => {
    const text = (i: number) => `${i} ${"ünï ✓ 𝄞\t\\ ".repeat(150 + (i % 13))}`; // ≈ 2.5 KB of UTF-8 each
    const rows = Array.from({ length: 4_000 }, (_, i) => [`wt-big-${String(i).padStart(4, "0")}`, "domain", text(i), null, AT, "{}", AT]);
    await inWriteTx((tx) => tx.insertRows("FactSnapshot", COLUMNS, rows));
    const stored = await inWriteTx((tx) => tx.all<{ subject: string }>(`SELECT "subject" FROM "FactSnapshot" WHERE "id" LIKE 'wt-big-%' ORDER BY "id"`));
    expect(stored.length).toBe(rows.length);
    expect(stored.every((row, i) => row.subject === text(i))).toBe(true);
  });

  it("reads the rows of many values at once (allIn), whatever characters the values hold", async () => {
    const odd = ['wt-in-{brace}', 'wt-in-"quote"', "wt-in-back\\slash", "wt-in-comma,here", "wt-in-NULL", "wt-in- space "];
    const ids = [...Array.from({ length: 1_200 }, (_, i) => `wt-in-${i}`), ...odd];
    await inWriteTx((tx) => tx.insertRows("FactSnapshot", COLUMNS, ids.map((id) => [id, "domain", id, null, AT, "{}", AT])));
    const wanted = [...ids.filter((id, i) => i % 3 === 0 && !odd.includes(id)), ...odd, "wt-in-absent"];
    const rows = await inWriteTx((tx) => tx.allIn<{ id: string; subject: string }>((list) => `SELECT "id", "subject" FROM "FactSnapshot" WHERE "id" ${list}`, wanted));
    expect(rows.map((row) => row.id).sort()).toEqual(wanted.filter((id) => id !== "wt-in-absent").sort());
    expect(rows.every((row) => row.subject === row.id)).toBe(true);
    expect(await inWriteTx((tx) => tx.allIn((list) => `SELECT "id" FROM "FactSnapshot" WHERE "id" ${list}`, []))).toEqual([]);
  });

  it("stores integers, floats, flags, timestamps and NULLs of every column type as given", async () => {
    const columns: readonly Column[] = [
      ["id", "text"],
      ["fqdn", "text"],
      ["name", "text"],
      ["domain", "text"],
      ["updatedAt", "timestamp"],
      ["osBuild", "int"],
      ["confidenceShare", "float"],
      ["agentInstalled", "bool"],
      ["factsCollectedAt", "timestamp"],
    ];
    const rows = [
      ["wt-typed-1", "a.wt.test", "A", "wt.test", AT, 20348, 0.375, 1, "1999-12-31T23:59:59.999+00:00"],
      ["wt-typed-2", "b.wt.test", "B", "wt.test", AT, -1, 0, 0, "2026-12-01T10:00:00.123+00:00"],
      ["wt-typed-3", "c.wt.test", "C", "wt.test", AT, null, 1e-9, null, null],
    ];
    await inWriteTx((tx) => tx.insertRows("Server", columns, rows));
    const at = databaseKind() === "postgres" ? `to_char("factsCollectedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS')` : `substr("factsCollectedAt", 1, 23)`;
    const stored = await inWriteTx((tx) =>
      tx.all<{ osBuild: number | null; confidenceShare: number | null; agentInstalled: unknown; at: string | null }>(
        `SELECT "osBuild", "confidenceShare", "agentInstalled", ${at} AS "at" FROM "Server" WHERE "id" LIKE 'wt-typed-%' ORDER BY "id"`,
      ),
    );
    expect(stored.map((row) => [row.osBuild, row.confidenceShare, row.agentInstalled === null ? null : Number(row.agentInstalled), row.at])).toEqual([
      [20348, 0.375, 1, "1999-12-31T23:59:59.999"],
      [-1, 0, 0, "2026-12-01T10:00:00.123"],
      [null, 1e-9, null, null],
    ]);
    await inWriteTx((tx) => tx.run(`DELETE FROM "Server" WHERE "id" LIKE 'wt-typed-%'`));
  });

  it("updates many rows by key, of every column type, batch after batch and transaction after transaction", async () => {
    // On PostgreSQL, COPY_UPDATE_MIN_ROWS rows or more go through a temporary table, fewer as a VALUES list.
    const ids = Array.from({ length: 300 }, (_, i) => `wt-upd-${String(i).padStart(3, "0")}`);
    await inWriteTx((tx) => tx.insertRows("Server", [["id", "text"], ["fqdn", "text"], ["name", "text"], ["domain", "text"], ["updatedAt", "timestamp"]], ids.map((id) => [id, `${id}.wt.test`, id, "wt.test", AT])));
    const columns: readonly Column[] = [
      ["osName", "text"],
      ["osBuild", "int"],
      ["confidenceShare", "float"],
      ["agentInstalled", "bool"],
      ["factsCollectedAt", "timestamp"],
    ];
    const values = (i: number, round: number): (string | number | null)[] =>
      i % 7 === 0 ? [null, null, 0, null, null] : [`${HOSTILE[i % HOSTILE.length]} ${round}\u0000`, i * round, i / 8, (i + round) % 2, `2026-11-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00.${String(round).padStart(3, "0")}+00:00`];
    const read = async () => {
      const at = databaseKind() === "postgres" ? `to_char("factsCollectedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS')` : `substr("factsCollectedAt", 1, 23)`;
      return (
        await inWriteTx((tx) => tx.all<{ osName: string | null; osBuild: number | null; confidenceShare: number | null; agentInstalled: unknown; at: string | null }>(`SELECT "osName", "osBuild", "confidenceShare", "agentInstalled", ${at} AS "at" FROM "Server" WHERE "id" LIKE 'wt-upd-%' ORDER BY "id"`))
      ).map((row) => [row.osName, row.osBuild, row.confidenceShare, row.agentInstalled === null ? null : Number(row.agentInstalled), row.at]);
    };
    const expected = (round: number, only: (i: number) => boolean, before: unknown[][]) =>
      ids.map((_, i) => {
        if (!only(i)) return before[i];
        const [osName, ...rest] = values(i, round);
        const stored = osName === null ? null : databaseKind() === "postgres" ? (osName as string).replace("\u0000", "\uFFFD") : osName;
        const at = rest[3] === null ? null : (rest[3] as string).slice(0, 23);
        return [stored, rest[0], rest[1], rest[2], at];
      });
    // Two batches in one transaction (the second empties the first's table), then a small one (a VALUES list).
    await inWriteTx(async (tx) => {
      await tx.updateRows("Server", columns, "id", ids.slice(0, 200).map((id, i) => [...values(i, 1), id]));
      await tx.updateRows("Server", columns, "id", ids.slice(200).map((id, i) => [...values(i + 200, 1), id]));
      await tx.updateRows("Server", columns, "id", ids.slice(0, 3).map((id, i) => [...values(i, 1), id]));
    });
    const first = await read();
    expect(first).toEqual(expected(1, () => true, []));
    // A transaction that is rolled back after its update leaves the rows as they were; the next one updates them.
    await expect(
      inWriteTx(async (tx) => {
        await tx.updateRows("Server", columns, "id", ids.map((id, i) => [...values(i, 2), id]));
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await read()).toEqual(first);
    await inWriteTx((tx) => tx.updateRows("Server", columns, "id", ids.filter((_, i) => i % 2 === 0).map((id) => [...values(ids.indexOf(id), 3), id])));
    expect(await read()).toEqual(expected(3, (i) => i % 2 === 0, first));
    await inWriteTx((tx) => tx.run(`DELETE FROM "Server" WHERE "id" LIKE 'wt-upd-%'`));
  });

  it("keeps U+0000 on SQLite and stores it as U+FFFD on PostgreSQL (which refuses it in text)", async () => {
    await inWriteTx((tx) => tx.insertRows("FactSnapshot", COLUMNS, [["wt-nul", "domain", "a\u0000b", null, AT, "{}", AT]]));
    const row = await inWriteTx((tx) => tx.get<{ subject: string }>(`SELECT "subject" FROM "FactSnapshot" WHERE "id" = ?`, ["wt-nul"]));
    expect(row?.subject).toBe(databaseKind() === "postgres" ? "a\uFFFDb" : "a\u0000b");
  });

  it("runs statements nobody awaited yet in the order they were issued, and waits for them before COMMIT", async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => [`wt-order-${String(i).padStart(4, "0")}`, "domain", "x".repeat(500), null, AT, "{}", AT]);
    const seen = await inWriteTx(async (tx) => {
      void tx.insertRows("FactSnapshot", COLUMNS, rows.slice(0, 1_500));
      const counted = tx.get<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "FactSnapshot" WHERE "id" LIKE 'wt-order-%'`);
      void tx.insertRows("FactSnapshot", COLUMNS, rows.slice(1_500)); // not awaited by the work: COMMIT waits for it
      return counted;
    });
    expect(Number(seen?.n)).toBe(1_500);
    const stored = await inWriteTx((tx) => tx.get<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "FactSnapshot" WHERE "id" LIKE 'wt-order-%'`));
    expect(Number(stored?.n)).toBe(3_000);
  });

  it("rolls everything back when the work throws", async () => {
    await expect(
      inWriteTx(async (tx) => {
        await tx.insertRows("FactSnapshot", COLUMNS, [["wt-gone", "domain", "x", null, AT, "{}", AT]]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await inWriteTx((tx) => tx.get(`SELECT "id" FROM "FactSnapshot" WHERE "id" = ?`, ["wt-gone"]))).toBeUndefined();
  });
});
