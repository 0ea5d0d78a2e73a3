import { z } from "zod";
import { AUDIT_ACTOR_KINDS, AUDIT_TARGET_TYPES } from "@/lib/audit/entry";
import { VERDICTS } from "@/lib/readiness";
import { ROLLOUT_STATUSES } from "@/lib/rollout/status";

// Response shapes of the read API. The route handlers return exactly these (see lib/api/presenters.ts),
// and /api/openapi.json is generated from them (lib/api/openapi.ts), so docs and code cannot drift.

export const verdictEnum = z.enum(VERDICTS).describe("ready | ready-with-conditions | not-ready | unknown");
export const statusEnum = z.enum(["pass", "fail", "unknown", "waived"]);
export const severityEnum = z.enum(["blocker", "warning", "info"]);
export const scopeEnum = z.enum(["host", "domain", "gmsa-acl", "tenant", "sync-scope", "fleet"]);

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe("unauthorized | forbidden | bad-request | not-found | too-large | ..."),
      message: z.string(),
      issues: z.array(z.unknown()),
    }),
  })
  .meta({ id: "Error" });

export const sourceSchema = z.object({ document: z.string(), section: z.string(), url: z.string(), revised: z.string() }).meta({ id: "RuleSource" });

export const serverRolloutSchema = z
  .object({
    wave: z.object({ id: z.string(), name: z.string(), archived: z.boolean() }).nullable(),
    status: z.enum(ROLLOUT_STATUSES),
    source: z.enum(["typed", "detected"]).describe("detected: a collector report showed the agent installed (detectedUploadId)"),
    detectedUploadId: z.string().nullable(),
    owner: z.string().nullable(),
    targetDate: z.string().nullable().describe("YYYY-MM-DD"),
    note: z.string().nullable(),
    overdue: z.boolean(),
    version: z.number().int().describe("Send it back with PATCH /api/servers/{name}/rollout"),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: "ServerRollout" });

export const serverListItemSchema = z
  .object({
    fqdn: z.string(),
    name: z.string(),
    domain: z.string(),
    osName: z.string().nullable(),
    site: z.string().nullable(),
    owner: z.string().nullable(),
    tags: z.array(z.string()),
    verdict: verdictEnum,
    confidenceStars: z.number().int().min(1).max(5),
    blockingRuleIds: z.array(z.string()),
    conditionRuleIds: z.array(z.string()),
    unknownRuleIds: z.array(z.string()).describe("Rules without the facts to judge them (any severity)"),
    factsCollectedAt: z.string().nullable(),
    evaluatedAt: z.string().nullable(),
    stale: z.boolean(),
    waivedRuleIds: z.array(z.string()).describe("Results accepted by a live waiver"),
    rollout: serverRolloutSchema,
  })
  .meta({ id: "ServerListItem" });

export const serverPageSchema = z
  .object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), servers: z.array(serverListItemSchema) })
  .meta({ id: "ServerPage" });

export const evidenceSchema = z.object({ fact: z.string(), actual: z.unknown(), expected: z.string() }).meta({ id: "Evidence" });

export const resultSchema = z
  .object({
    ruleId: z.string(),
    title: z.string(),
    status: statusEnum,
    severity: severityEnum,
    scope: scopeEnum,
    inherited: z.boolean().describe("true when the result comes from the server's domain, gMSA ACL, tenant, sync scope or fleet"),
    message: z.string(),
    evidence: z.array(evidenceSchema),
    reason: z
      .object({
        code: z.string(),
        missingFact: z.string(),
        collect: z.string().describe('Runnable PowerShell that collects the fact (one command per line, no prose); "" when no command does'),
        collectNote: z.string().optional().describe("What to do beyond the command: the upload to make, an alternative (prose)"),
        message: z.string(),
      })
      .optional(),
    waiver: z
      .object({ id: z.string(), by: z.string(), reason: z.string(), expiresAt: z.string().optional(), blocker: z.boolean(), label: z.string() })
      .optional()
      .describe('Set when status is "waived": who accepted the fail, until when ("Waived by <approver> until <date>"); `blocker` flags a blocker waiver'),
    remediation: z.object({ summary: z.string(), steps: z.array(z.string()) }),
    source: sourceSchema,
  })
  .meta({ id: "RuleResult" });

export const serverDetailSchema = serverListItemSchema
  .extend({
    confidenceShare: z.number().min(0).max(1),
    rulesetVersion: z.string(),
    results: z.array(resultSchema),
    history: z.object({
      uploads: z.array(z.object({ uploadId: z.string(), fileName: z.string(), format: z.string(), uploadedBy: z.string(), uploadedAt: z.string(), collectedAt: z.string() })),
      evaluations: z.array(z.object({ evaluatedAt: z.string(), rulesetVersion: z.string(), verdict: verdictEnum, confidenceStars: z.number().int(), cause: z.string() })),
    }),
  })
  .meta({ id: "ServerDetail" });

export const ruleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    severity: severityEnum,
    scope: scopeEnum,
    source: sourceSchema,
    notes: z.array(z.string()),
    remediation: z.object({ summary: z.string(), steps: z.array(z.string()) }),
    servers: z.object({ pass: z.number().int(), fail: z.number().int(), unknown: z.number().int(), waived: z.number().int(), blocking: z.number().int() }),
  })
  .meta({ id: "Rule" });

export const rulesSchema = z.object({ rulesetVersion: z.string(), rules: z.array(ruleSchema) }).meta({ id: "Rules" });

const verdictCountsSchema = z.object({ ready: z.number().int(), "ready-with-conditions": z.number().int(), "not-ready": z.number().int(), unknown: z.number().int() });

export const summarySchema = z
  .object({
    total: z.number().int(),
    byVerdict: verdictCountsSchema,
    byRule: z.array(z.object({ ruleId: z.string(), pass: z.number().int(), fail: z.number().int(), unknown: z.number().int(), waived: z.number().int(), blocking: z.number().int() })),
    byDomain: z.array(z.object({ domain: z.string(), total: z.number().int(), byVerdict: verdictCountsSchema })),
    byWave: z.array(z.object({ wave: z.string(), waveId: z.string(), total: z.number().int(), byVerdict: verdictCountsSchema })).describe("servers per verdict in each active rollout wave, in wave order"),
    freshness: z.object({ oldest: z.string().nullable(), newest: z.string().nullable(), stale: z.number().int(), staleAfterDays: z.number().int() }),
  })
  .meta({ id: "Summary" });

export const meSchema = z
  .object({ name: z.string(), email: z.string().optional(), role: z.enum(["admin", "lead", "viewer"]), kind: z.enum(["session", "token"]) })
  .meta({ id: "Me" });

export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    db: z.enum(["ok", "error"]).describe("error: the database does not answer, or its migrations are not all applied"),
    version: z.string(),
    database: z.object({
      kind: z.enum(["sqlite", "postgres"]).describe("DATABASE_URL: file: (embedded SQLite) or postgresql://"),
      migrations: z
        .object({
          applied: z.number().int(),
          pending: z.array(z.string()),
          failed: z.array(z.string()),
          upToDate: z.boolean(),
        })
        .nullable()
        .describe("null when the database does not answer"),
    }),
    error: z.string().optional().describe("why the instance is degraded (answers 503)"),
  })
  .meta({ id: "Health" });

export const uploadArchiveSchema = z
  .object({
    container: z.enum(["zip", "gzip", "tar.gz", "xlsx"]),
    entryCount: z.number().int().describe("Files read (folders and OS metadata skipped); for a workbook, 1 (the sheet)"),
    entries: z
      .array(
        z.object({
          position: z.number().int(),
          name: z.string().describe("Entry name as stored in the archive (control characters escaped), or the sheet name"),
          sizeBytes: z.number().int(),
          format: z.string(),
          kind: z.string(),
          records: z.number().int(),
          accepted: z.number().int(),
          rejected: z.number().int(),
          errors: z.number().int(),
          warnings: z.number().int(),
        }),
      )
      .describe("At most 500 entries (those with errors first); GET /api/uploads/{id}/entries lists a committed archive's files"),
  })
  .meta({ id: "UploadArchive" });

export const uploadResultSchema = z
  .object({
    id: z.string().nullable(),
    kind: z.enum(["host-inventory", "gmsa-acl", "domain", "tenant", "sync-scope", "mixed"]).describe('"mixed": an archive whose entries are of several kinds'),
    format: z.string().describe('Format id; for an archive the format its entries share, or "mixed"'),
    status: z.enum(["committed", "dry-run", "duplicate"]),
    counts: z.object({ records: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), servers: z.number().int() }),
    issues: z.array(z.object({ file: z.string(), row: z.number().int().optional(), column: z.string().optional(), message: z.string(), severity: z.enum(["error", "warning"]) })),
    archive: uploadArchiveSchema.optional().describe("Archives (.zip, .gz, .tar.gz) and workbooks (.xlsx): what was read from them"),
    previous: z
      .object({ id: z.string(), fileName: z.string(), uploadedAt: z.string().describe("ISO 8601"), uploadedBy: z.string() })
      .optional()
      .describe('The earlier upload of the same bytes: with status "duplicate", and with a dry run of a file already committed'),
  })
  .meta({ id: "UploadResult" });

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string().describe("ISO 8601, UTC"),
    actor: z.object({
      kind: z.enum(AUDIT_ACTOR_KINDS),
      id: z.string().nullable().describe("User id or API token id; null for the system and for failed sign-ins"),
      name: z.string().describe('The user\'s email, "token:<name>", "system", "cli", or the email someone tried to sign in with'),
    }),
    action: z.string().describe('e.g. "wave.create", "rollout.move", "waiver.approve", "upload.delete", "user.role", "token.revoke", "auth.sign-in-failed"'),
    targetType: z.enum(AUDIT_TARGET_TYPES),
    targetId: z.string().nullable(),
    targetLabel: z.string().nullable().describe("FQDN, wave name, file name, email, token name, …"),
    before: z.unknown().describe("The changed fields before (JSON), or null"),
    after: z.unknown().describe("The changed fields after (JSON), or null"),
    summary: z.string(),
    ip: z.string().nullable().describe("Client address (failed sign-ins)"),
  })
  .meta({ id: "AuditEntry" });

export const auditPageSchema = z
  .object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), entries: z.array(auditEntrySchema) })
  .meta({ id: "AuditPage" });
