import { describe, expect, it } from "vitest";
import { readChecks, readCloud } from "./network";

const host = (checks: unknown) => ({ network: { checks } });

describe("readChecks", () => {
  it("gives the same probe collected on two servers as one frozen object, with the same fields", () => {
    const probe = { host: "login.microsoftonline.com", port: 443, reachable: false, error: "TCP connect timed out" };
    const proxied = { host: "login.microsoftonline.com", port: 443, reachable: true, via: "proxy", proxy: "p:8080", proxyStatus: "HTTP/1.1 200 OK" };
    const [a, pa] = readChecks(host([{ ...probe }, { ...proxied }]))!;
    const [b, pb] = readChecks(host([{ ...probe, latencyMs: 7 }, { ...proxied }]))!;
    expect(b).toBe(a);
    expect(pb).toBe(pa);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).toEqual(probe);
    expect(pa).toEqual({ ...proxied, error: null });
    // Another error, a missing error and the path are told apart.
    const [other, none, direct] = readChecks(host([{ ...probe, error: "refused" }, { ...probe, error: undefined }, { ...probe, via: "direct" }]))!;
    expect([other.error, none.error, direct.via]).toEqual(["refused", null, "direct"]);
    expect(new Set([a, other, none, direct]).size).toBe(4);
    // At most 16 variants of one host and port are kept; the rest are still read, just not shared.
    const variantsOf = (n: number) => readChecks(host(Array.from({ length: n }, (_, i) => ({ host: "v.example", port: 1, reachable: false, error: `e${i}` }))))!;
    const many = variantsOf(20);
    expect(many.map((probe) => probe.error)).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`));
    const again = variantsOf(20);
    expect(again[15]).toBe(many[15]);
    expect(again[16]).not.toBe(many[16]);
    expect(again[16]).toEqual(many[16]);
  });

  it("keeps well-formed probes in the evidence shape and skips the rest", () => {
    const checks = readChecks(
      host([
        { host: " login.microsoftonline.com ", port: 443, reachable: true, latencyMs: 12 },
        { host: "crl.microsoft.com", port: 80, reachable: false, error: "timed out" },
        { host: "", port: 443, reachable: true },
        { host: "x", port: "443", reachable: true },
        { host: "y", port: Number.NaN, reachable: true },
        { host: "z", port: 443 },
        "garbage",
        null,
        Object.create({ host: "inherited", port: 443, reachable: true }),
      ]),
    );
    expect(checks).toEqual([
      { host: "login.microsoftonline.com", port: 443, reachable: true, error: null },
      { host: "crl.microsoft.com", port: 80, reachable: false, error: "timed out" },
    ]);
    expect(readChecks(host([]))).toEqual([]);
    expect(readChecks(host("not a list"))).toBeUndefined();
    expect(readChecks({})).toBeUndefined();
  });

  it("parses a list once for the rules reading the same host, and again for another list", () => {
    const list = [{ host: "a.example.com", port: 443, reachable: true }];
    const first = readChecks(host(list));
    expect(readChecks(host(list))).toBe(first);
    const other = readChecks(host([{ host: "b.example.com", port: 443, reachable: false }]));
    expect(other).toEqual([{ host: "b.example.com", port: 443, reachable: false, error: null }]);
    expect(readChecks(host(list))).toEqual(first);
  });

  it("notices a list that grew since it was read", () => {
    const list: unknown[] = [{ host: "a.example.com", port: 443, reachable: true }];
    expect(readChecks(host(list))).toHaveLength(1);
    list.push({ host: "b.example.com", port: 80, reachable: true });
    expect(readChecks(host(list))).toHaveLength(2);
  });
});

describe("readCloud", () => {
  it("reads public and usgov, assumes public when missing, and rejects anything else", () => {
    expect(readCloud({ network: { cloud: "usgov" } })).toEqual({ cloud: "usgov", assumed: false });
    expect(readCloud({ network: { cloud: "public" } })).toEqual({ cloud: "public", assumed: false });
    expect(readCloud({})).toEqual({ cloud: "public", assumed: true });
    expect(readCloud({ network: { cloud: "china" } })).toBeUndefined();
  });
});
