import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { createSession, getSessionCaller } from "../sessions";

// The PostgreSQL implementation of the best-effort touches (lib/data/postgres/auth-tables.ts), run by `npm run test:pg`:
// a second connection plays another instance's transaction holding the session's row lock.
let other: pg.Client | undefined;
afterEach(async () => {
  await other?.query("ROLLBACK").catch(() => {});
  await other?.end();
  other = undefined;
});

describe.skipIf(process.env.CSR_TEST_DB !== "postgres")("best-effort touches on PostgreSQL", () => {
  it("a signed-in request while another transaction holds the session's row is answered at once; the expiry is extended later", async () => {
    const user = await db().user.create({ data: { email: "slide@example.com", name: "Slide", role: "admin", passwordHash: "x" } });
    const { secret } = await createSession(user.id, 10);
    const sessionId = (await db().session.findFirstOrThrow({ where: { userId: user.id } })).id;
    await db().session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 2 * 3_600_000) } }); // due for extension
    const before = (await db().session.findUniqueOrThrow({ where: { id: sessionId } })).expiresAt;

    other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query("BEGIN");
    await other.query('SELECT 1 FROM "Session" WHERE "id" = $1 FOR UPDATE', [sessionId]);
    const started = performance.now();
    const caller = await getSessionCaller(secret, 10);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(caller?.expiresAt.getTime()).toBe(before.getTime());

    await other.query("COMMIT");
    const later = await getSessionCaller(secret, 10);
    expect(later!.expiresAt.getTime()).toBeGreaterThan(before.getTime());
  });
});
