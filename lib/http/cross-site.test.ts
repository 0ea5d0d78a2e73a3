import { describe, expect, it } from "vitest";
import { crossSiteRefusal, crossSiteWriteReason } from "./cross-site";

const host = "readiness.corp.example:3000";
const headers = (values: Record<string, string>) => new Headers(values);

describe("crossSiteWriteReason", () => {
  it("lets safe methods through whatever their headers", () => {
    expect(crossSiteWriteReason("GET", headers({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }), host)).toBeNull();
    expect(crossSiteWriteReason("HEAD", headers({ origin: "https://evil.example" }), host)).toBeNull();
  });

  it("lets a same-origin write through (case of the host ignored)", () => {
    expect(crossSiteWriteReason("POST", headers({ origin: "http://readiness.corp.example:3000", "sec-fetch-site": "same-origin" }), host)).toBeNull();
    expect(crossSiteWriteReason("POST", headers({ origin: "https://READINESS.corp.example:3000" }), host)).toBeNull();
  });

  it("refuses a write from another origin, a port or subdomain away, or an opaque one", () => {
    expect(crossSiteWriteReason("POST", headers({ origin: "https://evil.example" }), host)).toBe("Origin https://evil.example is not this site");
    expect(crossSiteWriteReason("POST", headers({ origin: "http://readiness.corp.example:3001" }), host)).not.toBeNull();
    expect(crossSiteWriteReason("PATCH", headers({ origin: "http://app.readiness.corp.example:3000" }), host)).not.toBeNull();
    expect(crossSiteWriteReason("POST", headers({ origin: "null" }), host)).not.toBeNull();
    expect(crossSiteWriteReason("DELETE", headers({ origin: "not a url" }), host)).not.toBeNull();
  });

  it("refuses an Origin-less write that the browser marks as cross-site or same-site", () => {
    expect(crossSiteWriteReason("POST", headers({ "sec-fetch-site": "cross-site" }), host)).toBe("Sec-Fetch-Site: cross-site without an Origin");
    expect(crossSiteWriteReason("POST", headers({ "sec-fetch-site": "same-site" }), host)).not.toBeNull();
    expect(crossSiteWriteReason("POST", headers({ "sec-fetch-site": "same-origin" }), host)).toBeNull();
    expect(crossSiteWriteReason("POST", headers({ "sec-fetch-site": "none" }), host)).toBeNull();
  });

  it("lets a write with neither header through (not a browser's cross-site request), and refuses any Origin when the host is unknown", () => {
    expect(crossSiteWriteReason("POST", headers({}), host)).toBeNull();
    expect(crossSiteWriteReason("POST", headers({ origin: "http://readiness.corp.example:3000" }), null)).not.toBeNull();
  });
});

describe("crossSiteRefusal", () => {
  it("is a 403 that says why", async () => {
    const response = crossSiteRefusal("Origin https://evil.example is not this site");
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/^Cross-site request refused \(Origin https:\/\/evil\.example is not this site\)/);
  });
});
