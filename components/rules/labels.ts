import type { RuleScope } from "@/lib/rules";

/** Catalogue order of the rule scopes, and how each is named and explained. */
export const RULE_SCOPE_ORDER: readonly RuleScope[] = ["host", "domain", "gmsa-acl", "tenant", "sync-scope", "fleet"];

export const RULE_SCOPE_LABELS: Readonly<Record<RuleScope, string>> = {
  host: "Host",
  domain: "Domain",
  "gmsa-acl": "gMSA ACL",
  tenant: "Tenant",
  "sync-scope": "Sync scope",
  fleet: "Fleet",
};

export const RULE_SCOPE_DESCRIPTIONS: Readonly<Record<RuleScope, string>> = {
  host: "Checked on each server from its own facts.",
  domain: "Checked once per Active Directory domain; every server of the domain shares the result.",
  "gmsa-acl": "The provisioning agent's gMSA permissions at the domain root, shared by the domain's servers.",
  tenant: "Checked once for the Microsoft Entra tenant; every server shares the result.",
  "sync-scope": "The cloud sync configurations' scoping against the documented limits, per domain.",
  fleet: "Checked across the servers of a domain (for example how many agents are installed).",
};

/** Text link style shared by the rules, domains and tenant views. */
export const LINK = "font-medium text-brand-600 underline hover:text-brand-700 dark:text-brand-100 dark:hover:text-white";

/** Table cell styles (as on the settings page). */
export const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
export const TD = "px-3 py-2 align-top text-sm";
