import type { Cloud } from "@/lib/facts";
import { own, readString } from "./read";

/** One connectivity probe as read from host.network.checks (malformed entries are skipped). */
export interface ProbeResult {
  host: string;
  port: number;
  reachable: boolean;
  error?: string;
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

function parseChecks(raw: readonly unknown[]): ProbeResult[] {
  const checks: ProbeResult[] = [];
  for (let i = 0; i < raw.length; i++) {
    const entry = raw[i];
    const name = readString(own(entry, "host"));
    if (name === undefined) continue;
    const port = own(entry, "port");
    if (typeof port !== "number" || !Number.isFinite(port)) continue;
    const reachable = own(entry, "reachable");
    if (typeof reachable !== "boolean") continue;
    const error = readString(own(entry, "error"));
    checks.push(error === undefined ? { host: name, port, reachable } : { host: name, port, reachable, error });
  }
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

/** Shape of a probe in evidence (JSON-serialisable, no undefined). */
export function probeEvidence(check: ProbeResult): { host: string; port: number; reachable: boolean; error: string | null } {
  return { host: check.host, port: check.port, reachable: check.reachable, error: check.error ?? null };
}
