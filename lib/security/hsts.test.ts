import { describe, expect, it } from "vitest";
import { cameOverHttps } from "./hsts";

describe("cameOverHttps", () => {
  it("plain HTTP without a forwarded protocol is not HTTPS", () => {
    expect(cameOverHttps({ protocol: "http:", forwardedProto: null, trustedProxies: undefined })).toBe(false);
    expect(cameOverHttps({ protocol: "http:", forwardedProto: null, trustedProxies: "10.0.0.1" })).toBe(false);
  });

  it("direct TLS is HTTPS, with or without trusted proxies", () => {
    expect(cameOverHttps({ protocol: "https:", forwardedProto: null, trustedProxies: undefined })).toBe(true);
    expect(cameOverHttps({ protocol: "https:", forwardedProto: null, trustedProxies: "10.0.0.1" })).toBe(true);
  });

  it("ignores X-Forwarded-Proto when no proxy is trusted (any client can send it)", () => {
    expect(cameOverHttps({ protocol: "https:", forwardedProto: "https", trustedProxies: undefined })).toBe(false);
    expect(cameOverHttps({ protocol: "https:", forwardedProto: "https", trustedProxies: "  " })).toBe(false);
  });

  it("believes the first X-Forwarded-Proto value when a proxy is trusted", () => {
    const trusted = "10.0.0.0/8";
    expect(cameOverHttps({ protocol: "https:", forwardedProto: "https", trustedProxies: trusted })).toBe(true);
    expect(cameOverHttps({ protocol: "https:", forwardedProto: " HTTPS , http", trustedProxies: trusted })).toBe(true);
    expect(cameOverHttps({ protocol: "http:", forwardedProto: "http", trustedProxies: trusted })).toBe(false);
    expect(cameOverHttps({ protocol: "https:", forwardedProto: "http, https", trustedProxies: trusted })).toBe(false);
  });
});
