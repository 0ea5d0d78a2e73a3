import { describe, expect, it } from "vitest";
import { cameOverHttps } from "./hsts";

describe("cameOverHttps", () => {
  it("plain HTTP without a forwarded protocol is not HTTPS", () => {
    expect(cameOverHttps({ protocol: "http:", forwardedProto: null, behindTrustedProxy: false })).toBe(false);
    expect(cameOverHttps({ protocol: "http:", forwardedProto: null, behindTrustedProxy: true })).toBe(false);
  });

  it("direct TLS is HTTPS, with or without trusted proxies", () => {
    expect(cameOverHttps({ protocol: "https:", forwardedProto: null, behindTrustedProxy: false })).toBe(true);
    expect(cameOverHttps({ protocol: "https:", forwardedProto: null, behindTrustedProxy: true })).toBe(true);
  });

  it("ignores X-Forwarded-Proto when no proxy is trusted (any client can send it)", () => {
    expect(cameOverHttps({ protocol: "https:", forwardedProto: "https", behindTrustedProxy: false })).toBe(false);
    expect(cameOverHttps({ protocol: "http:", forwardedProto: "https", behindTrustedProxy: false })).toBe(false);
  });

  it("believes the first X-Forwarded-Proto value when a proxy is trusted", () => {
    expect(cameOverHttps({ protocol: "https:", forwardedProto: "https", behindTrustedProxy: true })).toBe(true);
    expect(cameOverHttps({ protocol: "https:", forwardedProto: " HTTPS , http", behindTrustedProxy: true })).toBe(true);
    expect(cameOverHttps({ protocol: "http:", forwardedProto: "http", behindTrustedProxy: true })).toBe(false);
    expect(cameOverHttps({ protocol: "https:", forwardedProto: "http, https", behindTrustedProxy: true })).toBe(false);
  });
});
