import type { UploadKind } from "@/lib/ingest/types";
import type { DemoFleet } from "../fleet";
import { collectorBundleChunks } from "./collector-bundle";
import { toDomainJson } from "./domain-json";
import { toGetAclJson } from "./getacl";
import { toGraphJson } from "./graph-json";
import { inventoryCsvChunks } from "./inventory-csv";
import { mergeScopes, toScopePlanJson } from "./scope-plan";

/**
 * A generated fleet as the files an administrator would upload: per domain the domain facts (domain-json) and the
 * gMSA's ACL at the domain root (getacl-json; none for a domain without a gMSA), the tenant (graph-json), one sync
 * scope plan for all domains (scope-plan), and the hosts as a collector bundle or an inventory CSV. Pure.
 */

export interface ExportFile {
  /** File name, e.g. "domain-corp.contoso.com.json". */
  name: string;
  kind: UploadKind;
  /** The parser format id that reads it. */
  format: string;
  text: string;
}

export const HOSTS_COLLECTOR_FILE = "hosts.collector.json";
export const HOSTS_CSV_FILE = "hosts.csv";

/** Everything but the hosts, in upload order (domains, ACLs, tenant, scope). */
export function fleetContextFiles(fleet: DemoFleet): ExportFile[] {
  const files: ExportFile[] = [];
  const entries = Object.entries(fleet.domains);
  for (const [dnsName, input] of entries) {
    files.push({ name: `domain-${dnsName}.json`, kind: "domain", format: "domain-json", text: toDomainJson(input.domain) });
  }
  for (const [dnsName, input] of entries) {
    if (input.acl !== undefined) files.push({ name: `gmsa-acl-${dnsName}.json`, kind: "gmsa-acl", format: "getacl-json", text: toGetAclJson(input.acl) });
  }
  if (fleet.tenant !== undefined) files.push({ name: "tenant.graph.json", kind: "tenant", format: "graph-json", text: toGraphJson(fleet.tenant) });
  files.push({ name: "scope-plan.json", kind: "sync-scope", format: "scope-plan", text: toScopePlanJson(mergeScopes(entries.map(([, input]) => input.scope))) });
  return files;
}

/** The hosts as a collector bundle, in chunks (see collectorBundleChunks). */
export function fleetCollectorChunks(fleet: DemoFleet): Generator<string> {
  return collectorBundleChunks(fleet.hosts);
}

/** The hosts as an inventory CSV, in chunks. */
export function fleetInventoryChunks(fleet: DemoFleet): Generator<string> {
  return inventoryCsvChunks(fleet.hosts);
}
