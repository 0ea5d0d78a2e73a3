import { describe, expect, it } from "vitest";
import { NotFoundError, StaleVersionError, withVersionGuard } from "./errors";

describe("withVersionGuard", () => {
  it("returns what the write returns", async () => {
    await expect(withVersionGuard(async () => 42, async () => new Error("unused"))).resolves.toBe(42);
  });

  it("turns a compare-and-set update that matched no row (P2025) into the stale error built from a fresh read", async () => {
    const lostRace = Object.assign(new Error("No record was found for an update."), { code: "P2025" });
    const stale = new StaleVersionError("changed since you opened it", { version: 3 }, "lead@contoso.com", "2026-12-04T10:00:00.000Z");
    await expect(withVersionGuard(async () => Promise.reject(lostRace), async () => stale)).rejects.toBe(stale);
  });

  it("passes every other error through unchanged", async () => {
    const other = new NotFoundError("There is no such wave.");
    await expect(withVersionGuard(async () => Promise.reject(other), async () => new Error("unused"))).rejects.toBe(other);
  });
});
