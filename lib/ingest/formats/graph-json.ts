import { tenantFactsSchema, type TenantFacts } from "@/lib/facts";
import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink, type IssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { DETECT_WINDOW, MAX_TEXT_LENGTH, maxRowsOf } from "../limits";
import { namesCollector } from "../json/collector-marker";
import { looksLikeJson } from "../json/parse-json";
import { readJsonFile } from "../json/read-json";
import { asText, field, isObject, jsonPath, type JsonObject } from "../json/access";
import { head } from "../text/lines";
import { displayValue } from "../text/display";
import { parseDateTime } from "../values/dates";
import { parseBoolean } from "../values/booleans";

/**
 * Microsoft Graph responses, detected by shape:
 * - GET /v1.0/domains -> { "@odata.context": ".../$metadata#domains", "value": [{ id, isVerified, isDefault, isInitial, authenticationType }] }
 * - GET /v1.0/directoryRoles(roleTemplateId='8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2')/members
 *     ?$select=userPrincipalName,userType,onPremisesSyncEnabled,accountEnabled
 *   -> { "value": [{ "@odata.type": "#microsoft.graph.user", userPrincipalName, ... }] }
 *   (8ac3fc64-… is the Hybrid Identity Administrator role template id; verified against Microsoft's built-in roles
 *   reference and several independent tools.)
 * - a combined file { "domains": <response or array>, "hybridIdentityAdministrators": <response or array>, "tenantId"? }.
 */

const FORMAT = "graph-json";

export const HYBRID_IDENTITY_ADMINISTRATOR_TEMPLATE_ID = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2";

function detect(input: ParseInput): number {
  if (!looksLikeJson(input.text)) return 0;
  const sample = head(input.text, DETECT_WINDOW).toLowerCase();
  if (namesCollector(sample)) return 0;
  const odata = sample.includes('"@odata.context"') || sample.includes('"@odata.type"');
  const domains = sample.includes("#domains") || sample.includes('"isverified"') || sample.includes('"authenticationtype"');
  const users = sample.includes("#microsoft.graph.user") || sample.includes('"userprincipalname"') || sample.includes("directoryobjects");
  if (odata && (domains || users)) return 0.97;
  if (sample.includes('"hybrididentityadministrators"') || sample.includes('"hybrididentityadmins"')) return 0.95;
  if (sample.includes('"featuresused"') || sample.includes('"entraidp1"')) return 0.9;
  if (domains && sample.includes('"isdefault"')) return 0.85;
  return 0;
}

type Domain = NonNullable<TenantFacts["domains"]>[number];
type Admin = NonNullable<TenantFacts["hybridIdentityAdmins"]>[number];

interface Ctx {
  sink: IssueSink;
  record: number;
  rejected: number;
  domains: Domain[];
  admins: Admin[];
  sawDomains: boolean;
  sawAdmins: boolean;
}

/** Tenant facts beyond Graph: the optional features used, the Entra ID P1 licence, Connect Sync (issue 14). */
type Extras = Pick<TenantFacts, "featuresUsed" | "entraIdP1" | "connectSync">;

function optionalBoolean(obj: JsonObject, name: string, path: string, ctx: Ctx, row: number): { ok: boolean; value?: boolean | null } {
  const found = field(obj, name);
  if (found === undefined) return { ok: true };
  if (found.value === null) return { ok: true, value: null };
  if (typeof found.value === "boolean") return { ok: true, value: found.value };
  ctx.sink.error(`${name} must be true or false. The entry was skipped.`, { row, column: jsonPath(path, found.key) });
  return { ok: false };
}

function readDomains(items: unknown[], path: string, ctx: Ctx): void {
  ctx.sawDomains = true;
  items.forEach((item, i) => {
    ctx.record++;
    const row = ctx.record;
    const itemPath = jsonPath(path, i);
    if (!isObject(item)) {
      ctx.sink.error("Expected a domain object. The entry was skipped.", { row, column: itemPath });
      ctx.rejected++;
      return;
    }
    const id = asText(field(item, "id")?.value);
    if (id === undefined || id.length > 255 || !/^[\p{L}\p{N}_.-]+$/u.test(id)) {
      ctx.sink.error(`${id === undefined ? "The domain has no id" : `${displayValue(id)} is not a domain name`}. The entry was skipped.`, {
        row,
        column: jsonPath(itemPath, "id"),
      });
      ctx.rejected++;
      return;
    }
    const domain: Domain = { id: id.toLowerCase() };
    let ok = true;
    for (const name of ["isVerified", "isDefault", "isInitial"] as const) {
      const b = optionalBoolean(item, name, itemPath, ctx, row);
      if (!b.ok) ok = false;
      else if (typeof b.value === "boolean") domain[name] = b.value;
    }
    const auth = asText(field(item, "authenticationType")?.value);
    if (auth !== undefined) domain.authenticationType = auth;
    if (!ok) {
      ctx.rejected++;
      return;
    }
    ctx.domains.push(domain);
  });
}

function readAdmins(items: unknown[], path: string, ctx: Ctx): void {
  ctx.sawAdmins = true;
  items.forEach((item, i) => {
    const itemPath = jsonPath(path, i);
    if (!isObject(item)) {
      ctx.record++;
      ctx.sink.error("Expected a directory object. The entry was skipped.", { row: ctx.record, column: itemPath });
      ctx.rejected++;
      return;
    }
    const type = asText(field(item, "@odata.type")?.value);
    if (type !== undefined && type.toLowerCase() !== "#microsoft.graph.user") {
      const name = asText(field(item, "displayName", "appId", "id")?.value) ?? "";
      ctx.sink.warning(
        `A role member of type ${type} (${displayValue(name)}) was skipped: only users are checked for the Hybrid Identity Administrator requirement.`,
        { column: itemPath },
      );
      return;
    }
    ctx.record++;
    const row = ctx.record;
    const upn = asText(field(item, "userPrincipalName")?.value);
    if (upn === undefined || upn.length > MAX_TEXT_LENGTH) {
      ctx.sink.error(
        upn === undefined
          ? "The member has no userPrincipalName (add $select=userPrincipalName,userType,onPremisesSyncEnabled,accountEnabled to the request). The entry was skipped."
          : "The userPrincipalName is too long. The entry was skipped.",
        { row, column: jsonPath(itemPath, "userPrincipalName") },
      );
      ctx.rejected++;
      return;
    }
    const admin: Admin = { userPrincipalName: upn };
    const userType = asText(field(item, "userType")?.value);
    if (userType !== undefined) admin.userType = userType;
    const sync = optionalBoolean(item, "onPremisesSyncEnabled", itemPath, ctx, row);
    const enabled = optionalBoolean(item, "accountEnabled", itemPath, ctx, row);
    if (!sync.ok || !enabled.ok) {
      ctx.rejected++;
      return;
    }
    if (sync.value !== undefined) admin.onPremisesSyncEnabled = sync.value;
    if (typeof enabled.value === "boolean") admin.accountEnabled = enabled.value;
    ctx.admins.push(admin);
  });
}

/** Which list a Graph response holds, from its @odata.context or its items. */
function classify(response: JsonObject, items: unknown[]): "domains" | "admins" | undefined {
  const context = asText(field(response, "@odata.context")?.value)?.toLowerCase() ?? "";
  if (/#domains\b/.test(context)) return "domains";
  if (context.includes("directoryobjects") || context.includes("#users") || context.includes("members")) return "admins";
  const first = items.find(isObject);
  if (first === undefined) return undefined;
  if (field(first, "isVerified", "authenticationType", "isDefault") !== undefined) return "domains";
  if (field(first, "userPrincipalName", "@odata.type") !== undefined) return "admins";
  return undefined;
}

function readResponse(value: unknown, path: string, expected: "domains" | "admins" | undefined, ctx: Ctx): boolean {
  let items: unknown[];
  let kind = expected;
  let itemsPath = path;
  if (Array.isArray(value)) items = value;
  else if (isObject(value)) {
    const list = field(value, "value");
    if (list === undefined || !Array.isArray(list.value)) return false;
    items = list.value;
    itemsPath = jsonPath(path, list.key);
    kind ??= classify(value, items);
    if (field(value, "@odata.nextLink") !== undefined) {
      ctx.sink.warning(
        "The response has an @odata.nextLink: it is only the first page of results. Follow the nextLink (or use -All in the Graph PowerShell SDK) and upload every page.",
        { column: jsonPath(path, "@odata.nextLink") },
      );
    }
  } else return false;
  if (kind === undefined && Array.isArray(value)) {
    const first = items.find(isObject);
    if (first !== undefined) kind = field(first, "isVerified", "authenticationType") !== undefined ? "domains" : "admins";
  }
  if (kind === "domains") readDomains(items, itemsPath, ctx);
  else if (kind === "admins") readAdmins(items, itemsPath, ctx);
  else return false;
  return true;
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("tenant", FORMAT);
  const parsed = readJsonFile(input.text, sink);
  if (parsed === undefined) return finishResult(result, sink);
  const root = parsed.value;
  const ctx: Ctx = { sink, record: 0, rejected: 0, domains: [], admins: [], sawDomains: false, sawAdmins: false };
  let tenantId: string | undefined;
  let collectedAt: string | undefined;

  if (Array.isArray(root)) {
    // `Get-MgDomain | ConvertTo-Json` or the role members piped to ConvertTo-Json: the items without the response wrapper.
    if (!readResponse(root, "", undefined, ctx)) sink.error("Expected an array of Graph domains or of role members.");
    return finishTenant(result, ctx, input, undefined, undefined);
  }
  if (!isObject(root)) {
    sink.error("Expected a Microsoft Graph response object ({ \"value\": [...] }) or { \"domains\": ..., \"hybridIdentityAdministrators\": ... }.");
    return finishResult(result, sink);
  }
  const domainsPart = field(root, "domains");
  const adminsPart = field(root, "hybridIdentityAdministrators", "hybridIdentityAdmins", "hybridIdentityAdministratorMembers");
  const extras: Extras = {};
  const featuresPart = field(root, "featuresUsed");
  const p1Part = field(root, "entraIdP1");
  const connectPart = field(root, "connectSync");
  if (featuresPart !== undefined) {
    const checked = tenantFactsSchema.shape.featuresUsed.unwrap().safeParse(featuresPart.value);
    if (checked.success) extras.featuresUsed = checked.data;
    else sink.error('"featuresUsed" must be { "groupProvisioning": true|false, "exchangeHybridWriteback": true|false }.', { column: featuresPart.key });
  }
  if (p1Part !== undefined) {
    const licensed = parseBoolean(p1Part.value);
    if (licensed !== undefined) extras.entraIdP1 = licensed;
    else sink.error('"entraIdP1" must be true or false.', { column: p1Part.key });
  }
  if (connectPart !== undefined) {
    const checked = tenantFactsSchema.shape.connectSync.unwrap().safeParse(connectPart.value);
    if (checked.success) extras.connectSync = checked.data;
    else sink.error('"connectSync" must be { "inUse": true|false, "version": "2.4.131.0" }.', { column: connectPart.key });
  }
  const sawExtras = featuresPart !== undefined || p1Part !== undefined || connectPart !== undefined;
  if (domainsPart !== undefined || adminsPart !== undefined || sawExtras) {
    if (domainsPart !== undefined && !readResponse(domainsPart.value, domainsPart.key, "domains", ctx)) {
      sink.error('"domains" is not a Graph /domains response or an array of domains.', { column: domainsPart.key });
    }
    if (adminsPart !== undefined && !readResponse(adminsPart.value, adminsPart.key, "admins", ctx)) {
      sink.error(`"${adminsPart.key}" is not a Graph role members response or an array of users.`, { column: adminsPart.key });
    }
    tenantId = asText(field(root, "tenantId")?.value);
    const collected = field(root, "collectedAt");
    if (collected !== undefined) {
      const date = parseDateTime(collected.value);
      if (date.ok) collectedAt = date.iso;
      else sink.warning(`${date.message}; the collection time was ignored.`, { column: collected.key });
    }
  } else if (!readResponse(root, "", undefined, ctx)) {
    sink.error(
      "This JSON is not a Graph response this app reads. Expected GET /v1.0/domains or the Hybrid Identity Administrator role members " +
        `(GET /v1.0/directoryRoles(roleTemplateId='${HYBRID_IDENTITY_ADMINISTRATOR_TEMPLATE_ID}')/members).`,
    );
  }
  return finishTenant(result, ctx, input, tenantId, collectedAt, extras);
}

function finishTenant(
  result: ParseResult,
  ctx: Ctx,
  input: ParseInput,
  tenantId: string | undefined,
  collectedAt: string | undefined,
  extras: Extras = {},
): ParseResult {
  const { sink } = ctx;
  result.records = ctx.record;
  result.rejected = ctx.rejected;
  if (sink.hasFileError()) return finishResult(result, sink);
  if (ctx.record > maxRowsOf(input.options)) {
    sink.error("The file holds more entries than one upload may contain; nothing was imported.");
    return finishResult(result, sink);
  }

  const tenant: TenantFacts = {};
  if (tenantId !== undefined) tenant.tenantId = tenantId;
  if (ctx.sawDomains) tenant.domains = ctx.domains;
  if (ctx.sawAdmins) tenant.hybridIdentityAdmins = ctx.admins;
  if (collectedAt !== undefined) tenant.collectedAt = collectedAt;
  Object.assign(tenant, extras);
  if (Object.keys(extras).length > 0) result.records = Math.max(result.records, 1);
  const checked = tenantFactsSchema.safeParse(tenant);
  if (!checked.success) {
    for (const issue of checked.error.issues) sink.error(`Invalid tenant data (${issue.path.join(".")}): ${issue.message}.`);
    return finishResult(result, sink);
  }
  result.tenant = checked.data;
  return finishResult(result, sink);
}

const graphJson: FormatParser = {
  id: FORMAT,
  kind: "tenant",
  label: "Microsoft Graph JSON (/domains, Hybrid Identity Administrator members)",
  detect,
  parse,
};

export default graphJson;
