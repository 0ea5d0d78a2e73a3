import { describe, expect, it } from "vitest";
import { parseTokenExpiry, tokenExpirySchema } from "./token-expiry";

const NOW = new Date("2026-12-01T12:00:00Z");

describe("token expiry", () => {
  it("reads days, dates, date-times and never", () => {
    expect(parseTokenExpiry("90d", NOW)).toEqual({ ok: true, expiresAt: new Date("2027-03-01T12:00:00Z") });
    expect(parseTokenExpiry("2027-06-30", NOW)).toEqual({ ok: true, expiresAt: new Date("2027-06-30T23:59:59.999Z") });
    expect(parseTokenExpiry("2027-01-01T08:00Z", NOW)).toEqual({ ok: true, expiresAt: new Date("2027-01-01T08:00:00Z") });
    expect(parseTokenExpiry("never", NOW)).toEqual({ ok: true, expiresAt: null });
  });

  it("refuses the past, zero, too far and nonsense, saying why", () => {
    expect(parseTokenExpiry("2026-11-30", NOW)).toEqual({ ok: false, message: "The expiry must be in the future." });
    expect(parseTokenExpiry("0d", NOW)).toMatchObject({ ok: false, message: "Use between 1 and 3650 days." });
    expect(parseTokenExpiry("2040-01-01", NOW)).toMatchObject({ ok: false, message: "Use at most 3650 days." });
    expect(parseTokenExpiry("soon", NOW)).toMatchObject({ ok: false, message: expect.stringContaining('"soon" is not an expiry') });
    expect(parseTokenExpiry("2027-02-31T00:00Z", NOW)).toMatchObject({ ok: false });
    expect(tokenExpirySchema.safeParse("90 days").success).toBe(false);
  });
});
