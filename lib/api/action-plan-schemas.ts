import { z } from "zod";
import { PLAN_ACTION_KINDS } from "@/lib/readiness";

// GET /api/action-plan's response (lib/data/action-plan.ts ActionPlanView), registered for the OpenAPI document.

const verdictCounts = z.object({ ready: z.number().int(), "ready-with-conditions": z.number().int(), "not-ready": z.number().int(), unknown: z.number().int() });

const gain = z
  .object({
    toReady: z.number().int().describe("Servers moved from Not ready or Unknown to Ready"),
    toConditions: z.number().int().describe("Servers moved from Not ready or Unknown to Ready with conditions"),
    conditionsCleared: z.number().int().describe("Servers moved from Ready with conditions to Ready"),
  })
  .meta({ id: "PlanGain" });

export const planActionSchema = z
  .object({
    key: z.string().describe('Stable key, e.g. "domain-rule:corp.contoso.com:domain-kds-root-key", "site-rule:HQ:host-port-443", "collect"'),
    kind: z.enum(PLAN_ACTION_KINDS),
    rank: z.number().int().describe("1 = moves the most servers when done alone"),
    step: z.number().int().describe("Position in the cumulative plan"),
    title: z.string(),
    scopeLabel: z.string(),
    scope: z.object({ type: z.enum(["domain", "site", "fleet"]), domain: z.string().nullable(), site: z.string().nullable().describe('"" = servers without a site') }),
    summary: z.string().describe("What to do, in words"),
    rules: z.array(z.object({ id: z.string(), title: z.string(), href: z.string(), serversHref: z.string().nullable().describe("A site's servers failing this rule (site actions with several rules)") })),
    servers: z.number().int().describe("Servers in scope with one of the action's results open"),
    serversHref: z.string().describe("The Servers page filtered to them (as closely as its filters allow)"),
    failingBlocker: z.number().int(),
    failingWarning: z.number().int(),
    unknownBlocker: z.number().int(),
    alone: gain.describe("Done alone, first: computed by re-running the roll-up with the action's results set to pass"),
    inPlan: gain.describe("Done after plan steps 1..step-1"),
    after: verdictCounts.describe("Verdict counts once plan steps 1..step are done"),
    steps: z.array(z.string()).describe("The rule's written steps (prose)"),
    commands: z.array(z.object({ label: z.string(), code: z.string().describe("Runnable PowerShell only") })),
    links: z.array(z.object({ label: z.string(), href: z.string() })),
  })
  .meta({ id: "PlanAction" });

export const actionPlanSchema = z
  .object({
    domain: z.string().nullable().describe("The domain filter (lower-case), or null for every server"),
    servers: z.number().int(),
    before: verdictCounts,
    afterAll: verdictCounts.describe("Verdict counts once every action is done"),
    actions: z.array(planActionSchema).describe("Ranked by servers moved to Ready or Ready with conditions when done alone"),
    planOrder: z.array(z.string()).describe("Action keys in plan order (greedy: each step adds the most after the steps before it)"),
    domainFixScripts: z.boolean().describe("True when domain actions link to GET /domains/{domain}/fix-script"),
  })
  .meta({ id: "ActionPlan" });
