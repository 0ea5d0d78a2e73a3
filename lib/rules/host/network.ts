import type { Cloud } from "@/lib/facts";
import { at, readArray, readBoolean, readNumber, readString } from "./read";

/** One connectivity probe as read from host.network.checks (malformed entries are skipped). */
export interface ProbeResult {
  host: string;
  port: number;
  reachable: boolean;
  error?: string;
}

/**
 * The well-formed entries of host.network.checks, or undefined when the list was not collected
 * (absent or not an array). An empty array is returned as-is: collected, but nothing probed.
 */
export function readChecks(host: unknown): ProbeResult[] | undefined {
  const raw = readArray(at(host, "network", "checks"));
  if (!raw) return undefined;
  const checks: ProbeResult[] = [];
  for (const entry of raw) {
    const name = readString(at(entry, "host"));
    const port = readNumber(at(entry, "port"));
    const reachable = readBoolean(at(entry, "reachable"));
    if (name === undefined || port === undefined || reachable === undefined) continue;
    const error = readString(at(entry, "error"));
    checks.push(error === undefined ? { host: name, port, reachable } : { host: name, port, reachable, error });
  }
  return checks;
}

/** The host's cloud: "public" or "usgov"; `assumed` when not collected (default public); undefined when invalid. */
export function readCloud(host: unknown): { cloud: Cloud; assumed: boolean } | undefined {
  const value = at(host, "network", "cloud");
  if (value === undefined) return { cloud: "public", assumed: true };
  if (value === "public" || value === "usgov") return { cloud: value, assumed: false };
  return undefined;
}

/** Shape of a probe in evidence (JSON-serialisable, no undefined). */
export function probeEvidence(check: ProbeResult): { host: string; port: number; reachable: boolean; error: string | null } {
  return { host: check.host, port: check.port, reachable: check.reachable, error: check.error ?? null };
}
