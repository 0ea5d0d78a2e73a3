import { createIssueSink } from "../issues";
import { parseJson } from "../json/parse-json";
import type { AclFacts, DomainFacts } from "@/lib/facts";
import { normalizeCollectorOutput } from "@/lib/ingest/collector/normalize";
import { COLLECTOR_NAME, parseCollectorOutput } from "@/lib/ingest/collector/schema";
import type { FormatParser, HostRecord, ParseInput, ParseIssue, ParseResult } from "@/lib/ingest/types";

/**
 * The JSON written by collector/Get-CloudSyncReadiness.ps1: one file per host, or a bundle of many outputs
 * (a JSON array, or `{ "hosts": [...] }`). Row = position in the bundle (1-based; a single file is row 1).
 * A host with errors is rejected on its own; the others are kept. Linear in the number of hosts.
 * A report made with -IncludeDomain (schemaVersion 2) also yields the ACLs it read (domain root, -ScopeOU OUs),
 * one AclFacts each, which the gMSA ACL rules judge like an uploaded Get-Acl export.
 */

const FORMAT_ID = "collector-json";
const DETECT_WINDOW = 4096;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function detect(input: ParseInput): number {
  const head = stripBom(input.text.slice(0, DETECT_WINDOW)).trimStart();
  if (!head.startsWith("{") && !head.startsWith("[")) return 0;
  const namesCollector = head.includes(`"${COLLECTOR_NAME}"`);
  if (!namesCollector) return 0;
  return /"schemaVersion"\s*:/.test(head) ? 0.98 : 0.6;
}

function emptyResult(): ParseResult {
  return { kind: "host-inventory", format: FORMAT_ID, hosts: [], domains: [], acls: [], records: 0, rejected: 0, issues: [] };
}

function fileError(file: string, message: string, column?: string): ParseResult {
  const issue: ParseIssue = { file, message, severity: "error" };
  if (column !== undefined) issue.column = column;
  return { ...emptyResult(), issues: [issue] };
}

/** The collector outputs in the document: a single output, an array, or `{ hosts: [...] }` (or its unrolled single element). */
function recordsOf(document: unknown): { records: unknown[] } | { error: string; column?: string } {
  if (Array.isArray(document)) return { records: document };
  if (!isRecord(document)) return { error: `expected a JSON object or array written by ${COLLECTOR_NAME}` };
  if ("hosts" in document && !("host" in document)) {
    const hosts = document.hosts;
    if (Array.isArray(hosts)) return { records: hosts };
    if (isRecord(hosts)) return { records: [hosts] };
    return { error: "expected hosts to be an array of collector outputs", column: "hosts" };
  }
  return { records: [document] };
}

function parse(input: ParseInput): ParseResult {
  const file = input.fileName;
  const json = parseJson(stripBom(input.text));
  if (!json.ok) return fileError(file, json.message);
  const document: unknown = json.value;
  const found = recordsOf(document);
  if ("error" in found) return fileError(file, found.error, found.column);
  const { records } = found;
  const maxRows = input.options.maxRows;
  if (maxRows !== undefined && records.length > maxRows) {
    return fileError(file, `the file holds ${records.length} collector outputs; at most ${maxRows} are accepted per upload`);
  }

  const result = emptyResult();
  result.records = records.length;
  // At most MAX_ISSUES_PER_FILE row issues are kept (a bundle of 50,000 broken reports is summarised, not echoed).
  const sink = createIssueSink(file);
  const hosts: HostRecord[] = [];
  const domains = new Map<string, DomainFacts>();
  const acls = new Map<string, AclFacts>();
  const versions = new Set<string>();
  let producerVersion: string | undefined;

  records.forEach((record, index) => {
    const row = index + 1;
    const parsed = parseCollectorOutput(record);
    if (!parsed.ok) {
      result.rejected += 1;
      for (const issue of parsed.issues) sink.error(issue.message, { row, column: issue.path });
      return;
    }
    const normalized = normalizeCollectorOutput(parsed.data);
    if (!normalized.ok) {
      result.rejected += 1;
      for (const issue of normalized.issues) sink.error(issue.message, { row, column: issue.path });
      return;
    }
    hosts.push({ row, facts: normalized.host });
    producerVersion ??= parsed.data.collector.version;
    versions.add(parsed.data.collector.version);
    for (const warning of normalized.warnings) {
      sink.warning(warning.message, { row, column: warning.path });
    }
    (parsed.data.errors ?? []).forEach((error, i) => {
      sink.warning(`probe "${error.probe}" failed on the host, its facts were not collected: ${error.message}`, { row, column: `errors[${i}]` });
    });
    const domain = normalized.domain;
    if (domain) {
      // Several hosts of one domain may carry the domain section: keep the most recent collection.
      const key = domain.dnsName ?? domain.distinguishedName ?? `row ${row}`;
      const previous = domains.get(key);
      if (!previous || (previous.collectedAt ?? "") <= (domain.collectedAt ?? "")) domains.set(key, domain);
    }
    for (const acl of normalized.acls) {
      // The same object read by several hosts' runs: keep the most recent reading.
      const key = (acl.targetDn ?? `row ${row}`).toLowerCase();
      const previous = acls.get(key);
      if (!previous || (previous.collectedAt ?? "") <= (acl.collectedAt ?? "")) acls.set(key, acl);
    }
  });

  result.issues = sink.list();
  result.hosts = hosts;
  result.domains = [...domains.values()];
  result.acls = [...acls.values()];
  if (producerVersion !== undefined) result.producerVersion = producerVersion;
  if (versions.size > 1) {
    result.issues.push({
      file,
      message: `the bundle mixes collector versions ${[...versions].sort().join(", ")}; producer version reported as ${producerVersion}`,
      severity: "warning",
    });
  }
  return result;
}

const collectorJson: FormatParser = {
  id: FORMAT_ID,
  kind: "host-inventory",
  label: "Cloud Sync Readiness collector (JSON)",
  detect,
  parse,
};

export default collectorJson;
