import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { sqlitePathFromUrl } from "../migrations/apply-migrations.mjs";
import { db } from "../db";
import { createSession, getSessionCaller } from "../sessions";
import { sqlite } from "./connection";
import { writeIfFree } from "./write-if-free";

// A second connection plays the upload worker holding the write lock during a long commit.
let other: Database.Database | undefined;
afterEach(() => {
  if (other?.inTransaction) other.exec("ROLLBACK");
  other?.close();
  other = undefined;
});

function holdWriteLock(): void {
  sqlite(); // migrated and open
  other = new Database(sqlitePathFromUrl(env().DATABASE_URL));
  other.exec("BEGIN IMMEDIATE");
}

// The SQLite implementation of the best-effort touches (lib/data/sqlite/auth-tables.ts): not part of the PostgreSQL matrix run.
describe.skipIf(process.env.CSR_TEST_DB === "postgres")("writeIfFree", () => {
  it("writes at once when the lock is free, and skips without waiting while another connection holds it", async () => {
    const user = await db().user.create({ data: { email: "busy@example.com", name: "Busy", role: "admin", passwordHash: "x" } });
    const write = () => writeIfFree("UPDATE User SET name = ? WHERE id = ?", "Renamed", user.id);
    holdWriteLock();
    const started = performance.now();
    expect(write()).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
    other!.exec("COMMIT");
    expect(write()).toBe(true);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Renamed");
    // The connection's own busy timeout is back for every other write.
    expect(sqlite().pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
  });

  it("a signed-in request during a long commit is answered without waiting; the sliding expiry is extended later", async () => {
    const user = await db().user.create({ data: { email: "slide@example.com", name: "Slide", role: "admin", passwordHash: "x" } });
    const { secret } = await createSession(user.id, 10);
    const sessionId = (await db().session.findFirstOrThrow({ where: { userId: user.id } })).id;
    await db().session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 2 * 3_600_000) } }); // due for extension
    const before = (await db().session.findUniqueOrThrow({ where: { id: sessionId } })).expiresAt;
    holdWriteLock();
    const started = performance.now();
    const caller = await getSessionCaller(secret, 10);
    expect(performance.now() - started).toBeLessThan(500);
    expect(caller?.expiresAt.getTime()).toBe(before.getTime());
    other!.exec("COMMIT");
    const later = await getSessionCaller(secret, 10);
    expect(later!.expiresAt.getTime()).toBeGreaterThan(before.getTime());
  });
});
