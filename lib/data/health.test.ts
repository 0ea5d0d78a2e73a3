import { afterAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { databaseKindOf } from "./database-url.mjs";
import { disconnectDb } from "./db";
import { checkDatabase } from "./health";
import { applyPostgresMigrations } from "./migrations/apply-postgres-migrations.mjs";
import { postgresBinDir, startThrowawayPostgres } from "./migrations/pg-throwaway.mjs";

// The health check of whichever database the matrix runs on (SQLite, or PostgreSQL under `npm run test:pg`).
describe("checkDatabase", () => {
  it("names the database and says every committed migration is applied", async () => {
    const health = await checkDatabase();
    expect(health).toMatchObject({ ok: true, kind: databaseKindOf(process.env.DATABASE_URL), migrations: { pending: [], failed: [], upToDate: true } });
    expect(health.ok && health.migrations.applied).toBeGreaterThan(0);
  });
});

// A PostgreSQL restart: the check answers "unavailable" with the reason while it is down, then recovers by itself.
describe.skipIf(postgresBinDir() === null && !process.env.CI)("checkDatabase across a PostgreSQL restart", () => {
  const saved = process.env.DATABASE_URL;
  afterAll(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = saved;
    resetEnvCache();
  });

  it("reports the outage and recovers once the database is back", async () => {
    const cluster = await startThrowawayPostgres();
    try {
      const url = await cluster.createDatabase("health");
      await applyPostgresMigrations({ url });
      await disconnectDb();
      process.env.DATABASE_URL = url;
      resetEnvCache();
      expect(await checkDatabase()).toMatchObject({ ok: true, kind: "postgres", migrations: { upToDate: true } });
      cluster.pause();
      const down = await checkDatabase();
      expect(down).toMatchObject({ ok: false, kind: "postgres" });
      expect(!down.ok && down.error).toMatch(/^database unavailable/);
      cluster.resume();
      let back = await checkDatabase();
      for (let i = 0; i < 20 && !back.ok; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        back = await checkDatabase();
      }
      expect(back).toMatchObject({ ok: true, kind: "postgres", migrations: { upToDate: true } });
    } finally {
      await disconnectDb();
      cluster.stop();
    }
  }, 60_000);
});
