import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES } from "./roles";

describe("roles", () => {
  it("gives admins every permission", () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(can("admin", permission)).toBe(true);
    }
  });

  it("lets leads plan and report but not upload or administer", () => {
    expect([can("lead", "read"), can("lead", "plan"), can("lead", "report")]).toEqual([true, true, true]);
    expect([can("lead", "upload"), can("lead", "administer")]).toEqual([false, false]);
  });

  it("lets viewers read and export, and change nothing", () => {
    const allowed = (Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]).filter((p) => can("viewer", p));
    expect(allowed).toEqual(["read", "report"]);
  });

  it("knows exactly three roles", () => {
    expect(ROLES).toEqual(["admin", "lead", "viewer"]);
  });
});
