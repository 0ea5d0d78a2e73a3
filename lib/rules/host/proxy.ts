import { normalizeHostName } from "@/lib/rules/endpoints";
import { readChecks, type ProbeResult } from "./network";
import { own, readString } from "./read";
import { stringMemo } from "./bounded-memo";

/**
 * The path the agent takes to the cloud, and which connectivity probes speak for it.
 *
 * The provisioning agent's outbound traffic goes through the machine's WinHTTP proxy when one is set (the collector
 * reads it from HKLM ... Internet Settings\Connections\WinHttpSettings, or `netsh winhttp show proxy`). On such a
 * host a direct TCP probe tests a path the agent does not use: the perimeter usually blocks it (a false blocker) or
 * allows it while the proxy denies the agent (a false pass). So:
 * - a probe made through the proxy (`via: "proxy"`) counts;
 * - a direct probe counts when no proxy is configured, or when the target is on the proxy's bypass list;
 * - a direct probe of a proxied target does not count: it is "direct only", and the rules say Unknown naming the proxy.
 * When the proxy setting was not collected, every probe counts (as before the setting was read).
 */

/** The host's WinHTTP (or configured) proxy, when one is set. */
export interface ProxySetting {
  /** As collected, e.g. "proxy.corp.contoso.com:8080" or "http=p1:8080;https=p2:8443". */
  address: string;
  /** As collected, e.g. "<local>;*.corp.contoso.com"; "" when none. */
  bypass: string;
}

/** The probes split by whether they speak for the agent's path. */
export interface ProbePaths {
  /** The configured proxy, or null when none is configured (or the setting was not collected). */
  proxy: ProxySetting | null;
  /** The probes that count: proxied ones, and direct ones where the agent goes direct. */
  counted: readonly ProbeResult[];
  /** Direct probes of targets the agent reaches through the proxy: they say nothing about its path. */
  directOnly: readonly ProbeResult[];
}

/**
 * The proxy setting: undefined when not collected, null when collected and none is set, else the setting.
 * A setting marked configured without an address reads as configured with address "(address not recorded)".
 */
export function readProxy(host: unknown): ProxySetting | null | undefined {
  const proxy = own(own(host, "network"), "proxy");
  if (typeof proxy !== "object" || proxy === null || Array.isArray(proxy)) return undefined;
  const configured = own(proxy, "configured");
  const address = readString(own(proxy, "address"));
  if (configured === false) return null;
  if (configured !== true && address === undefined) return undefined;
  return { address: address ?? UNRECORDED, bypass: readString(own(proxy, "bypass")) ?? "" };
}

const UNRECORDED = "(address not recorded)";

/**
 * The proxy server a WinHTTP setting uses for a scheme, as host:port: "p:8080" for any scheme,
 * "http=p1:80;https=p2:443" per scheme (a scheme without an entry goes direct: null). A "http://" prefix is dropped.
 */
export function proxyServerFor(address: string, scheme: "http" | "https"): string | null {
  const servers = serversOf(address);
  return scheme === "http" ? servers.http : servers.https;
}

/** Both schemes' servers of a setting, worked out once per distinct address string. */
const serversOf = stringMemo((address: string): { http: string | null; https: string | null } => ({
  http: parseProxyServer(address, "http"),
  https: parseProxyServer(address, "https"),
}));

function parseProxyServer(address: string, scheme: "http" | "https"): string | null {
  const entries = address
    .split(/[;\s]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  let generic: string | null = null;
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    if (eq < 0) {
      generic ??= stripScheme(entry);
      continue;
    }
    if (entry.slice(0, eq).trim().toLowerCase() === scheme) return stripScheme(entry.slice(eq + 1).trim());
  }
  return generic;
}

function stripScheme(server: string): string {
  return server.replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "");
}

/**
 * True when WinHTTP would not use the proxy for `hostName`: the bypass list (";" or whitespace separated) names it,
 * with "*" wildcards, or holds "<local>" and the name has no dot.
 */
export function isBypassed(bypass: string, hostName: string): boolean {
  if (bypass === "") return false;
  return bypassListOf(bypass)(hostName);
}

/**
 * A bypass list parsed once per distinct string (its wildcards compiled once), with the answers for the host names
 * it was asked about: the same few probe hosts are asked about on every server behind the same proxy.
 */
const bypassListOf = stringMemo((bypass: string) => {
  let local = false;
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const raw of bypass.split(/[;\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "<local>") {
      local = true;
      continue;
    }
    const pattern = stripScheme(entry).replace(/:\d+$/, "");
    if (!pattern.includes("*")) exact.add(pattern);
    else patterns.push(wildcardPattern(pattern));
  }
  const matches = (name: string): boolean => {
    if (local && !name.includes(".")) return true;
    if (exact.has(name)) return true;
    for (const pattern of patterns) if (pattern.test(name)) return true;
    return false;
  };
  return stringMemo((hostName: string) => matches(normalizeHostName(hostName)), 1_024);
});

function wildcardPattern(pattern: string): RegExp {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`);
}

/** The proxy server a probe of this port would use ("http" for 80, "https" otherwise), null when it goes direct. */
export function proxyServerForPort(setting: ProxySetting, port: number): string | null {
  if (setting.address === UNRECORDED) return UNRECORDED;
  return proxyServerFor(setting.address, port === 80 ? "http" : "https");
}

/** The same split for the same host is computed once (host-port-80/443/8080 and host-endpoints read it in turn). */
let memoChecks: readonly ProbeResult[] | undefined;
let memoProxyKey = "";
let memoPaths: ProbePaths | undefined;

const NONE: readonly ProbeResult[] = Object.freeze([]);

/**
 * The host's probes split by the agent's path, or undefined when no probe list was collected.
 * The lists are shared by the rules that read the same host: never modify them.
 */
export function readProbePaths(host: unknown): ProbePaths | undefined {
  const checks = readChecks(host);
  if (!checks) return undefined;
  const proxy = readProxy(host) ?? null;
  // No proxy set (or not collected): every probe counts (a proxied one names its proxy itself).
  if (proxy === null) return pathsWithoutProxy(checks);
  const key = `${proxy.address}\u0000${proxy.bypass}`;
  if (memoPaths !== undefined && memoChecks === checks && memoProxyKey === key) return memoPaths;
  const counted: ProbeResult[] = [];
  const directOnly: ProbeResult[] = [];
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i];
    if (check.via === "proxy" || proxyServerForPort(proxy, check.port) === null || isBypassed(proxy.bypass, check.host)) counted.push(check);
    else directOnly.push(check);
  }
  memoChecks = checks;
  memoProxyKey = key;
  memoPaths = { proxy, counted, directOnly };
  return memoPaths;
}

let memoDirect: { checks: readonly ProbeResult[]; paths: ProbePaths } | undefined;

function pathsWithoutProxy(checks: readonly ProbeResult[]): ProbePaths {
  if (memoDirect !== undefined && memoDirect.checks === checks) return memoDirect.paths;
  const paths: ProbePaths = { proxy: null, counted: checks, directOnly: NONE };
  memoDirect = { checks, paths };
  return paths;
}

/** "the WinHTTP proxy proxy.corp.contoso.com:8080 (bypass: <local>;*.corp.contoso.com)" */
export function describeProxy(proxy: ProxySetting): string {
  return `the WinHTTP proxy ${proxy.address}${proxy.bypass === "" ? "" : ` (bypass: ${proxy.bypass})`}`;
}

/**
 * A PowerShell line that tests one URL through the proxy as the agent would use it (read-only: one HEAD request).
 * The proxy is put in the command only when it is a plain host:port; otherwise the line uses the session's default
 * proxy. A target the proxy does not serve (bypassed) gets the direct Test-NetConnection line.
 */
export function proxiedTestCommand(proxy: ProxySetting, port: number, probeHost: string): string {
  // NUL separates the key's parts; a collected value holding one (never a real one) is worked out directly.
  if (proxy.address.includes("\u0000") || proxy.bypass.includes("\u0000") || probeHost.includes("\u0000")) return buildTestCommand(proxy, port, probeHost);
  return testCommands(`${proxy.address}\u0000${proxy.bypass}\u0000${port}\u0000${probeHost}`);
}

/** The command per distinct (setting, port, host): one shared string for every server behind the same proxy. */
const testCommands = stringMemo((key: string) => {
  const [address, bypass, port, probeHost] = key.split("\u0000");
  return buildTestCommand({ address, bypass }, Number(port), probeHost);
});

function buildTestCommand(proxy: ProxySetting, port: number, probeHost: string): string {
  const server = proxyServerForPort(proxy, port);
  // Not through the proxy for this target (bypassed, or no proxy for the scheme): the direct test.
  if (server === null || isBypassed(proxy.bypass, probeHost)) return `Test-NetConnection -ComputerName ${probeHost} -Port ${port}`;
  const url = port === 80 ? `http://${probeHost}/` : port === 443 ? `https://${probeHost}/` : `https://${probeHost}:${port}/`;
  if (server !== null && SAFE_SERVER.test(server)) {
    return `Invoke-WebRequest -Uri '${url}' -Method Head -UseBasicParsing -Proxy 'http://${server}'`;
  }
  return `Invoke-WebRequest -Uri '${url}' -Method Head -UseBasicParsing`;
}

const SAFE_SERVER = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?:\d{1,5}$/;
