import type { Evidence, RuleContext } from "@/lib/rules/types";
import { evidence } from "@/lib/rules/outcome";
import { domainNameOf } from "../acl/sync-features";

/**
 * Whether an optional cloud sync feature is used, from the tenant facts (`tenant.featuresUsed`) or the sync scope
 * plan (`scope.configurations[].groupProvisioning` / `.exchangeHybridWriteback`).
 *
 * Decision (issue 14): the rules of an optional feature apply only when the tenant or the scope plan says it is
 * used; otherwise they are not applicable, never Unknown (a tenant that never provisions groups to AD must not
 * carry a row of Unknowns about it).
 * - Tenant-wide: `tenant.featuresUsed.<feature> = true` turns it on for every domain.
 * - Per domain: a configuration of this domain with `<feature> = true` turns it on for this domain; a configuration
 *   that names no domain counts for every domain. Tenant and sync-scope rules (`perDomain: false`) count every
 *   configuration.
 * - `false` or a missing field never turns it on: only an explicit true does.
 */
export type OptionalFeature = "groupProvisioning" | "exchangeHybridWriteback";

export const FEATURE_LABEL: Record<OptionalFeature, string> = {
  groupProvisioning: "group provisioning to Active Directory",
  exchangeHybridWriteback: "Exchange hybrid writeback",
};

export interface FeatureUse {
  used: boolean;
  /** The tenant facts say the feature is used. */
  tenant: boolean;
  /** Configurations that use it (for this domain when judged per domain). */
  configurations: string[];
  /** Evidence of where the "used" came from (empty when not used). */
  evidence: Evidence[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The domain the context is judged for: the domain facts, the ACL's DN, or the host's own domain. */
function domainOf(ctx: RuleContext): string | null {
  const fromDomain = domainNameOf(ctx);
  if (fromDomain !== null) return fromDomain;
  const identity: unknown = isRecord(ctx.host) ? ctx.host.identity : undefined;
  const hostDomain: unknown = isRecord(identity) ? identity.domain : undefined;
  return typeof hostDomain === "string" && hostDomain.trim() !== "" ? hostDomain.trim().toLowerCase() : null;
}

/** Whether `feature` is used; `perDomain` (default true) limits the configurations to the context's domain. */
export function featureUse(ctx: RuleContext, feature: OptionalFeature, perDomain = true): FeatureUse {
  const items: Evidence[] = [];
  const features: unknown = isRecord(ctx?.tenant) ? ctx.tenant.featuresUsed : undefined;
  const tenant = isRecord(features) && features[feature] === true;
  if (tenant) items.push(evidence(`tenant.featuresUsed.${feature}`, true, `true when ${FEATURE_LABEL[feature]} is used`));

  const raw: unknown = isRecord(ctx?.scope) ? ctx.scope.configurations : undefined;
  const configurations: string[] = [];
  if (Array.isArray(raw)) {
    const domain = perDomain ? domainOf(ctx) : null;
    raw.forEach((entry: unknown, index) => {
      if (!isRecord(entry) || entry[feature] !== true) return;
      const configDomain = typeof entry.domain === "string" ? entry.domain.trim().toLowerCase() : "";
      if (domain !== null && configDomain !== "" && configDomain !== domain) return;
      const name = typeof entry.name === "string" && entry.name.trim() !== "" ? entry.name : `configuration #${index + 1}`;
      configurations.push(name);
      items.push(evidence(`scope.configurations[${index}].${feature}`, true, `true when ${FEATURE_LABEL[feature]} is used`));
    });
  }
  return { used: tenant || configurations.length > 0, tenant, configurations, evidence: items };
}

/** "Group provisioning to Active Directory is used (tenant facts; configuration HR-groups)." */
export function usedBecause(use: FeatureUse, feature: OptionalFeature): string {
  const where = [use.tenant ? "tenant facts" : "", use.configurations.length > 0 ? `configuration ${use.configurations.join(", ")}` : ""]
    .filter((p) => p !== "")
    .join("; ");
  const label = FEATURE_LABEL[feature];
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} is used (${where}).`;
}
