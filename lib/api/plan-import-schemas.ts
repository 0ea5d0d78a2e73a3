import { z } from "zod";

// Response schemas of POST /api/rollout/plan (registered in zod's global registry for /api/openapi.json).
// The handler returns lib/data/rollout/plan-import.ts's PlanImportOutcome; plan-import.test.ts checks it against this.

export const planIssueSchema = z
  .object({
    file: z.string(),
    row: z.number().int().optional().describe("File line where the record starts (header = 1); absent for a whole-file problem"),
    column: z.string().optional().describe("The column's header as written in the file"),
    message: z.string(),
    severity: z.enum(["error", "warning"]),
  })
  .meta({ id: "PlanIssue" });

const fieldEnum = z.enum(["wave", "status", "owner", "targetDate", "note"]);

export const planImportOutcomeSchema = z
  .object({
    status: z.enum(["preview", "committed"]).describe("preview: dryRun, nothing stored; committed: applied (changed = 0 means no changes)"),
    fileName: z.string(),
    sha256: z.string(),
    rows: z.number().int().describe("Data rows in the file"),
    changed: z.number().int().describe("Servers that change (or would change)"),
    unchanged: z.number().int().describe("Rows that already match what is stored"),
    changes: z.array(
      z.object({
        row: z.number().int(),
        server: z.string().describe("The stored FQDN"),
        name: z.string().describe("NetBIOS name"),
        changes: z.array(z.object({ field: fieldEnum, before: z.string().nullable(), after: z.string().nullable() })),
      }),
    ),
    changesTruncated: z.boolean().describe("True when only the first 5,000 changed servers are listed"),
    wavesToCreate: z.array(z.string()).describe("Waves the plan names that do not exist: created at the end of the order when applied"),
    issues: z.array(planIssueSchema),
    message: z.string(),
  })
  .meta({ id: "PlanImportOutcome" });

export const planRefusedSchema = z
  .object({
    error: z.object({
      code: z.literal("plan-refused"),
      message: z.string(),
      issues: z.array(planIssueSchema).describe("Every row error (file, row, column, message); nothing was stored"),
      status: z.literal("refused"),
      fileName: z.string(),
      sha256: z.string(),
      rows: z.number().int(),
    }),
  })
  .meta({ id: "PlanRefused" });
