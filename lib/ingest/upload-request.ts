import { z } from "zod";

/** The fields that may accompany an uploaded file (multipart form fields of POST /api/uploads and the upload page). */
const flag = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no", "on", ""])])
  .optional()
  .transform((value) => value === true || value === "true" || value === "1" || value === "yes" || value === "on");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : undefined));

export const uploadFieldsSchema = z.object({
  kind: z.enum(["host-inventory", "gmsa-acl", "domain", "tenant", "sync-scope"]).optional().or(z.literal("").transform(() => undefined)),
  format: optionalText(64),
  dryRun: flag,
  allowPartial: flag,
  /** The gMSA an ACL export is judged for (when the file does not name it), e.g. CORP\provAgentgMSA$. */
  account: optionalText(256),
  /** The DN whose ACL was exported (when the file does not name it). */
  target: optionalText(2048),
  /** DNS domain for short host names. */
  defaultDomain: optionalText(255),
  /** CSV header mapping as JSON: { "source header": "field id" }. */
  columnMapping: optionalText(20_000)
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      try {
        return z.record(z.string().max(200), z.string().max(64)).parse(JSON.parse(value));
      } catch {
        ctx.addIssue({ code: "custom", message: "columnMapping must be a JSON object of header -> field id" });
        return z.NEVER;
      }
    }),
  /** Excel workbooks: the sheet to read, by name or 1-based position (default: the first visible sheet). */
  sheet: optionalText(100),
  /** Name of a saved column mapping to use (and, with columnMapping, to save it under). */
  mappingName: optionalText(80),
  saveMapping: flag,
});

export type UploadFields = z.infer<typeof uploadFieldsSchema>;
