import { z } from "zod";
import type { AclFacts, DomainFacts, FleetFacts, HostFacts, ScopeFacts, TenantFacts } from "@/lib/facts";

/** One axis of severity: blocker -> Not ready, warning -> Ready with conditions, info -> informs only. */
export const severitySchema = z.enum(["blocker", "warning", "info"]);
export type Severity = z.infer<typeof severitySchema>;

export const ruleScopeSchema = z.enum(["host", "domain", "gmsa-acl", "tenant", "sync-scope", "fleet"]);
export type RuleScope = z.infer<typeof ruleScopeSchema>;

/** Result statuses as stored and exported. `waived` replaces `fail` when a waiver applies (lib/readiness). */
export const resultStatusSchema = z.enum(["pass", "fail", "unknown", "waived"]);
export type ResultStatus = z.infer<typeof resultStatusSchema>;

/** The documented source a rule encodes. */
export const ruleSourceSchema = z.object({
  /** e.g. "Prerequisites for Microsoft Entra Cloud Sync". */
  document: z.string().min(3),
  /** e.g. "In your on-premises environment". */
  section: z.string().min(3),
  url: z.url(),
  /** ms.date of the revision the rule encodes, YYYY-MM-DD. */
  revised: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type RuleSource = z.infer<typeof ruleSourceSchema>;

export const ruleMetaSchema = z.object({
  /** kebab-case, equal to the file name, never renamed once shipped. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** Phrased as the requirement: "TLS 1.2 is enabled for the client and server". */
  title: z.string().min(10),
  severity: severitySchema,
  scope: ruleScopeSchema,
  /** One or more sentences explaining why the requirement exists. */
  rationale: z.string().min(10),
  source: ruleSourceSchema,
  /** Other sources consulted, e.g. an older revision or a document that disagrees. */
  otherSources: z.array(ruleSourceSchema).default([]),
  /** Where Microsoft's documents disagree or are uncertain, and how the rule handles it. */
  notes: z.array(z.string()).default([]),
  /**
   * Sync-scope rules: whether the limit holds per sync configuration (the default) or per AD domain, over all
   * the domain's configurations together (the scope page judges each configuration accordingly).
   */
  judgedPer: z.enum(["configuration", "domain"]).optional(),
  remediation: z.object({
    /** What to do, in one or two sentences. */
    summary: z.string().min(10),
    /** Exact registry values, policies or commands, one per line item. */
    steps: z.array(z.string()).default([]),
  }),
});
export type RuleMeta = z.input<typeof ruleMetaSchema>;

/** Points at the data inspected. `actual` is JSON-serialisable. */
export interface Evidence {
  /** Dotted fact path, e.g. "host.tls.schannelTls12.client.enabled". */
  fact: string;
  actual: unknown;
  expected: string;
}

/**
 * How to collect a missing fact: runnable PowerShell only (one command per line; it goes in a code box with a copy
 * button, checked by lib/powershell/lint), and what to do beyond it (which upload to make, an alternative) as a note
 * shown outside the box. `command` is "" when no command collects the fact (an attestation, a portal page).
 */
export interface CollectHint {
  command: string;
  note?: string;
}

/** Why a result is unknown. Missing data is never a fail. */
export interface UnknownReason {
  code: "missing-fact" | "rule-error";
  /** The fact(s) that were missing, e.g. "host.dotnet.release". */
  missingFact: string;
  /** Runnable PowerShell that collects it (one command per line, no prose), or "" when no command does. */
  collect: string;
  /** What to do with the output, or the upload/attestation to make: prose, shown outside the code box. */
  collectNote?: string;
  message: string;
}

/** UnknownReason as stored and exported (results JSON, the API). */
export const unknownReasonSchema = z.object({
  code: z.enum(["missing-fact", "rule-error"]),
  missingFact: z.string(),
  collect: z.string(),
  collectNote: z.string().optional(),
  message: z.string(),
});

/** A rule's collect hint as a reason's `collect` and `collectNote` (a plain string is a command). */
export function collectFields(hint: string | CollectHint): Pick<UnknownReason, "collect" | "collectNote"> {
  if (typeof hint === "string") return { collect: hint };
  return hint.note ? { collect: hint.command, collectNote: hint.note } : { collect: hint.command };
}

/** What a rule's evaluate() returns. */
export type RuleOutcome =
  | {
      status: "pass";
      message: string;
      evidence: Evidence[];
    }
  | {
      status: "fail";
      message: string;
      evidence: Evidence[];
      /** A fail may be milder than the rule's severity (e.g. TLS keys absent = warning). Never stronger. */
      severity?: Severity;
    }
  | {
      status: "unknown";
      message: string;
      evidence: Evidence[];
      reason: UnknownReason;
    };

/** Everything a rule may read. Rules are pure: no I/O, no clock (use `asOf`), no randomness. */
export interface RuleContext {
  /** ISO timestamp the evaluation is made for. */
  asOf: string;
  host?: HostFacts;
  domain?: DomainFacts;
  acl?: AclFacts;
  tenant?: TenantFacts;
  scope?: ScopeFacts;
  fleet?: FleetFacts;
}

export interface RuleExample {
  name: string;
  expect: "pass" | "fail" | "unknown";
  context: RuleContext;
}

export interface Rule {
  meta: RuleMeta;
  /** False when the rule does not apply at all (e.g. the 2025 update rule on a 2022 host). Default: applies. */
  appliesTo?: (ctx: RuleContext) => boolean;
  evaluate: (ctx: RuleContext) => RuleOutcome;
  /**
   * A PowerShell fix for this host/domain generated from its own facts, safe to run twice
   * (idempotent: checks before it sets) and honouring -WhatIf via ShouldProcess where it changes state.
   * Returns null when nothing can be fixed by script (e.g. add RAM).
   */
  remediationScript?: (ctx: RuleContext) => string | null;
  /** At least one pass, one fail and one unknown example; they run as tests and appear in docs/rules.md. */
  examples: RuleExample[];
}

/** A stored result: a rule's outcome for one subject, as persisted and exported. */
export interface RuleResult {
  ruleId: string;
  status: ResultStatus;
  /** Effective severity of this result (a fail may be milder than the rule's severity). */
  severity: Severity;
  scope: RuleScope;
  message: string;
  evidence: Evidence[];
  reason?: UnknownReason;
  /** Set when status is "waived": the fail it replaced and the waiver that did so. */
  waiver?: { id: string; by: string; reason: string; expiresAt?: string };
}

/** Helper so each rule file is type-checked against the contract. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
