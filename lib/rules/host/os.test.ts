import { describe, expect, it } from "vitest";
import { parseVersionString, resolveOs, SERVER_BUILDS, serverYearForBuild, serverYearFromCaption } from "./os";

describe("os helpers", () => {
  it("maps the four supported builds both ways", () => {
    expect(SERVER_BUILDS).toEqual({ 2016: 14393, 2019: 17763, 2022: 20348, 2025: 26100 });
    expect(serverYearForBuild(20348)).toBe(2022);
    expect(serverYearForBuild(25398)).toBeUndefined();
  });

  it("parses WMI, four-part and systeminfo version strings", () => {
    expect(parseVersionString("10.0.17763")).toEqual({ build: 17763, ubr: undefined });
    expect(parseVersionString("10.0.20348.2402")).toEqual({ build: 20348, ubr: 2402 });
    expect(parseVersionString("10.0.26100 N/A Build 26100")).toEqual({ build: 26100, ubr: undefined });
    expect(parseVersionString("6.1.7601 Service Pack 1 Build 7601")).toEqual({ build: 7601, ubr: undefined });
    expect(parseVersionString("Windows Server 2022")).toBeUndefined();
  });

  it("reads the year from captions", () => {
    expect(serverYearFromCaption("Microsoft Windows Server 2019 Datacenter")).toBe(2019);
    expect(serverYearFromCaption("Windows Server 2012 R2 Standard")).toBe(2012);
    expect(serverYearFromCaption("Microsoft Windows 11 Enterprise")).toBeUndefined();
  });

  it("prefers host.os.build over the version string and takes the UBR from either", () => {
    const os = resolveOs({ os: { build: 20348, version: "10.0.17763.1", productType: "server" } });
    expect(os).toMatchObject({ build: 20348, buildFact: "host.os.build", ubr: 1, supportedYear: 2022 });
    expect(resolveOs({ os: { version: "10.0.26100.6901", caption: "Microsoft Windows Server 2025 Datacenter" } })).toMatchObject({
      build: 26100,
      buildFact: "host.os.version",
      ubr: 6901,
      edition: "server",
      editionFact: "host.os.caption",
      supportedYear: 2025,
    });
  });

  it("tells servers from clients by productType, installationType, caption, then serverLevel", () => {
    expect(resolveOs({ os: { productType: "workstation", caption: "Windows Server 2022" } }).edition).toBe("client");
    expect(resolveOs({ os: { installationType: "Server Core" } }).edition).toBe("server");
    expect(resolveOs({ os: { caption: "Microsoft Windows 10 Enterprise LTSC" } }).edition).toBe("client");
    expect(resolveOs({ os: { serverLevel: "FullServer" } }).edition).toBe("server");
    expect(resolveOs({ os: { serverLevel: "Unknown" } }).edition).toBeUndefined();
    expect(resolveOs({ os: { build: 17763 } }).supportedYear).toBeUndefined();
  });

  it("uses the caption year only when no build is known", () => {
    expect(resolveOs({ os: { caption: "Microsoft Windows Server 2016 Standard" } }).supportedYear).toBe(2016);
    expect(resolveOs({ os: { caption: "Microsoft Windows Server 2012 R2 Standard" } }).supportedYear).toBeUndefined();
    expect(resolveOs({ os: { caption: "Microsoft Windows Server 2022 Standard", build: 9600 } }).supportedYear).toBeUndefined();
  });

  it("resolves one host's OS once for the rules that read it, and anew for another host", () => {
    const host = { os: { build: 20348, productType: "server" } };
    const first = resolveOs(host);
    expect(resolveOs(host)).toBe(first);
    const other = resolveOs({ os: { build: 17763, productType: "server" } });
    expect(other.supportedYear).toBe(2019);
    expect(resolveOs({ os: { build: 20348, productType: "server" } })).toEqual(first);
    expect(resolveOs({})).toEqual({ caption: undefined, version: undefined, productType: undefined, installationType: undefined });
  });
});
