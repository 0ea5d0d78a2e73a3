import "server-only";
import { generateFleet } from "@/lib/demo";
import { fleetCollectorChunks, fleetContextFiles, HOSTS_COLLECTOR_FILE, type ExportFile } from "@/lib/demo/exports";
import type { UploadKind } from "@/lib/ingest/types";
import { ingestFile } from "./ingest/ingest-file";
import { db } from "./db";

/**
 * Demo data through the real ingest path: generates a deterministic fleet (lib/demo), writes it as the files an
 * administrator would upload (lib/demo/exports: domain facts, gMSA ACL exports, Graph tenant JSON, one sync scope
 * plan, then the hosts as a collector bundle) and commits each one with ingestFile, exactly as an upload does.
 *
 * Idempotent: the same servers and seed give the same bytes, so loading again finds every file already committed
 * (status "duplicate") and changes nothing. Another size or seed is new data and is committed alongside.
 */

export const DEMO_SEED = "demo";
export const DEMO_DEFAULT_SERVERS = 300;
/** The collector bundle must fit the default 50 MB upload limit (about 4.8 KB per host). */
export const DEMO_MAX_SERVERS = 5_000;

export interface LoadDemoFleetOptions {
  /** Servers to generate (default 300, at most 5,000). */
  servers?: number;
  /** Same seed, same fleet (default "demo"). */
  seed?: string | number;
  /** Recorded as the uploader of every demo file. */
  uploadedBy: { name: string; userId?: string | null };
}

export interface DemoFileOutcome {
  name: string;
  kind: UploadKind;
  format: string;
  status: "committed" | "duplicate";
  uploadId: string;
  records: number;
  /** Servers whose facts or evaluation the file changed (0 for a duplicate). */
  servers: number;
  warnings: number;
}

export interface DemoLoadSummary {
  seed: string | number;
  servers: number;
  files: DemoFileOutcome[];
  committed: number;
  duplicates: number;
  /** Servers in the database per verdict after loading (every server, not only the demo's). */
  verdicts: Record<string, number>;
  ms: number;
}

export class DemoLoadError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
  ) {
    super(`Demo file ${file} was refused (${code}): ${message}`);
    this.name = "DemoLoadError";
  }
}

function demoFiles(servers: number, seed: string | number): ExportFile[] {
  const fleet = generateFleet({ servers, seed });
  const hosts: ExportFile = {
    name: HOSTS_COLLECTOR_FILE,
    kind: "host-inventory",
    format: "collector-json",
    text: [...fleetCollectorChunks(fleet)].join(""),
  };
  // Context first, hosts last: every server is then evaluated once, with its domain's facts already in place.
  return [...fleetContextFiles(fleet), hosts];
}

async function verdictCounts(): Promise<Record<string, number>> {
  const rows = await db().server.groupBy({ by: ["verdict"], _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.verdict, row._count._all]));
}

/** Generates the demo fleet and ingests its files; throws DemoLoadError if any file is refused (a bug, not user input). */
export async function loadDemoFleet(options: LoadDemoFleetOptions): Promise<DemoLoadSummary> {
  const servers = options.servers ?? DEMO_DEFAULT_SERVERS;
  const seed = options.seed ?? DEMO_SEED;
  if (!Number.isInteger(servers) || servers < 1 || servers > DEMO_MAX_SERVERS) {
    throw new RangeError(`servers must be a whole number from 1 to ${DEMO_MAX_SERVERS}, got ${servers}`);
  }
  const started = performance.now();
  const encoder = new TextEncoder();
  const files: DemoFileOutcome[] = [];
  for (const file of demoFiles(servers, seed)) {
    const name = `demo-${file.name}`;
    const response = await ingestFile({ bytes: encoder.encode(file.text), fileName: name, options: {}, kind: file.kind, uploadedBy: options.uploadedBy });
    if (!response.ok) throw new DemoLoadError(name, response.code, response.message);
    if (response.status === "dry-run" || response.id === null) throw new DemoLoadError(name, "not-committed", "the file was not committed");
    files.push({
      name,
      kind: file.kind, // ingestFile refused any other kind
      format: response.format,
      status: response.status,
      uploadId: response.id,
      records: response.counts.records,
      servers: response.status === "duplicate" ? 0 : response.counts.servers,
      warnings: response.issues.filter((issue) => issue.severity === "warning").length,
    });
  }
  const committed = files.filter((f) => f.status === "committed").length;
  return {
    seed,
    servers,
    files,
    committed,
    duplicates: files.length - committed,
    verdicts: await verdictCounts(),
    ms: Math.round(performance.now() - started),
  };
}
