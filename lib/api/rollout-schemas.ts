import { z } from "zod";
import { ROLLOUT_STATUSES } from "@/lib/rollout/status";
import { serverRolloutSchema, verdictEnum } from "./schemas";

// Response schemas of the rollout API (registered in zod's global registry for /api/openapi.json).

export const rolloutStatusEnum = z.enum(ROLLOUT_STATUSES);
const counts = <T extends readonly [string, ...string[]]>(keys: T) => z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()])) as Record<T[number], z.ZodNumber>);

export const gateStateSchema = z
  .object({
    status: z.enum(["go", "no-go"]),
    blockerCount: z.number().int(),
    summary: z.string(),
    changedAt: z.string().nullable().describe("When the gate last flipped"),
    changeCause: z.string().nullable().describe('What flipped it: "upload:<id>", "waiver:<id>", "rollout:<fqdn>", "ruleset:<v>", …'),
    computedAt: z.string().nullable(),
  })
  .meta({ id: "WaveGateState" });

export const waveSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    ownerUserId: z.string().nullable(),
    ownerName: z.string().nullable(),
    position: z.number().int(),
    archivedAt: z.string().nullable(),
    version: z.number().int().describe("Send it back with PATCH; a stale version answers 409"),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    gate: gateStateSchema,
  })
  .meta({ id: "Wave" });

export const waveListItemSchema = waveSchema
  .extend({
    servers: z.number().int(),
    byVerdict: z.object({ ready: z.number().int(), "ready-with-conditions": z.number().int(), "not-ready": z.number().int(), unknown: z.number().int() }),
    byStatus: counts(ROLLOUT_STATUSES),
    overdue: z.number().int(),
  })
  .meta({ id: "WaveListItem" });

export const wavesSchema = z.object({ waves: z.array(waveListItemSchema) }).meta({ id: "Waves" });

export const gateBlockerSchema = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("server"),
      fqdn: z.string(),
      name: z.string(),
      domain: z.string(),
      ruleId: z.string(),
      issue: z.enum(["fails-blocker", "unknown-blocker", "fails-warning"]),
      why: z.string(),
      remediation: z.string().describe("Link to the rule's remediation"),
    }),
    z.object({ kind: z.literal("agents"), domain: z.string(), installed: z.number().int(), planned: z.number().int(), needed: z.number().int(), why: z.string() }),
    z.object({ kind: z.literal("empty"), why: z.string() }),
  ])
  .meta({ id: "GateBlocker" });

export const waveRolloutServerSchema = z
  .object({
    fqdn: z.string(),
    name: z.string(),
    domain: z.string(),
    verdict: verdictEnum,
    status: rolloutStatusEnum,
    source: z.enum(["typed", "detected"]),
    owner: z.string().nullable(),
    targetDate: z.string().nullable(),
    overdue: z.boolean(),
    waivedRuleIds: z.array(z.string()),
    version: z.number().int(),
  })
  .meta({ id: "WaveServer" });

export const waveDetailSchema = waveSchema
  .extend({
    gate: gateStateSchema.extend({
      blockers: z.array(gateBlockerSchema),
      truncated: z.boolean(),
      problemServers: z.number().int(),
      waivedServers: z.number().int().describe("Servers whose waived results were accepted (they do not stop the gate)"),
    }),
    servers: z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(waveRolloutServerSchema) }),
  })
  .meta({ id: "WaveDetail" });

export const rolloutStateSchema = serverRolloutSchema
  .extend({ fqdn: z.string(), name: z.string() })
  .meta({ id: "RolloutState" });

export const bulkOutcomeSchema = z.object({ matched: z.number().int(), changed: z.number().int() }).meta({ id: "RolloutBulkOutcome" });

export const conflictSchema = z
  .object({
    error: z.object({ code: z.literal("stale-version"), message: z.string(), changedBy: z.string().nullable(), changedAt: z.string().nullable(), current: z.unknown() }),
  })
  .meta({ id: "Conflict" });
