import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { db } from "@/lib/data/db";
import { createUser } from "@/lib/data/users";
import { sweepAuthTables } from "./cleanup";

// The start-up / periodic clean-up on a real database (test/setup-db.ts); LOGIN_WINDOW_MINUTES is 60 by default.
describe("auth clean-up", () => {
  it("deletes expired sessions and devices and attempts past the window, keeps the rest, bounded and idempotent", async () => {
    const user = await createUser({ email: "sweep@example.com", name: "Sweep", role: "viewer", password: "a long enough password" }, SYSTEM_ACTOR);
    const now = new Date("2026-12-01T12:00:00Z");
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    await db().session.createMany({
      data: [
        ...Array.from({ length: 5 }, (_, i) => ({ id: `expired-${i}`, userId: user.id, expiresAt: hoursAgo(1 + i) })),
        { id: "live", userId: user.id, expiresAt: hoursAgo(-2) },
      ],
    });
    await db().loginAttempt.createMany({
      data: [
        ...Array.from({ length: 5 }, (_, i) => ({ key: "sweep@example.com", ip: "192.0.2.1", success: false, createdAt: hoursAgo(2 + i) })),
        { key: "sweep@example.com", ip: "192.0.2.1", success: false, createdAt: hoursAgo(0.5) },
      ],
    });
    await db().signInDevice.createMany({
      data: [
        { id: "old-device", userId: user.id, expiresAt: hoursAgo(1) },
        { id: "device", userId: user.id, expiresAt: hoursAgo(-100) },
      ],
    });

    // Bounded: two rows per batch, one batch per table per run.
    expect(await sweepAuthTables({ now, batch: 2, maxBatches: 1 })).toEqual({ sessions: 2, loginAttempts: 2, devices: 1 });
    expect(await sweepAuthTables({ now, batch: 2, maxBatches: 10 })).toEqual({ sessions: 3, loginAttempts: 3, devices: 0 });
    // Idempotent: another instance sweeping the same database finds nothing.
    expect(await sweepAuthTables({ now })).toEqual({ sessions: 0, loginAttempts: 0, devices: 0 });

    expect((await db().session.findMany()).map((s) => s.id)).toEqual(["live"]);
    expect(await db().loginAttempt.count()).toBe(1);
    expect((await db().signInDevice.findMany()).map((d) => d.id)).toEqual(["device"]);
  });
});
