import { z } from "zod";
import { APP_VERSION } from "@/lib/version";
import { SERVER_SORTS } from "@/lib/views/server-filters";
import { VERDICTS } from "@/lib/readiness";
import "./schemas"; // registers every response schema (with .meta({ id })) in zod's global registry

// /api/openapi.json, generated from the zod schemas in lib/api/schemas.ts.

type Json = Record<string, unknown>;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({ description, content: { "application/json": { schema: ref(id) } } });
const errors = {
  "400": json("Error", "Invalid input"),
  "401": json("Error", "No or invalid credentials"),
  "403": json("Error", "The caller's role lacks the permission"),
};
const query = (name: string, schema: Json, description: string) => ({ name, in: "query", required: false, schema, description });

function componentSchemas(): Json {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: "any" }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(schemas)) delete schema.$schema;
  return schemas;
}

export function buildOpenApiDocument(): Json {
  const serverFilters = [
    query("q", { type: "string" }, "Partial, case-insensitive FQDN or NetBIOS name"),
    query("readiness", { type: "string" }, `Comma-separated: ${VERDICTS.join(", ")}`),
    query("rule", { type: "string" }, "A rule id the server fails"),
    query("domain", { type: "string" }, "DNS domain"),
    query("os", { type: "string" }, 'e.g. "Windows Server 2022"'),
    query("site", { type: "string" }, "Site"),
    query("tag", { type: "string" }, "Tag"),
    query("owner", { type: "string" }, "Owner"),
    query("stale", { type: "boolean" }, "Facts older than 30 days"),
    query("sort", { type: "string", enum: [...SERVER_SORTS] }, "Sort column (default verdict, worst first)"),
    query("dir", { type: "string", enum: ["asc", "desc"] }, "Sort direction"),
    query("page", { type: "integer", minimum: 1 }, "Page (1-based)"),
    query("pageSize", { type: "integer", minimum: 1, maximum: 500 }, "Page size (default 50)"),
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
      "/api/rules": { get: { summary: "The rules catalogue with server counts", responses: { "200": json("Rules", "Every rule"), ...errors } } },
      "/api/summary": { get: { summary: "Counts per readiness, rule, domain and wave", responses: { "200": json("Summary", "Fleet summary"), ...errors } } },
      "/api/uploads": {
        get: { summary: "Uploads, newest first", parameters: [query("page", { type: "integer" }, "Page"), query("pageSize", { type: "integer" }, "Page size")], responses: { "200": { description: "Uploads with provenance" }, ...errors } },
        post: {
          summary: "Upload an export (admin)",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: {
                    file: { type: "string", format: "binary" },
                    kind: { type: "string", enum: ["host-inventory", "gmsa-acl", "domain", "tenant", "sync-scope"] },
                    format: { type: "string", description: "Format id instead of detection" },
                    dryRun: { type: "boolean" },
                    allowPartial: { type: "boolean", description: "Commit only the valid records of a file with row errors" },
                    account: { type: "string", description: "gMSA for an ACL export, e.g. CORP\\provAgentgMSA$" },
                    target: { type: "string", description: "Target DN of an ACL export" },
                    defaultDomain: { type: "string" },
                    columnMapping: { type: "string", description: "JSON object: CSV header -> field id" },
                    mappingName: { type: "string" },
                    saveMapping: { type: "boolean" },
                  },
                },
              },
            },
          },
          responses: { "201": json("UploadResult", "Committed, previewed (dryRun) or recognised as a duplicate"), "413": json("Error", "File too large"), ...errors },
        },
      },
      "/api/uploads/{id}": {
        get: { summary: "One upload with its issues", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "The upload" }, "404": json("Error", "No such upload"), ...errors } },
        delete: { summary: "Delete an upload and re-evaluate (admin)", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "Deleted" }, "404": json("Error", "No such upload"), ...errors } },
      },
    },
  };
}
