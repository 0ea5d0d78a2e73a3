import { missingFact, prop, readArray, readBoolean, readCount, readString } from "@/lib/rules/domain/read";
import type { RuleContext, RuleOutcome } from "@/lib/rules/types";
import { HINT } from "./collect";

export const CONFIGS_FACT = "scope.configurations";

export interface ScopingGroupView {
  index: number;
  name: string;
  memberCount?: number;
}

/** One sync configuration as read (tolerantly) from the facts; undefined fields were not collected or malformed. */
export interface ConfigView {
  index: number;
  /** Name, or "#<index>". */
  name: string;
  /** Lower-case AD domain DNS name. */
  domain?: string;
  /** Scoping OU entries (DNs); non-string entries are kept as their index so they still count. */
  ous?: readonly string[];
  groups?: readonly ScopingGroupView[];
  passwordHashSync?: boolean;
  inetOrgPersonCount?: number;
  objectCount?: number;
}

export function readConfiguration(entry: unknown, index: number): ConfigView {
  const name = readString(prop(entry, "name"));
  const domain = readString(prop(entry, "domain"))?.trim().toLowerCase();
  const ous = readArray(prop(entry, "ous"))?.map((ou, i) => readString(ou) ?? `#${i}`);
  const groups = readArray(prop(entry, "groups"))?.map((group, i) => ({
    index: i,
    name: readString(prop(group, "name")) ?? `#${i}`,
    memberCount: readCount(prop(group, "memberCount")),
  }));
  return {
    index,
    name: name && name.trim() ? name : `#${index}`,
    domain: domain || undefined,
    ous,
    groups,
    passwordHashSync: readBoolean(prop(entry, "passwordHashSync")),
    inetOrgPersonCount: readCount(prop(entry, "inetOrgPersonCount")),
    objectCount: readCount(prop(entry, "objectCount")),
  };
}

/** The configurations, or the unknown outcome explaining why they can't be read. */
export function readConfigurations(ctx: RuleContext): ConfigView[] | RuleOutcome {
  const raw = ctx.scope?.configurations;
  const list = readArray(raw);
  if (list === undefined) return missingFact(CONFIGS_FACT, HINT.configurations, raw, "The cloud sync configurations");
  return list.map(readConfiguration);
}

/**
 * Scope rules apply unless the configurations were collected and there are none (nothing is scoped yet).
 * A missing list still applies (and answers unknown).
 */
export function hasConfigurationsOrUnknown(ctx: RuleContext): boolean {
  const list = readArray(ctx.scope?.configurations);
  return list === undefined || list.length > 0;
}

/** `scope.configurations[i]` path. */
export function configFact(config: ConfigView, field?: string): string {
  return `${CONFIGS_FACT}[${config.index}]${field ? `.${field}` : ""}`;
}

/** Combine per-item verdicts: fail beats unknown beats pass. */
export type ItemVerdict = "pass" | "fail" | "unknown";
export function worst(verdicts: readonly ItemVerdict[]): ItemVerdict {
  if (verdicts.includes("fail")) return "fail";
  if (verdicts.includes("unknown")) return "unknown";
  return "pass";
}
