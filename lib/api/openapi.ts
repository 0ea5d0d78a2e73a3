import { z } from "zod";
import { AUDIT_ACTOR_KINDS, AUDIT_TARGET_TYPES } from "@/lib/audit/entry";
import { rolloutBulkSchema, rolloutPatchSchema, waveFieldsSchema, waveUpdateSchema } from "@/lib/rollout/inputs";
import { APP_VERSION } from "@/lib/version";
import { SERVER_SORTS } from "@/lib/views/server-filters";
import { VERDICTS } from "@/lib/readiness";
import "./schemas"; // registers every response schema (with .meta({ id })) in zod's global registry
import "./rollout-schemas";
import "./plan-import-schemas";
import "./action-plan-schemas";
import { waiverRejectSchema, waiverRequestSchema, waiverVersionSchema } from "./waiver-schemas"; // also registers the waiver response schemas

// /api/openapi.json, generated from the zod schemas in lib/api/schemas.ts.

type Json = Record<string, unknown>;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({ description, content: { "application/json": { schema: ref(id) } } });
const errors = {
  "400": json("Error", "Invalid input"),
  "401": json("Error", "No or invalid credentials: code unauthorized, token-revoked, token-expired or token-owner-disabled"),
  "403": json("Error", "The caller's role lacks the permission"),
};
/** Routes that read a body: past its limit, counted while it streams (docs/api.md "Limits", lib/http/limits.ts). */
const tooLarge = { "413": json("Error", "The body is over this route's limit (code too-large)") };
const query = (name: string, schema: Json, description: string) => ({ name, in: "query", required: false, schema, description });

function componentSchemas(): Json {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: "any" }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(schemas)) delete schema.$schema;
  return schemas;
}

/** Request bodies of the rollout API, from the same zod schemas the handlers validate with. */
const rolloutBody = {
  waveCreate: z.toJSONSchema(waveFieldsSchema, { io: "input", unrepresentable: "any" }),
  waveUpdate: z.toJSONSchema(waveUpdateSchema, { io: "input", unrepresentable: "any" }),
  rolloutPatch: z.toJSONSchema(rolloutPatchSchema, { io: "input", unrepresentable: "any" }),
  bulk: z.toJSONSchema(rolloutBulkSchema, { io: "input", unrepresentable: "any" }),
};

/** An upload job (POST /api/uploads?async=1, GET /api/uploads/jobs/{id}; lib/data/ingest/worker/answer.ts JobView). */
const uploadJob = {
  type: "object",
  required: ["id", "fileName", "stage", "position", "records", "servers", "createdAt", "startedAt", "finishedAt", "result"],
  properties: {
    id: { type: "string" },
    fileName: { type: "string" },
    stage: { type: "string", enum: ["queued", "parsing", "evaluating", "committing", "done", "failed"] },
    position: { type: ["integer", "null"], description: "1-based place in the queue while queued, 0 while running, null once finished" },
    records: { type: ["integer", "null"], description: "Records read (once parsed)" },
    servers: { type: ["integer", "null"], description: "evaluating: servers in the file; committing and after: servers re-evaluated" },
    createdAt: { type: "string", format: "date-time" },
    startedAt: { type: ["string", "null"], format: "date-time" },
    finishedAt: { type: ["string", "null"], format: "date-time" },
    result: {
      type: ["object", "null"],
      description: "Once done or failed: the status and body the synchronous POST /api/uploads would have answered (201 UploadResult, 400/413 Error; 500 ingest-failed when the worker died)",
      properties: { status: { type: "integer" }, body: {} },
    },
  },
};

export function buildOpenApiDocument(): Json {
  const serverFilters = [
    query("q", { type: "string" }, "Partial, case-insensitive FQDN or NetBIOS name"),
    query("fqdn", { type: "string" }, "Exactly this FQDN (case-insensitive)"),
    query("readiness", { type: "string" }, `Comma-separated: ${VERDICTS.join(", ")}`),
    query("rule", { type: "string" }, "A rule id the server fails"),
    query("domain", { type: "string" }, "DNS domain"),
    query("os", { type: "string" }, 'e.g. "Windows Server 2022"'),
    query("site", { type: "string" }, "Site"),
    query("tag", { type: "string" }, "Tag"),
    query("owner", { type: "string" }, "Owner"),
    query("stale", { type: "boolean" }, "Facts older than 30 days"),
    query("wave", { type: "string" }, 'A wave id, "any" (in any active wave) or "none" (in no active wave)'),
    query("rollout", { type: "string" }, "Comma-separated rollout statuses: not-started, scheduled, in-progress, installed, blocked, excluded"),
    query("overdue", { type: "boolean" }, "Target date passed and neither installed nor excluded"),
    query("sort", { type: "string", enum: [...SERVER_SORTS] }, "Sort column (default verdict, worst first)"),
    query("dir", { type: "string", enum: ["asc", "desc"] }, "Sort direction"),
    query("page", { type: "integer", minimum: 1 }, "Page (1-based)"),
    query("pageSize", { type: "integer", minimum: 1, maximum: 500 }, "Page size (default 50)"),
  ];
  const auditFilters = [
    query("action", { type: "string" }, 'An action (e.g. "user.role") or a family ending in "." (e.g. "rollout.", "waiver.", "upload.")'),
    query("actor", { type: "string" }, "Part of the actor's name (email, token:<name>, system), case-insensitive"),
    query("actorKind", { type: "string", enum: [...AUDIT_ACTOR_KINDS] }, "Kind of actor"),
    query("targetType", { type: "string", enum: [...AUDIT_TARGET_TYPES] }, "Kind of target"),
    query("targetId", { type: "string" }, "The target's id (server, wave, waiver, upload, user, token id; attestation key)"),
    query("from", { type: "string" }, "From (inclusive): a date (2026-12-01, UTC) or an ISO date-time"),
    query("to", { type: "string" }, "To (inclusive): a date (the whole day, UTC) or an ISO date-time"),
    query("q", { type: "string" }, "Text in the summary or the target's label, case-insensitive"),
    query("page", { type: "integer", minimum: 1 }, "Page (1-based)"),
    query("pageSize", { type: "integer", minimum: 1, maximum: 200 }, "Page size (default 50)"),
  ];
  return {
    openapi: "3.1.0",
    info: {
      title: "Cloud Sync Readiness API",
      version: APP_VERSION,
      description: "Readiness of Windows servers for the Microsoft Entra Cloud Sync provisioning agent. Authenticate with `Authorization: Bearer <token>`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "API token (Settings → API tokens, or `npm run admin -- create-token`)" } },
      schemas: componentSchemas(),
    },
    paths: {
      "/api/health": { get: { summary: "Liveness and database check", security: [], responses: { "200": json("Health", "Healthy"), "503": json("Health", "Database unavailable") } } },
      "/api/me": { get: { summary: "The caller's identity and role", responses: { "200": json("Me", "The caller"), ...errors } } },
      "/api/servers": { get: { summary: "Servers matching the Servers page filters", parameters: serverFilters, responses: { "200": json("ServerPage", "One page of servers"), ...errors } } },
      "/api/servers/{name}": {
        get: {
          summary: "One server: verdict, confidence, results with evidence and remediation, history",
          parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" }, description: "FQDN, or a unique NetBIOS name" }],
          responses: { "200": json("ServerDetail", "The server"), "404": json("Error", "No such server"), ...errors },
        },
      },
      "/api/audit": {
        get: { summary: "The audit log, newest first (admins and leads)", parameters: auditFilters, responses: { "200": json("AuditPage", "One page of audit entries"), ...errors } },
      },
      "/api/rules": { get: { summary: "The rules catalogue with server counts", responses: { "200": json("Rules", "Every rule"), ...errors } } },
      "/api/exports/servers.csv": {
        get: {
          summary: "The servers matching the Servers page filters as CSV (UTF-8 with BOM, CRLF, streamed in the list's order; page and pageSize are ignored)",
          description: "Cells starting with = + - @, a tab or a carriage return get a leading apostrophe so spreadsheets do not evaluate them. Recorded in the audit log (report.generate).",
          parameters: serverFilters.filter((p) => !["page", "pageSize"].includes(p.name)),
          responses: { "200": { description: "The servers", content: { "text/csv": { schema: { type: "string" } } } }, ...errors },
        },
      },
      "/api/exports/results.csv": {
        get: {
          summary: "One row per server and rule result (status, message, evidence, waiver) for the same filters, as CSV",
          parameters: serverFilters.filter((p) => !["page", "pageSize"].includes(p.name)),
          responses: {
            "200": { description: "The results", content: { "text/csv": { schema: { type: "string" } } } },
            "413": json("Error", "More than 1,000,000 result rows: add a filter"),
            ...errors,
          },
        },
      },
      "/api/exports/servers.xlsx": {
        get: {
          summary: "The servers and results tables as an Excel workbook (sheets Servers and Results; typed cells, frozen header, autofilter)",
          parameters: serverFilters.filter((p) => !["page", "pageSize"].includes(p.name)),
          responses: {
            "200": { description: "The workbook", content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } },
            "413": json("Error", "A sheet would exceed Excel's 1,048,576 rows: add a filter"),
            ...errors,
          },
        },
      },
      "/api/reports/fleet.pdf": {
        get: {
          summary: "Fleet readiness report (PDF) for the servers matching the Servers page filters",
          parameters: [
            ...serverFilters.filter((p) => !["sort", "dir", "page", "pageSize"].includes(p.name)),
            query("appendix", { type: "boolean", default: false }, "Add one section per server (at most 500 servers; more answers 413)"),
          ],
          responses: {
            "200": { description: "The report", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
            "413": json("Error", "The appendix would cover more than 500 servers: add a filter or turn the appendix off"),
            ...errors,
          },
        },
      },
      "/api/reports/changes.pdf": {
        get: {
          summary: "What changed (PDF): servers whose verdict changed between two dates, grouped by cause, with before -> after and the rules that changed",
          parameters: [
            query("from", { type: "string", format: "date" }, "First day (UTC, YYYY-MM-DD; its start is compared). Default: 7 days before `to`"),
            query("to", { type: "string", format: "date" }, "Last day (UTC, YYYY-MM-DD, included). Default: today. At most 366 days after `from`"),
            ...serverFilters.filter((p) => !["sort", "dir", "page", "pageSize"].includes(p.name)),
          ],
          responses: {
            "200": { description: "The report", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
            "413": json("Error", "More than 5,000 servers changed verdict: choose a shorter period or add a filter"),
            ...errors,
          },
        },
      },
      "/api/reports/servers/{name}.pdf": {
        get: {
          summary: "Server readiness report (PDF): verdict, confidence, rollout, every rule result with evidence, remediation and source, waivers, verdict history with causes, fix script link",
          parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" }, description: "FQDN, or a unique NetBIOS name (the path ends in .pdf)" }],
          responses: {
            "200": { description: "The report", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
            "404": json("Error", "No such server"),
            ...errors,
          },
        },
      },
      "/api/reports/waves/{id}.pdf": {
        get: {
          summary: "Wave readiness report (PDF): the go/no-go gate and its blockers with remediation, each server's verdict, rollout status, owner and target date, waivers in the wave",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, description: "Wave id (the path ends in .pdf)" }],
          responses: {
            "200": { description: "The report", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
            "404": json("Error", "No such wave"),
            "413": json("Error", "The wave has more than 20,000 servers: split it or export its servers as CSV"),
            ...errors,
          },
        },
      },
      "/api/summary": { get: { summary: "Counts per readiness, rule, domain and wave", responses: { "200": json("Summary", "Fleet summary"), ...errors } } },
      "/api/action-plan": {
        get: {
          summary: "The action plan: fixes grouped per domain, site, rule or missing data, ranked by servers each moves to Ready or Ready with conditions alone (computed by re-running the roll-up), with the cumulative plan",
          parameters: [query("domain", { type: "string" }, "Only this domain's servers (case-insensitive)")],
          responses: { "200": json("ActionPlan", "The plan"), ...errors },
        },
      },
      "/api/uploads": {
        get: { summary: "Uploads, newest first", parameters: [query("page", { type: "integer" }, "Page"), query("pageSize", { type: "integer" }, "Page size")], responses: { "200": { description: "Uploads with provenance" }, ...errors } },
        post: {
          summary: "Upload an export, an archive of exports (.zip, .gz, .tar.gz/.tgz) or an .xlsx inventory (admin)",
          description:
            "A plain file is limited by UPLOAD_MAX_BYTES (50 MB); archives and workbooks by ARCHIVE_MAX_BYTES (200 MB) and the guards applied while inflating " +
            "(ARCHIVE_MAX_ENTRIES, ARCHIVE_MAX_UNCOMPRESSED_BYTES, ARCHIVE_MAX_ENTRY_BYTES, ARCHIVE_MAX_ENTRY_RATIO, ARCHIVE_MAX_TOTAL_RATIO). Every entry of an archive " +
            "is read as if uploaded alone and all are committed as one upload, or none: issues name the entry as \"archive › entry\". " +
            "Uploads are parsed, evaluated and committed in the server's upload worker, one at a time in arrival order. By default the request waits for the answer; " +
            "with ?async=1 (or the field async=1, or Prefer: respond-async) it answers 202 with the job and Location: /api/uploads/jobs/{id}.",
          parameters: [query("async", { type: "string", enum: ["1", "true"] }, "Answer 202 with the upload job at once instead of waiting")],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: {
                    file: { type: "string", format: "binary" },
                    kind: { type: "string", enum: ["host-inventory", "gmsa-acl", "domain", "tenant", "sync-scope"], description: "Expected kind (for an archive: of every entry)" },
                    format: { type: "string", description: "Format id instead of detection (for an archive: for every entry)" },
                    dryRun: { type: "boolean" },
                    allowPartial: { type: "boolean", description: "Commit only the valid records of a file with row errors" },
                    account: { type: "string", description: "gMSA for an ACL export, e.g. CORP\\provAgentgMSA$" },
                    target: { type: "string", description: "Target DN of an ACL export" },
                    defaultDomain: { type: "string" },
                    columnMapping: { type: "string", description: "JSON object: CSV header -> field id" },
                    mappingName: { type: "string" },
                    saveMapping: { type: "boolean" },
                    sheet: { type: "string", description: "Workbooks: sheet name or 1-based position (default: the first visible sheet)" },
                  },
                },
              },
            },
          },
          responses: {
            "201": json("UploadResult", "Committed, previewed (dryRun) or recognised as a duplicate"),
            "202": { description: "Async mode: the job, queued or started (Location: /api/uploads/jobs/{id})", content: { "application/json": { schema: uploadJob } } },
            "409": json("Error", "duplicate-other-options: these bytes were committed before with other options (account, target, defaultDomain); delete that upload first"),
            "413": json("Error", "File too large"),
            "500": json("Error", "ingest-failed: the upload worker died or threw; nothing was stored"),
            ...errors,
            "400": json("Error", "Refused (bad-input, rows-rejected, empty, wrong-kind, bad-fields); an ACL export naming no gMSA, sent without account, also carries suggestedGmsa: { account?, candidates } (its trustees ending in $)"),
          },
        },
      },
      "/api/waves": {
        get: { summary: "Rollout waves in order with counts per verdict and status, gate and overdue count", parameters: [query("archived", { type: "boolean" }, "Include archived waves")], responses: { "200": json("Waves", "Waves"), ...errors } },
        post: {
          summary: "Create a wave (leads and admins)",
          requestBody: { required: true, content: { "application/json": { schema: rolloutBody.waveCreate } } },
          responses: { "201": json("Wave", "Created"), ...errors, ...tooLarge },
        },
      },
      "/api/waves/{id}": {
        get: {
          summary: "One wave: go/no-go gate with its exact blockers, and a page of its servers",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, query("page", { type: "integer" }, "Page of servers"), query("pageSize", { type: "integer", maximum: 500 }, "Servers per page (default 100)")],
          responses: { "200": json("WaveDetail", "The wave"), "404": json("Error", "No such wave"), ...errors },
        },
        patch: {
          summary: "Edit, reorder (position), archive or restore (archived) a wave; `version` required",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/json": { schema: rolloutBody.waveUpdate } } },
          responses: { "200": json("Wave", "Updated"), "404": json("Error", "No such wave"), "409": json("Conflict", "Someone changed it first: the current state and who"), ...errors, ...tooLarge },
        },
      },
      "/api/servers/{name}/rollout": {
        patch: {
          summary: "Change one server's wave, rollout status, owner, target date or note; `version` required",
          parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" }, description: "FQDN, or a unique NetBIOS name" }],
          requestBody: { required: true, content: { "application/json": { schema: rolloutBody.rolloutPatch } } },
          responses: { "200": json("RolloutState", "The server's rollout state"), "404": json("Error", "No such server"), "409": json("Conflict", "Someone changed it first: the current state and who"), ...errors, ...tooLarge },
        },
      },
      "/api/rollout/bulk": {
        post: {
          summary: "One rollout change for a selection of servers or every server matching a Servers-page filter (all or nothing)",
          requestBody: { required: true, content: { "application/json": { schema: rolloutBody.bulk } } },
          responses: { "200": json("RolloutBulkOutcome", "How many servers matched and changed"), ...errors, ...tooLarge },
        },
      },
      "/api/rollout/plan": {
        post: {
          summary: "Import a rollout plan CSV (server, wave, owner, targetDate, status, note): preview with dryRun, or apply all rows or none (leads and admins)",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: {
                    file: { type: "string", format: "binary", description: "The plan CSV (UTF-8 or UTF-16, comma or semicolon, at most 10 MB and 60,000 rows)" },
                    dryRun: { type: "boolean", description: "Preview: report what would change and store nothing" },
                  },
                },
              },
            },
          },
          responses: {
            "200": json("PlanImportOutcome", "Previewed (dryRun) or applied; changed = 0 means the plan matches what is stored"),
            "413": json("Error", "File too large"),
            "422": json("PlanRefused", "A row is bad (unknown or ambiguous server, archived wave, bad status or date, …): nothing was stored"),
            ...errors,
          },
        },
      },
      "/api/waivers": {
        get: {
          summary: "Waivers (risk acceptances), newest first",
          parameters: [
            query("status", { type: "string", enum: ["pending", "active", "rejected", "revoked", "expired", "lapsed", "renewal"] }, '"renewal": expired and lapsed waivers, newest first'),
            query("ruleId", { type: "string" }, "Rule id"),
            query("server", { type: "string" }, "FQDN or unique NetBIOS name: the waivers that apply to it (its own and its domain's)"),
            query("domain", { type: "string" }, "DNS domain"),
          ],
          responses: { "200": json("Waivers", "Waivers"), ...errors },
        },
        post: {
          summary: "Request a waiver of a failing result (leads and admins; blocker waivers: admins only, pending until a different admin approves)",
          requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(waiverRequestSchema, { io: "input", unrepresentable: "any" }) } } },
          responses: { "201": json("Waiver", "Requested (active, or pending for a blocker)"), "404": json("Error", "No such rule or server"), "409": json("Error", "Not failing, or already waived"), ...errors, ...tooLarge },
        },
      },
      "/api/waivers/{id}": {
        get: { summary: "One waiver", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": json("Waiver", "The waiver"), "404": json("Error", "No such waiver"), ...errors } },
        delete: {
          summary: "Revoke a waiver (the results count again); `version` in the query or body required; blocker waivers: admins only",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, query("version", { type: "integer" }, "The waiver's version")],
          requestBody: { required: false, content: { "application/json": { schema: z.toJSONSchema(waiverVersionSchema, { io: "input", unrepresentable: "any" }) } } },
          responses: { "200": json("Waiver", "Revoked"), "404": json("Error", "No such waiver"), "409": json("WaiverConflict", "Stale version or not active: the current state"), ...errors, ...tooLarge },
        },
      },
      "/api/waivers/{id}/approve": {
        post: {
          summary: "Approve a pending blocker waiver (an admin other than the requester); `version` required",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(waiverVersionSchema, { io: "input", unrepresentable: "any" }) } } },
          responses: { "200": json("Waiver", "Approved and applied"), "404": json("Error", "No such waiver"), "409": json("WaiverConflict", "Stale version or not pending: the current state"), ...errors, ...tooLarge },
        },
      },
      "/api/waivers/{id}/reject": {
        post: {
          summary: "Reject a pending blocker waiver (an admin other than the requester)",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: false, content: { "application/json": { schema: z.toJSONSchema(waiverRejectSchema, { io: "input", unrepresentable: "any" }) } } },
          responses: { "200": json("Waiver", "Rejected"), "404": json("Error", "No such waiver"), "409": json("WaiverConflict", "Stale version or not pending: the current state"), ...errors, ...tooLarge },
        },
      },
      "/api/uploads/jobs/{id}": {
        get: {
          summary: "An upload job: its stage, place in the queue and counts, and once finished the synchronous answer (admin; only the submitting caller or an admin)",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "The job", content: { "application/json": { schema: uploadJob } } }, "404": json("Error", "No such job (unknown, finished more than 15 minutes ago, or another caller's)"), ...errors },
        },
      },
      "/api/uploads/{id}/entries": {
        get: {
          summary: "The files read from an archive upload (or the sheet of a workbook), in archive order",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, query("page", { type: "integer" }, "Page"), query("pageSize", { type: "integer" }, "Page size (max 1000, default 100)")],
          responses: { "200": { description: "{ uploadId, container, total, page, pageSize, entries: [{ position, name, sizeBytes, format, kind, records, accepted, rejected }] }" }, "404": json("Error", "No such upload"), ...errors },
        },
      },
      "/api/uploads/{id}": {
        get: { summary: "One upload with its issues", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "The upload" }, "404": json("Error", "No such upload"), ...errors } },
        delete: { summary: "Delete an upload and re-evaluate (admin)", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "Deleted" }, "404": json("Error", "No such upload"), ...errors } },
      },
    },
  };
}
