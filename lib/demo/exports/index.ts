/**
 * Writers from facts to the real export formats the ingest parsers read, for demo data, `npm run gen:fleet` and the
 * ingest benchmark. Pure functions: facts in, file text out. Round trips (facts -> writer -> parseFile -> facts) are
 * tested in *.test.ts; each writer's header lists exactly which facts its format cannot carry.
 *
 * | writer              | format (parser id) | carries                                                             |
 * | ------------------- | ------------------ | ------------------------------------------------------------------- |
 * | toCollectorBundle   | collector-json     | every HostFacts field (+ DomainFacts on a host of the domain)       |
 * | toInventoryCsv      | inventory-csv      | all host facts but execution-policy scopes, network checks and proxy |
 * | toGetAclCsv         | getacl-csv         | the ACEs (target and account go in the upload options)              |
 * | toGetAclJson        | getacl-json        | every AclFacts field                                                |
 * | toGraphJson         | graph-json         | every TenantFacts field but attestations                            |
 * | toDomainJson        | domain-json        | every DomainFacts field                                             |
 * | toScopePlanJson     | scope-plan         | every ScopeFacts field                                              |
 */
export { collectorBundleChunks, toCollectorBundle, toCollectorOutput, type CollectorBundleOptions } from "./collector-bundle";
export { INVENTORY_CSV_HEADERS, inventoryCsvChunks, inventoryRow, toInventoryCsv } from "./inventory-csv";
export { aclUploadOptions, adRightsName, GETACL_CSV_HEADERS, toGetAclCsv, toGetAclJson } from "./getacl";
export { toGraphJson } from "./graph-json";
export { toDomainJson } from "./domain-json";
export { mergeScopes, toScopePlanJson } from "./scope-plan";
export {
  fleetCollectorChunks,
  fleetContextFiles,
  fleetInventoryChunks,
  HOSTS_COLLECTOR_FILE,
  HOSTS_CSV_FILE,
  type ExportFile,
} from "./fleet-files";
export { canonicalTimestamp, scriptTimestamp } from "./timestamps";
