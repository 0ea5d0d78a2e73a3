import { describe, expect, it } from "vitest";
import { dnsNameProblem, normalizeDnsName, normalizeHostIdentity, normalizeNetbiosName } from "./identity";

describe("normalizeHostIdentity", () => {
  it("lower-cases an FQDN and derives domain and NetBIOS name", () => {
    expect(normalizeHostIdentity({ name: "SYNC01.Corp.Contoso.COM." })).toEqual({
      ok: true,
      unqualified: false,
      identity: { fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01", domain: "corp.contoso.com" },
    });
  });

  it("qualifies a short name with the record's domain, then the default domain", () => {
    expect(normalizeHostIdentity({ name: "sync01", domain: "CORP.contoso.com", defaultDomain: "other.com" })).toMatchObject({
      identity: { fqdn: "sync01.corp.contoso.com", domain: "corp.contoso.com" },
    });
    expect(normalizeHostIdentity({ name: "sync01", defaultDomain: "corp.contoso.com" })).toMatchObject({
      identity: { fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01" },
      unqualified: false,
    });
  });

  it("keeps a short name unqualified (and says so) when no domain is known", () => {
    expect(normalizeHostIdentity({ name: "SYNC01" })).toEqual({ ok: true, unqualified: true, identity: { fqdn: "sync01", netbiosName: "SYNC01" } });
  });

  it("never qualifies workgroup machines with their workgroup name", () => {
    expect(normalizeHostIdentity({ name: "hpFirefly16P", domain: "WORKGROUP", partOfDomain: false, defaultDomain: "corp.contoso.com" })).toEqual({
      ok: true,
      unqualified: false,
      identity: { fqdn: "hpfirefly16p", netbiosName: "HPFIREFLY16P" },
    });
  });

  it("strips UNC prefixes and reads DOMAIN\\NAME$ account forms", () => {
    expect(normalizeHostIdentity({ name: "\\\\SYNC01", defaultDomain: "corp.contoso.com" })).toMatchObject({ identity: { fqdn: "sync01.corp.contoso.com" } });
    expect(normalizeHostIdentity({ name: "corp\\SYNC01$", defaultDomain: "corp.contoso.com" })).toMatchObject({
      identity: { fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01", netbiosDomain: "CORP" },
    });
  });

  it("treats a single-label domain column as the NetBIOS domain", () => {
    expect(normalizeHostIdentity({ name: "sync01", domain: "corp" })).toMatchObject({
      unqualified: true,
      identity: { fqdn: "sync01", netbiosDomain: "CORP" },
    });
  });

  it("does not invent a NetBIOS name longer than 15 characters", () => {
    const result = normalizeHostIdentity({ name: "averyverylonghostname.corp.contoso.com" });
    expect(result).toMatchObject({ ok: true, identity: { fqdn: "averyverylonghostname.corp.contoso.com" } });
    if (result.ok) expect(result.identity.netbiosName).toBeUndefined();
  });

  it("refuses hostile and oversized names", () => {
    expect(normalizeHostIdentity({ name: "<script>alert(1)</script>" })).toMatchObject({ ok: false, message: expect.stringMatching(/not a valid host name/) });
    expect(normalizeHostIdentity({ name: "=cmd|' /C calc'!A0" })).toMatchObject({ ok: false });
    expect(normalizeHostIdentity({ name: "srv\u202e10" })).toMatchObject({ ok: false, message: expect.stringContaining("\\u{202E}") });
    expect(normalizeHostIdentity({ name: "a".repeat(10_000) })).toMatchObject({ ok: false, message: expect.stringMatching(/10000 characters long/) });
    expect(normalizeHostIdentity({ name: `${"a".repeat(64)}.corp.com` })).toMatchObject({ ok: false, message: expect.stringMatching(/longer than 63/) });
    expect(normalizeHostIdentity({ name: "" })).toMatchObject({ ok: false, message: "the host name is empty" });
  });

  it("helpers", () => {
    expect(normalizeDnsName(" \\\\SRV.CORP.COM.. ")).toBe("srv.corp.com");
    // A long run of dots inside the name stays, in linear time (a /\.+$/ regex is quadratic there).
    const dotted = `e${".".repeat(200_000)}mea.contoso.com`;
    const start = performance.now();
    expect(normalizeDnsName(dotted)).toBe(dotted);
    expect(normalizeDnsName(`${dotted}...`)).toBe(dotted);
    expect(performance.now() - start).toBeLessThan(500);
    expect(normalizeNetbiosName("corp")).toBe("CORP");
    expect(dnsNameProblem("srv01.corp.contoso.com")).toBeUndefined();
    expect(dnsNameProblem("srv..corp")).toMatch(/empty part/);
  });
});
