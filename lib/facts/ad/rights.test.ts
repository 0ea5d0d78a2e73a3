import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AD_RIGHTS, covers, missingBits, rightsFromText, rightsLabel, rightsToNames, singleBits, toDsaclsLetters } from "./rights";

describe("ActiveDirectoryRights values", () => {
  it("match the .NET enum (hex and decimal from the reference)", () => {
    expect(AD_RIGHTS.GenericRead).toBe(0x20094);
    expect(AD_RIGHTS.GenericRead).toBe(131220);
    expect(AD_RIGHTS.GenericWrite).toBe(131112);
    expect(AD_RIGHTS.GenericExecute).toBe(0x20004);
    expect(AD_RIGHTS.GenericAll).toBe(983551);
    expect(AD_RIGHTS.AccessSystemSecurity).toBe(0x1000000);
  });
});

describe("covers (bitmask superset)", () => {
  it.each<[string, number, number, boolean]>([
    ["GenericAll covers ReadProperty", AD_RIGHTS.GenericAll, AD_RIGHTS.ReadProperty, true],
    ["GenericAll covers CreateChild|DeleteChild", AD_RIGHTS.GenericAll, AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, true],
    ["GenericAll covers ExtendedRight", AD_RIGHTS.GenericAll, AD_RIGHTS.ExtendedRight, true],
    ["GenericAll does not cover AccessSystemSecurity", AD_RIGHTS.GenericAll, AD_RIGHTS.AccessSystemSecurity, false],
    ["GenericRead covers ReadProperty", AD_RIGHTS.GenericRead, AD_RIGHTS.ReadProperty, true],
    ["GenericRead does not cover WriteProperty", AD_RIGHTS.GenericRead, AD_RIGHTS.WriteProperty, false],
    ["GenericWrite covers WriteProperty", AD_RIGHTS.GenericWrite, AD_RIGHTS.WriteProperty, true],
    ["ReadProperty does not cover GenericRead", AD_RIGHTS.ReadProperty, AD_RIGHTS.GenericRead, false],
    ["CreateChild alone does not cover CreateChild|DeleteChild", AD_RIGHTS.CreateChild, AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, false],
    ["GenericRead|GenericWrite is not GenericAll", AD_RIGHTS.GenericRead | AD_RIGHTS.GenericWrite, AD_RIGHTS.GenericAll, false],
    ["anything covers nothing", 0, 0, true],
  ])("%s", (_label, granted, required, expected) => {
    expect(covers(granted, required)).toBe(expected);
  });

  it("is exactly the superset relation", () => {
    const mask = fc.integer({ min: 0, max: 0x1ffffff });
    fc.assert(
      fc.property(mask, mask, (a, b) => {
        expect(covers(a | b, a)).toBe(true);
        expect(covers(a, b)).toBe((a & b) === b);
        expect(covers(a, b)).toBe(missingBits(a, b) === 0);
      }),
    );
  });
});

describe("rightsToNames", () => {
  it("prints like .NET's flags formatter (CRTP sample, Domain Admins on the domain root)", () => {
    expect(rightsLabel(0xe01bd)).toBe("CreateChild, Self, WriteProperty, ExtendedRight, GenericRead, WriteDacl, WriteOwner");
  });
  it("uses composites when fully contained", () => {
    expect(rightsToNames(AD_RIGHTS.GenericAll)).toEqual(["GenericAll"]);
    expect(rightsToNames(AD_RIGHTS.ReadProperty)).toEqual(["ReadProperty"]);
    expect(rightsLabel(0)).toBe("(none)");
  });
  it("round-trips through rightsFromText", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x11f01ff }), (mask) => {
        const named = mask & 0x11f01ff;
        if (named === 0) return;
        expect(rightsFromText(rightsLabel(named))).toBe(named);
      }),
    );
  });
});

describe("rightsFromText", () => {
  it("reads names, decimal and hex", () => {
    expect(rightsFromText("ReadProperty, WriteProperty")).toBe(0x30);
    expect(rightsFromText("genericall")).toBe(983551);
    expect(rightsFromText("983551")).toBe(983551);
    expect(rightsFromText("0xF01FF")).toBe(983551);
  });
  it("rejects unknown names and empty text", () => {
    expect(rightsFromText("ReadProperty, Teleport")).toBeNull();
    expect(rightsFromText("  ")).toBeNull();
  });
});

describe("singleBits and dsacls letters", () => {
  it("decomposes composites", () => {
    expect(singleBits(AD_RIGHTS.GenericRead)).toEqual([0x4, 0x10, 0x80, 0x20000]);
  });
  it("writes the ADSyncConfig letters", () => {
    expect(toDsaclsLetters(AD_RIGHTS.GenericAll)).toBe("GA");
    expect(toDsaclsLetters(AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild)).toBe("CCDC");
    expect(toDsaclsLetters(AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty)).toBe("RPWP");
    expect(toDsaclsLetters(AD_RIGHTS.ExtendedRight)).toBe("CA");
  });
});
