import type { Cloud } from "@/lib/facts";
import { own, readString } from "./read";

/**
 * One connectivity probe as read from host.network.checks (malformed entries are skipped), in the shape
 * the port rules report as evidence (JSON-serialisable, `error` null when none), so they can report it as is.
 */
export interface ProbeResult {
  host: string;
  port: number;
  reachable: boolean;
  error: string | null;
  /** Present only when collected (collector 1.2 and later): "direct" or "proxy" (see lib/rules/host/proxy.ts). */
  via?: "direct" | "proxy";
  /** host:port of the proxy the probe went through. */
  proxy?: string;
  /** The proxy's status line or the error talking to it. */
  proxyStatus?: string;
}

/**
 * The last list read and what it gave. Four rules (host-port-443/80/8080 and host-endpoints) read the same
 * probes of the same host one after the other, so the list is validated once per host instead of four times.
 * The memo holds derived data of one immutable input (the collected list), never a rule result: it is keyed
 * by the list itself (identity and length) and replaced as soon as another host's list is read.
 */
let memoRaw: readonly unknown[] | undefined;
let memoLength = -1;
let memoChecks: readonly ProbeResult[] = [];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseChecks(raw: readonly unknown[]): ProbeResult[] {
  const checks = new Array<ProbeResult>(raw.length);
  let count = 0;
  for (let i = 0; i < raw.length; i++) {
    const entry = raw[i];
    // The same reads as own() (own properties only), inlined: this loop runs for every probe of every host.
    if (!isPlainObject(entry)) continue;
    const name = Object.hasOwn(entry, "host") ? readString(entry.host) : undefined;
    if (name === undefined) continue;
    const port = Object.hasOwn(entry, "port") ? entry.port : undefined;
    if (typeof port !== "number" || !Number.isFinite(port)) continue;
    const reachable = Object.hasOwn(entry, "reachable") ? entry.reachable : undefined;
    if (typeof reachable !== "boolean") continue;
    const error = Object.hasOwn(entry, "error") ? readString(entry.error) : undefined;
    // The path fields only when collected, so the evidence of a direct probe keeps its shape.
    let via: "direct" | "proxy" | undefined;
    let proxy: string | undefined;
    let proxyStatus: string | undefined;
    if (Object.hasOwn(entry, "via")) {
      const value = entry.via;
      if (value === "direct" || value === "proxy") via = value;
      proxy = Object.hasOwn(entry, "proxy") ? readString(entry.proxy) : undefined;
      proxyStatus = Object.hasOwn(entry, "proxyStatus") ? readString(entry.proxyStatus) : undefined;
    }
    checks[count++] = internProbe(name, port, reachable, error ?? null, via, proxy, proxyStatus);
  }
  checks.length = count;
  return checks;
}

function makeProbe(host: string, port: number, reachable: boolean, error: string | null, via: ProbeResult["via"], proxy: string | undefined, proxyStatus: string | undefined): ProbeResult {
  const probe: ProbeResult = { host, port, reachable, error };
  if (via !== undefined) probe.via = via;
  if (proxy !== undefined) probe.proxy = proxy;
  if (proxyStatus !== undefined) probe.proxyStatus = proxyStatus;
  return probe;
}

/**
 * Probes are interned: the same probe (host, port, outcome, error, path) collected on many servers is one frozen
 * object, so the evidence that lists it costs a reference per server instead of an object kept for as long as the
 * evaluation is. Looked up by host name, then port, then compared field by field among the few probes seen for
 * that pair (no key string is built). Bounded: emptied when it holds MAX_INTERNED probes, and at most
 * MAX_PER_PAIR variants are kept for one host and port.
 */
const INTERNED = new Map<string, Map<number, ProbeResult[]>>();
let internedCount = 0;
const MAX_INTERNED = 16_384;
const MAX_PER_PAIR = 16;

function internProbe(host: string, port: number, reachable: boolean, error: string | null, via: ProbeResult["via"], proxy: string | undefined, proxyStatus: string | undefined): ProbeResult {
  let byPort = INTERNED.get(host);
  const variants = byPort?.get(port);
  if (variants !== undefined) {
    for (let i = 0; i < variants.length; i++) {
      const known = variants[i];
      if (known.reachable === reachable && known.error === error && known.via === via && known.proxy === proxy && known.proxyStatus === proxyStatus) return known;
    }
    if (variants.length >= MAX_PER_PAIR) return makeProbe(host, port, reachable, error, via, proxy, proxyStatus);
  }
  const probe = Object.freeze(makeProbe(host, port, reachable, error, via, proxy, proxyStatus));
  if (internedCount >= MAX_INTERNED) {
    INTERNED.clear();
    internedCount = 0;
    byPort = undefined;
  }
  if (byPort === undefined) INTERNED.set(host, (byPort = new Map()));
  const list = byPort.get(port);
  if (list === undefined) byPort.set(port, [probe]);
  else list.push(probe);
  internedCount++;
  return probe;
}

/**
 * The well-formed entries of host.network.checks, or undefined when the list was not collected
 * (absent or not an array). An empty array is returned as-is: collected, but nothing probed.
 * The returned list is shared by the rules that read the same host: never modify it.
 */
export function readChecks(host: unknown): readonly ProbeResult[] | undefined {
  const raw = own(own(host, "network"), "checks");
  if (!Array.isArray(raw)) return undefined;
  if (raw !== memoRaw || raw.length !== memoLength) {
    memoChecks = parseChecks(raw);
    memoRaw = raw;
    memoLength = raw.length;
  }
  return memoChecks;
}

/** The host's cloud: "public" or "usgov"; `assumed` when not collected (default public); undefined when invalid. */
export function readCloud(host: unknown): { cloud: Cloud; assumed: boolean } | undefined {
  const value = own(own(host, "network"), "cloud");
  if (value === undefined) return ASSUMED_PUBLIC;
  if (value === "public") return PUBLIC;
  if (value === "usgov") return USGOV;
  return undefined;
}

const ASSUMED_PUBLIC: { cloud: Cloud; assumed: boolean } = Object.freeze({ cloud: "public", assumed: true });
const PUBLIC: { cloud: Cloud; assumed: boolean } = Object.freeze({ cloud: "public", assumed: false });
const USGOV: { cloud: Cloud; assumed: boolean } = Object.freeze({ cloud: "usgov", assumed: false });

/**
 * Shape of a probe in evidence (JSON-serialisable, no undefined): the probe itself, which is already in that
 * shape; it belongs to the host's evaluation (one evidence item per probe), so it is not copied again.
 */
export function probeEvidence(check: ProbeResult): ProbeResult {
  return check;
}
