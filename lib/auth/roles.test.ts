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

  it("keeps viewers read-only", () => {
    const allowed = (Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]).filter((p) => can("viewer", p));
    expect(allowed).toEqual(["read"]);
  });

  it("knows exactly three roles", () => {
    expect(ROLES).toEqual(["admin", "lead", "viewer"]);
  });
});
