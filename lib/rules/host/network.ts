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
    const probe: ProbeResult = { host: name, port, reachable, error: error ?? null };
    // The path fields only when collected, so the evidence of a direct probe keeps its shape.
    if (Object.hasOwn(entry, "via")) {
      const via = entry.via;
      if (via === "direct" || via === "proxy") probe.via = via;
      const proxy = Object.hasOwn(entry, "proxy") ? readString(entry.proxy) : undefined;
      if (proxy !== undefined) probe.proxy = proxy;
      const proxyStatus = Object.hasOwn(entry, "proxyStatus") ? readString(entry.proxyStatus) : undefined;
      if (proxyStatus !== undefined) probe.proxyStatus = proxyStatus;
    }
    checks[count++] = probe;
  }
  checks.length = count;
  return checks;
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
