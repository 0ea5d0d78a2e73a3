import type { RuleContext } from "@/lib/rules/types";

/**
 * Which optional features the sync configurations of this domain use, read defensively from ctx.scope.
 *
 * Decisions (documented in the rules' notes):
 * - Password hash sync is on by default in cloud sync, so the PHS rule applies unless every configuration of
 *   this domain explicitly has passwordHashSync = false; without scope facts it applies and says so.
 * - Password writeback is opt-in, so the writeback rule applies only when a configuration of this domain
 *   has passwordWriteback = true; without scope facts it does not apply.
 */
export interface SyncFeatures {
  /** ctx.scope.configurations was collected. */
  scopeCollected: boolean;
  /** Lower-case DNS name of the domain judged, when known (domain.dnsName or the ACL's DC= components). */
  domainName: string | null;
  /** Configuration names that sync this domain (all configurations when the domain cannot be matched). */
  configurations: string[];
  /** True when configurations name domains and none of them is this one. */
  domainNotConfigured: boolean;
  /** Password hash sync on for at least one configuration (undefined counts as on: the default). */
  passwordHashSync: boolean;
  /** Password writeback on for at least one configuration (undefined counts as off: opt-in). */
  passwordWriteback: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function domainFromDn(dn: unknown): string | null {
  if (typeof dn !== "string") return null;
  const labels = dn
    .split(",")
    .map((p) => p.trim())
    .filter((p) => /^DC=/i.test(p))
    .map((p) => p.slice(3).trim().toLowerCase());
  return labels.length > 0 ? labels.join(".") : null;
}

export function domainNameOf(ctx: RuleContext): string | null {
  const dns: unknown = isRecord(ctx.domain) ? ctx.domain.dnsName : undefined;
  if (typeof dns === "string" && dns.trim() !== "") return dns.trim().toLowerCase();
  const fromDomainDn = domainFromDn(isRecord(ctx.domain) ? ctx.domain.distinguishedName : undefined);
  if (fromDomainDn !== null) return fromDomainDn;
  return domainFromDn(isRecord(ctx.acl) ? ctx.acl.targetDn : undefined);
}

export function syncFeatures(ctx: RuleContext): SyncFeatures {
  const domainName = domainNameOf(ctx);
  const raw: unknown = isRecord(ctx.scope) ? ctx.scope.configurations : undefined;
  if (!Array.isArray(raw)) {
    return {
      scopeCollected: false,
      domainName,
      configurations: [],
      domainNotConfigured: false,
      passwordHashSync: true,
      passwordWriteback: false,
    };
  }
  const all = raw.filter(isRecord);
  const named = all.filter((c) => typeof c.domain === "string" && c.domain.trim() !== "");
  const canMatch = domainName !== null && named.length > 0;
  const mine = canMatch ? named.filter((c) => typeof c.domain === "string" && c.domain.trim().toLowerCase() === domainName) : all;
  return {
    scopeCollected: true,
    domainName,
    configurations: mine.map((c, i) => (typeof c.name === "string" ? c.name : `configuration #${i + 1}`)),
    domainNotConfigured: canMatch && mine.length === 0,
    // On by default: only an explicit false switches it off; a domain with no configuration keeps the default.
    passwordHashSync: mine.length === 0 || mine.some((c) => c.passwordHashSync !== false),
    passwordWriteback: mine.some((c) => c.passwordWriteback === true),
  };
}
