import { describe, expect, it } from "vitest";
import { cloudSchema } from "@/lib/facts";
import { ENDPOINTS, endpointsFor, hostMatchesPattern } from "./endpoints";

describe("endpoints", () => {
  it("has a list for every cloud", () => {
    for (const cloud of cloudSchema.options) expect(endpointsFor(cloud).length).toBeGreaterThan(0);
  });

  it("gives every wildcard a concrete probe host that matches its pattern", () => {
    for (const cloud of cloudSchema.options) {
      for (const requirement of ENDPOINTS[cloud]) {
        expect(requirement.probeHost, requirement.pattern).not.toContain("*");
        expect(hostMatchesPattern(requirement.probeHost, requirement.pattern), `${requirement.pattern} -> ${requirement.probeHost}`).toBe(true);
        if (!requirement.pattern.startsWith("*.")) expect(requirement.probeHost).toBe(requirement.pattern);
      }
    }
  });

  it("has no duplicate pattern/port pairs", () => {
    for (const cloud of cloudSchema.options) {
      const keys = ENDPOINTS[cloud].map((requirement) => `${requirement.pattern}:${requirement.port}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it("encodes the 2026-07-27 public list", () => {
    const byPort = (port: 80 | 443) =>
      ENDPOINTS.public.filter((requirement) => requirement.port === port).map((requirement) => requirement.pattern).sort();
    expect(byPort(80)).toEqual(["crl.microsoft.com", "mscrl.microsoft.com", "ocsp.msocsp.com", "www.microsoft.com"]);
    expect(byPort(443)).toEqual(
      [
        "*.msappproxy.net",
        "*.servicebus.windows.net",
        "*.microsoftonline.com",
        "*.microsoft.com",
        "*.msappproxy.com",
        "*.windowsazure.com",
        "login.windows.net",
        "login.live.com",
        "aadcdn.msauth.net",
        "aadcdn.msftauth.net",
        "www.msftconnecttest.com",
      ].sort(),
    );
    expect(ENDPOINTS.public.find((requirement) => requirement.pattern === "*.microsoftonline.com")?.probeHost).toBe("login.microsoftonline.com");
    expect(ENDPOINTS.public.find((requirement) => requirement.pattern === "*.msappproxy.net")?.probeHost).toBe("download.msappproxy.net");
    expect(ENDPOINTS.public.some((requirement) => requirement.pattern.includes("cloudwebappproxy"))).toBe(false);
  });

  it("encodes the 2026-07-27 US Government list, with the corrected msftauthimages.us spelling", () => {
    const patterns = ENDPOINTS.usgov.map((requirement) => requirement.pattern);
    expect([...patterns].sort()).toEqual(
      [
        "*.msappproxy.us",
        "*.servicebus.usgovcloudapi.net",
        "mscrl.microsoft.us",
        "crl.microsoft.us",
        "ocsp.msocsp.us",
        "www.microsoft.us",
        "login.windows.us",
        "secure.aadcdn.microsoftonline-p.com",
        "*.microsoftonline.us",
        "*.microsoftonline-p.us",
        "*.msauth.net",
        "*.msauthimages.net",
        "*.msecnd.net",
        "*.msftauth.net",
        "*.msftauthimages.net",
        "*.phonefactor.net",
        "enterpriseregistration.windows.net",
        "management.azure.com",
        "policykeyservice.dc.ad.msft.net",
        "ctldl.windowsupdate.us",
        "aadcdn.msftauthimages.us",
        "*.microsoft.us",
        "msauthimages.us",
        "msftauthimages.us",
      ].sort(),
    );
    expect(patterns).not.toContain("mfstauthimages.us");
    expect(ENDPOINTS.usgov.filter((requirement) => requirement.port === 80).map((requirement) => requirement.pattern).sort()).toEqual(
      ["crl.microsoft.us", "ctldl.windowsupdate.us", "mscrl.microsoft.us", "ocsp.msocsp.us", "www.microsoft.us"],
    );
  });

  it("matches wildcards only with at least one extra label", () => {
    expect(hostMatchesPattern("login.microsoftonline.com", "*.microsoftonline.com")).toBe(true);
    expect(hostMatchesPattern("a.b.microsoftonline.com", "*.microsoftonline.com")).toBe(true);
    expect(hostMatchesPattern("LOGIN.MicrosoftOnline.com.", "*.microsoftonline.com")).toBe(true);
    expect(hostMatchesPattern("microsoftonline.com", "*.microsoftonline.com")).toBe(false);
    expect(hostMatchesPattern("evilmicrosoftonline.com", "*.microsoftonline.com")).toBe(false);
    expect(hostMatchesPattern("crl.microsoft.com", "crl.microsoft.com")).toBe(true);
    expect(hostMatchesPattern("www.crl.microsoft.com", "crl.microsoft.com")).toBe(false);
    expect(hostMatchesPattern("", "*.microsoft.com")).toBe(false);
  });
});
