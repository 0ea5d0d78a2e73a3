// Two-character codes that stand for rule ids in the stored status and rule-list columns (Server.statuses,
// blockingRules, conditionRules, unknownRules, unknownBlockers; Evaluation.statuses): "0b:f" instead of
// "domain-kds-root-key:f". They cut the bytes written per server (decision 025); every reader goes through
// lib/data/ingest/statuses.ts, so nothing outside lib/data sees a code.
//
// Rules: lower-case [0-9a-z] only (SQLite's LIKE ignores case), two characters, unique, and never reused: a retired
// rule keeps its line, so that old Evaluation history still reads. A new rule takes the next free code
// (rule-codes.test.ts fails until it has one). An id without a code is stored as the id itself and reads back as
// such (an id has a hyphen and more than two characters, so it is never mistaken for a code).
// The first 57 codes follow the order in which "id:status" entries sorted ("host-port-8080:" before "host-port-80:"),
// so the rows the migration rewrote (prisma/migrations/20261206220000_rule_codes) stay sorted as the app sorts them.
export const RULE_CODES: Readonly<Record<string, string>> = {
  "domain-admin-hardening": "00",
  "domain-dc-2012": "01",
  "domain-functional-level": "02",
  "domain-gmsa-admin-credentials": "03",
  "domain-kds-root-key": "04",
  "domain-protected-objects": "05",
  "domain-rsat-ad-powershell": "06",
  "domain-schema-cloud-sync": "07",
  "domain-schema-exchange": "08",
  "domain-schema-gmsa": "09",
  "domain-schema-upgrade": "0a",
  "fleet-agent-count": "0b",
  "gmsa-acl-create-delete-users": "0c",
  "gmsa-acl-deny": "0d",
  "gmsa-acl-excess": "0e",
  "gmsa-acl-exchange-hybrid": "0f",
  "gmsa-acl-group-provisioning": "0g",
  "gmsa-acl-groups-full-control": "0h",
  "gmsa-acl-phs": "0i",
  "gmsa-acl-read-objects": "0j",
  "gmsa-acl-writeback": "0k",
  "host-agent-version": "0l",
  "host-credential-manager": "0m",
  "host-domain-joined": "0n",
  "host-dotnet-strong-crypto": "0o",
  "host-dotnet-tls-defaults": "0p",
  "host-dotnet-version": "0q",
  "host-endpoints": "0r",
  "host-exchange-agent-version": "0s",
  "host-execution-policy": "0t",
  "host-firewall-network-service": "0u",
  "host-gmsa-retrieval": "0v",
  "host-gpad-agent-version": "0w",
  "host-gpad-dc-ports": "0x",
  "host-memory": "0y",
  "host-not-server-core": "0z",
  "host-ntlm-restricted": "10",
  "host-os-2025-update": "11",
  "host-os-recommended": "12",
  "host-os-supported": "13",
  "host-port-443": "14",
  "host-port-80": "16",
  "host-port-8080": "15",
  "host-proxy-chunked": "17",
  "host-tier0": "18",
  "host-tls12-schannel": "19",
  "scope-gpad-limits": "1a",
  "scope-group-members": "1b",
  "scope-known-limitations": "1c",
  "scope-object-count": "1d",
  "scope-ou-count": "1e",
  "scope-phs-inetorgperson": "1f",
  "tenant-custom-domain": "1g",
  "tenant-gpad-connect-sync": "1h",
  "tenant-gpad-license": "1i",
  "tenant-hybrid-admin": "1j",
  "tenant-idfix": "1k",
};

const CODE_OF_ID = new Map(Object.entries(RULE_CODES));
const ID_OF_CODE = new Map(Object.entries(RULE_CODES).map(([id, code]) => [code, id]));

/** The stored form of a rule id: its code, or the id itself when it has none. */
export function ruleCode(ruleId: string): string {
  return CODE_OF_ID.get(ruleId) ?? ruleId;
}

/** The rule id a stored code stands for; anything that is not a code (an uncoded id) is returned as it is. */
export function ruleIdOf(stored: string): string {
  return ID_OF_CODE.get(stored) ?? stored;
}
