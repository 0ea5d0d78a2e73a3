import type { Rule } from "./types";
// Explicit, sorted registry: one import per rule file, id = file name. No self-registration.
import domainAdminHardening from "./domain-admin-hardening";
import domainDc2012 from "./domain-dc-2012";
import domainFunctionalLevel from "./domain-functional-level";
import domainGmsaAdminCredentials from "./domain-gmsa-admin-credentials";
import domainKdsRootKey from "./domain-kds-root-key";
import domainProtectedObjects from "./domain-protected-objects";
import domainRsatAdPowershell from "./domain-rsat-ad-powershell";
import domainSchemaCloudSync from "./domain-schema-cloud-sync";
import domainSchemaExchange from "./domain-schema-exchange";
import domainSchemaGmsa from "./domain-schema-gmsa";
import domainSchemaUpgrade from "./domain-schema-upgrade";
import fleetAgentCount from "./fleet-agent-count";
import gmsaAclCreateDeleteUsers from "./gmsa-acl-create-delete-users";
import gmsaAclDeny from "./gmsa-acl-deny";
import gmsaAclExcess from "./gmsa-acl-excess";
import gmsaAclExchangeHybrid from "./gmsa-acl-exchange-hybrid";
import gmsaAclGroupProvisioning from "./gmsa-acl-group-provisioning";
import gmsaAclGroupsFullControl from "./gmsa-acl-groups-full-control";
import gmsaAclPhs from "./gmsa-acl-phs";
import gmsaAclReadObjects from "./gmsa-acl-read-objects";
import gmsaAclWriteback from "./gmsa-acl-writeback";
import hostAgentVersion from "./host-agent-version";
import hostCredentialManager from "./host-credential-manager";
import hostDomainJoined from "./host-domain-joined";
import hostDotnetStrongCrypto from "./host-dotnet-strong-crypto";
import hostDotnetTlsDefaults from "./host-dotnet-tls-defaults";
import hostDotnetVersion from "./host-dotnet-version";
import hostEndpoints from "./host-endpoints";
import hostExchangeAgentVersion from "./host-exchange-agent-version";
import hostExecutionPolicy from "./host-execution-policy";
import hostFirewallNetworkService from "./host-firewall-network-service";
import hostGmsaRetrieval from "./host-gmsa-retrieval";
import hostGpadAgentVersion from "./host-gpad-agent-version";
import hostGpadDcPorts from "./host-gpad-dc-ports";
import hostMemory from "./host-memory";
import hostNotServerCore from "./host-not-server-core";
import hostNtlmRestricted from "./host-ntlm-restricted";
import hostOs2025Update from "./host-os-2025-update";
import hostOsRecommended from "./host-os-recommended";
import hostOsSupported from "./host-os-supported";
import hostPort443 from "./host-port-443";
import hostPort80 from "./host-port-80";
import hostPort8080 from "./host-port-8080";
import hostProxyChunked from "./host-proxy-chunked";
import hostTier0 from "./host-tier0";
import hostTls12Schannel from "./host-tls12-schannel";
import scopeGpadLimits from "./scope-gpad-limits";
import scopeGroupMembers from "./scope-group-members";
import scopeKnownLimitations from "./scope-known-limitations";
import scopeObjectCount from "./scope-object-count";
import scopeOuCount from "./scope-ou-count";
import scopePhsInetorgperson from "./scope-phs-inetorgperson";
import tenantCustomDomain from "./tenant-custom-domain";
import tenantGpadConnectSync from "./tenant-gpad-connect-sync";
import tenantGpadLicense from "./tenant-gpad-license";
import tenantHybridAdmin from "./tenant-hybrid-admin";
import tenantIdfix from "./tenant-idfix";

export const RULES: readonly Rule[] = [
  domainAdminHardening,
  domainDc2012,
  domainFunctionalLevel,
  domainGmsaAdminCredentials,
  domainKdsRootKey,
  domainProtectedObjects,
  domainRsatAdPowershell,
  domainSchemaCloudSync,
  domainSchemaExchange,
  domainSchemaGmsa,
  domainSchemaUpgrade,
  fleetAgentCount,
  gmsaAclCreateDeleteUsers,
  gmsaAclDeny,
  gmsaAclExcess,
  gmsaAclExchangeHybrid,
  gmsaAclGroupProvisioning,
  gmsaAclGroupsFullControl,
  gmsaAclPhs,
  gmsaAclReadObjects,
  gmsaAclWriteback,
  hostAgentVersion,
  hostCredentialManager,
  hostDomainJoined,
  hostDotnetStrongCrypto,
  hostDotnetTlsDefaults,
  hostDotnetVersion,
  hostEndpoints,
  hostExchangeAgentVersion,
  hostExecutionPolicy,
  hostFirewallNetworkService,
  hostGmsaRetrieval,
  hostGpadAgentVersion,
  hostGpadDcPorts,
  hostMemory,
  hostNotServerCore,
  hostNtlmRestricted,
  hostOs2025Update,
  hostOsRecommended,
  hostOsSupported,
  hostPort443,
  hostPort80,
  hostPort8080,
  hostProxyChunked,
  hostTier0,
  hostTls12Schannel,
  scopeGpadLimits,
  scopeGroupMembers,
  scopeKnownLimitations,
  scopeObjectCount,
  scopeOuCount,
  scopePhsInetorgperson,
  tenantCustomDomain,
  tenantGpadConnectSync,
  tenantGpadLicense,
  tenantHybridAdmin,
  tenantIdfix,
];

const BY_ID = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

// The one door of lib/rules: code outside this folder imports only "@/lib/rules" (eslint.config.mjs enforces it).
// What other layers may use is re-exported here; everything else is a rule's own business.
export * from "./types";
export { evidence, fail, pass, unknown } from "./outcome";
export { RULESET_VERSION } from "./ruleset-version";
export { SOURCE_KEYS, splitSourceKeys, sourceKeysToMarkdown, type SourceKeyDocument, type SourceKeyPart } from "./source-keys";
export { ENDPOINTS, endpointsFor, type EndpointRequirement } from "./endpoints";
export { resolveOs, serverYearForBuild, type ResolvedOs, type ServerYear } from "./host/os";
export { proxiedTestCommand, readProxy, type ProxySetting } from "./host/proxy";
export { hostContext, EXAMPLE_AS_OF } from "./host/examples";
export { functionalLevelName, schemaVersionName } from "./domain/versions";
export { HYBRID_IDENTITY_ADMIN_ROLE_ID } from "./tenant/collect";
export { analyzeAcl, type AceView, type AclAnalysis, type DenyFinding, type ExcessFinding, type PermissionFinding } from "./acl/analyze";
export { permissionSetNeeds, type PermissionSetNeed } from "./acl/permission-needs";
export { SCOPE_LIMITS, SCOPE_MEASURE_RULES, type ScopeLimits } from "./scope/limits";
export type { PermissionSetId } from "./acl/required";

/** Microsoft's recommended number of active agents per domain (the wave gate counts toward it). */
export { RECOMMENDED_AGENTS } from "./fleet-agent-count";
