import { describe, expect, it } from "vitest";
import { at, field, hostLabel, own, readArray, readBoolean, readDword, readEnum, readNumber, readRecord, readString, shownDword } from "./read";

describe("read helpers", () => {
  it("walks nested objects and stops at anything else", () => {
    const root = { a: { b: { c: 1 } }, list: [{ x: 1 }] };
    expect(at(root, "a", "b", "c")).toBe(1);
    expect(at(root, "a", "missing", "c")).toBeUndefined();
    expect(at(root, "list", "0", "x")).toBeUndefined();
    expect(at(null, "a")).toBeUndefined();
    expect(at("text", "length")).toBeUndefined();
    expect(at({}, "toString")).toBeUndefined();
  });

  it("keeps null distinct from not collected for DWORDs", () => {
    expect(readDword(null)).toBeNull();
    expect(readDword(undefined)).toBeUndefined();
    expect(readDword(0)).toBe(0);
    expect(readDword("1")).toBeUndefined();
    expect(readDword(1.5)).toBeUndefined();
    expect(shownDword(null)).toBe("absent");
    expect(shownDword(undefined)).toBeNull();
    expect(shownDword(2)).toBe(2);
  });

  it("narrows scalars and collections", () => {
    expect(readNumber(Number.NaN)).toBeUndefined();
    expect(readNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(readString("  x ")).toBe("x");
    expect(readString("   ")).toBeUndefined();
    expect(readBoolean("true")).toBeUndefined();
    expect(readArray({ length: 0 })).toBeUndefined();
    expect(readRecord([])).toBeUndefined();
    expect(readEnum("b", ["a", "b"] as const)).toBe("b");
    expect(readEnum("c", ["a", "b"] as const)).toBeUndefined();
  });

  it("labels a host by FQDN, then NetBIOS name", () => {
    expect(hostLabel({ identity: { fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01" } })).toBe("sync01.corp.contoso.com");
    expect(hostLabel({ identity: { netbiosName: "SYNC01" } })).toBe("SYNC01");
    expect(hostLabel(undefined)).toBe("this server");
  });
});

describe("read helpers on hostile objects", () => {
  it("never invokes getters or follows prototypes", () => {
    const hostile = Object.defineProperty({}, "os", {
      get() {
        throw new Error("getter called");
      },
      enumerable: true,
    });
    expect(() => at(hostile, "os", "build")).not.toThrow();
    expect(at(hostile, "os")).toBeUndefined();
    expect(at(Object.create({ os: { build: 1 } }), "os")).toBeUndefined();
  });

  it("treats a __proto__ key as plain data", () => {
    const parsed: unknown = JSON.parse('{"__proto__": {"build": 1}}');
    expect(at(parsed, "__proto__", "build")).toBe(1);
    expect(readRecord(parsed)).toEqual(JSON.parse('{"__proto__": {"build": 1}}'));
  });
});

describe("own and field", () => {
  it("read own properties of plain objects only", () => {
    const value = { os: { build: 1 }, list: [1] };
    for (const read of [own, field]) {
      expect(read(value, "os")).toEqual({ build: 1 });
      expect(read(value, "missing")).toBeUndefined();
      expect(read(value, "toString")).toBeUndefined();
      expect(read(Object.create({ os: 1 }), "os")).toBeUndefined();
      expect(read([1, 2], "0")).toBeUndefined();
      expect(read(null, "os")).toBeUndefined();
      expect(read("text", "length")).toBeUndefined();
      expect(read(JSON.parse('{"__proto__": {"build": 1}}'), "__proto__")).toEqual({ build: 1 });
    }
  });

  it("field never invokes a getter (own is for facts, which are plain data)", () => {
    const hostile = Object.defineProperty({}, "os", {
      get() {
        throw new Error("getter called");
      },
      enumerable: true,
    });
    expect(field(hostile, "os")).toBeUndefined();
  });
});
