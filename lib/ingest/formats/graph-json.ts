import { TENANT_ADMIN_ROLES, tenantFactsSchema, type TenantAdminRole, type TenantFacts } from "@/lib/facts";
import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink, type IssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { MAX_TEXT_LENGTH, maxRowsOf } from "../limits";
import { namesCollector } from "../json/collector-marker";
import { looksLikeJson } from "../json/parse-json";
import { readJsonFile } from "../json/read-json";
import { asText, field, isObject, jsonPath, type JsonObject } from "../json/access";
import { lowercaseSample } from "../detect-sample";
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
 * - GET /v1.0/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '<id>'&$expand=principal (active holders)
 *   and GET /v1.0/roleManagement/directory/roleEligibilitySchedules?...&$expand=principal (PIM-eligible holders), for the
 *   Hybrid Identity Administrator and Global Administrator roles (TENANT_ADMIN_ROLES): each item's principal is a user
 *   (userPrincipalName, userType, onPremisesSyncEnabled, accountEnabled) or a role-assignable group whose users are
 *   in principal.members (the collect command in lib/rules/tenant/collect.ts adds them); a user found through a group
 *   is recorded with viaGroup. Only tenant-wide assignments (directoryScopeId "/") are kept.
 * - a combined file { "domains": <response or array>, "hybridIdentityAdministrators": <response or array>,
 *   "roleAssignments": <response or array>, "roleEligibilitySchedules": <response or array>, "tenantId"? }; a user
 *   entry of the role members list may carry role ("Hybrid Identity Administrator" | "Global Administrator" or the
 *   role template id), assignment ("active" | "eligible") and viaGroup.
 */

const FORMAT = "graph-json";

export const HYBRID_IDENTITY_ADMINISTRATOR_TEMPLATE_ID = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2";

function detect(input: ParseInput): number {
  if (!looksLikeJson(input.text)) return 0;
  const sample = lowercaseSample(input);
  if (namesCollector(sample)) return 0;
  const odata = sample.includes('"@odata.context"') || sample.includes('"@odata.type"');
  const domains = sample.includes("#domains") || sample.includes('"isverified"') || sample.includes('"authenticationtype"');
  const users = sample.includes("#microsoft.graph.user") || sample.includes('"userprincipalname"') || sample.includes("directoryobjects");
  const roles = sample.includes('"roledefinitionid"') || sample.includes("roleassignments") || sample.includes("roleeligibilityschedule");
  if (odata && (domains || users || roles)) return 0.97;
  if (sample.includes('"hybrididentityadministrators"') || sample.includes('"hybrididentityadmins"')) return 0.95;
  if (sample.includes('"featuresused"') || sample.includes('"entraidp1"')) return 0.9;
  if (sample.includes('"roleassignments"') || sample.includes('"roleeligibilityschedules"') || sample.includes('"roleeligibilityscheduleinstances"')) return 0.95;
  if (sample.includes('"roledefinitionid"') && sample.includes('"principal"')) return 0.9;
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

/** How a user holds the role, when the list says more than "active, direct Hybrid Identity Administrator". */
interface Holding {
  role?: TenantAdminRole;
  assignment?: "active" | "eligible";
  viaGroup?: string;
}

const ROLE_NAMES: readonly string[] = Object.values(TENANT_ADMIN_ROLES);

/** "Global Administrator", "global administrator" or the role template id -> the role; undefined for any other. */
function adminRole(value: string): TenantAdminRole | undefined {
  const key = value.trim().toLowerCase();
  const byId = (TENANT_ADMIN_ROLES as Record<string, TenantAdminRole>)[key];
  if (byId !== undefined) return byId;
  return ROLE_NAMES.find((name) => name.toLowerCase() === key) as TenantAdminRole | undefined;
}

/** One user of a role list: the member itself, or an assignment's principal (or a member of its group). */
function readUser(item: JsonObject, itemPath: string, holding: Holding, ctx: Ctx): void {
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
  // A user entry of a combined file may say how it holds the role itself.
  const own = { ...holding };
  const roleField = holding.role === undefined ? field(item, "role") : undefined;
  if (roleField !== undefined) {
    const role = adminRole(asText(roleField.value) ?? "");
    if (role === undefined) {
      ctx.sink.warning(
        `${displayValue(asText(roleField.value) ?? "")} is neither Hybrid Identity Administrator nor Global Administrator; the entry was skipped (only those roles can install cloud sync).`,
        { row, column: jsonPath(itemPath, roleField.key) },
      );
      ctx.record--;
      return;
    }
    own.role = role;
  }
  const assignmentField = holding.assignment === undefined ? field(item, "assignment") : undefined;
  let assignmentOk = true;
  if (assignmentField !== undefined) {
    const assignment = asText(assignmentField.value)?.toLowerCase();
    if (assignment === "active" || assignment === "eligible") own.assignment = assignment;
    else {
      ctx.sink.error(`assignment must be "active" or "eligible". The entry was skipped.`, { row, column: jsonPath(itemPath, assignmentField.key) });
      assignmentOk = false;
    }
  }
  const viaGroupField = holding.viaGroup === undefined ? field(item, "viaGroup") : undefined;
  if (viaGroupField !== undefined) {
    const group = asText(viaGroupField.value);
    if (group !== undefined && group.length <= MAX_TEXT_LENGTH) own.viaGroup = group;
  }
  if (!sync.ok || !enabled.ok || !assignmentOk) {
    ctx.rejected++;
    return;
  }
  if (sync.value !== undefined) admin.onPremisesSyncEnabled = sync.value;
  if (typeof enabled.value === "boolean") admin.accountEnabled = enabled.value;
  if (own.role !== undefined) admin.role = own.role;
  if (own.assignment !== undefined) admin.assignment = own.assignment;
  if (own.viaGroup !== undefined) admin.viaGroup = own.viaGroup;
  ctx.admins.push(admin);
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
    readUser(item, itemPath, {}, ctx);
  });
}

/**
 * roleAssignments (active) or roleEligibilitySchedules (eligible) with $expand=principal: one record per user,
 * directly or through the role-assignable group that holds the role.
 */
function readAssignments(items: unknown[], path: string, assignment: "active" | "eligible", ctx: Ctx): void {
  ctx.sawAdmins = true;
  const list = assignment === "active" ? "role assignment" : "role eligibility";
  items.forEach((item, i) => {
    const itemPath = jsonPath(path, i);
    if (!isObject(item)) {
      ctx.record++;
      ctx.sink.error(`Expected a ${list} object. The entry was skipped.`, { row: ctx.record, column: itemPath });
      ctx.rejected++;
      return;
    }
    const roleId = asText(field(item, "roleDefinitionId")?.value) ?? "";
    const roleDefinition = field(item, "roleDefinition")?.value;
    const templateId = isObject(roleDefinition) ? asText(field(roleDefinition, "templateId", "displayName")?.value) : undefined;
    const role = adminRole(roleId) ?? (templateId === undefined ? undefined : adminRole(templateId));
    if (role === undefined) {
      ctx.sink.warning(
        `A ${list} of role ${displayValue(roleId)} was skipped: only Hybrid Identity Administrator and Global Administrator can install cloud sync.`,
        { column: jsonPath(itemPath, "roleDefinitionId") },
      );
      return;
    }
    const scope = asText(field(item, "directoryScopeId")?.value);
    if (scope !== undefined && scope !== "/") {
      ctx.sink.warning(`A ${list} of ${role} scoped to ${displayValue(scope)} was skipped: only tenant-wide assignments (directoryScopeId "/") count.`, {
        column: jsonPath(itemPath, "directoryScopeId"),
      });
      return;
    }
    const principalField = field(item, "principal");
    const principal = principalField?.value;
    if (principalField === undefined || !isObject(principal)) {
      ctx.record++;
      ctx.sink.error(`The ${list} has no principal: add $expand=principal to the request (or use the collect command). The entry was skipped.`, {
        row: ctx.record,
        column: itemPath,
      });
      ctx.rejected++;
      return;
    }
    const principalPath = jsonPath(itemPath, principalField.key);
    const type = asText(field(principal, "@odata.type")?.value)?.toLowerCase();
    const isGroup = type === "#microsoft.graph.group" || (type === undefined && field(principal, "members") !== undefined);
    if (isGroup) {
      const name = asText(field(principal, "displayName", "id")?.value) ?? "(unnamed group)";
      const membersField = field(principal, "members");
      if (membersField === undefined || !Array.isArray(membersField.value)) {
        ctx.sink.warning(
          `The group ${displayValue(name)} holds ${role} (${assignment}), but its members are not in the file: run the collect command, which adds each group's users (transitiveMembers).`,
          { column: principalPath },
        );
        return;
      }
      const membersPath = jsonPath(principalPath, membersField.key);
      membersField.value.forEach((member, m) => {
        const memberPath = jsonPath(membersPath, m);
        if (!isObject(member)) return;
        const memberType = asText(field(member, "@odata.type")?.value)?.toLowerCase();
        if (memberType !== undefined && memberType !== "#microsoft.graph.user") return;
        readUser(member, memberPath, { role, assignment, viaGroup: name }, ctx);
      });
      return;
    }
    if (type !== undefined && type !== "#microsoft.graph.user") {
      const name = asText(field(principal, "displayName", "appId", "id")?.value) ?? "";
      ctx.sink.warning(`A ${list} of ${role} to ${type} (${displayValue(name)}) was skipped: only users are checked.`, { column: principalPath });
      return;
    }
    readUser(principal, principalPath, { role, assignment }, ctx);
  });
}

type ListKind = "domains" | "admins" | "active" | "eligible";

/** An assignment list without @odata.context: eligibility schedules have scheduleInfo but no assignmentType. */
function assignmentKindOf(first: JsonObject): "active" | "eligible" {
  return field(first, "scheduleInfo") !== undefined && field(first, "assignmentType") === undefined ? "eligible" : "active";
}

/** Which list a Graph response holds, from its @odata.context or its items. */
function classify(response: JsonObject, items: unknown[]): ListKind | undefined {
  const context = asText(field(response, "@odata.context")?.value)?.toLowerCase() ?? "";
  if (/#domains\b/.test(context)) return "domains";
  if (context.includes("roleeligibilityschedule")) return "eligible";
  if (context.includes("roleassignment")) return "active";
  if (context.includes("directoryobjects") || context.includes("#users") || context.includes("members")) return "admins";
  const first = items.find(isObject);
  if (first === undefined) return undefined;
  if (field(first, "isVerified", "authenticationType", "isDefault") !== undefined) return "domains";
  if (field(first, "roleDefinitionId") !== undefined) return assignmentKindOf(first);
  if (field(first, "userPrincipalName", "@odata.type") !== undefined) return "admins";
  return undefined;
}

function readResponse(value: unknown, path: string, expected: ListKind | undefined, ctx: Ctx): boolean {
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
    if (first !== undefined) {
      kind =
        field(first, "isVerified", "authenticationType") !== undefined
          ? "domains"
          : field(first, "roleDefinitionId") !== undefined
            ? assignmentKindOf(first)
            : "admins";
    }
  }
  if (kind === "domains") readDomains(items, itemsPath, ctx);
  else if (kind === "admins") readAdmins(items, itemsPath, ctx);
  else if (kind === "active" || kind === "eligible") readAssignments(items, itemsPath, kind, ctx);
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
    if (!readResponse(root, "", undefined, ctx)) sink.error("Expected an array of Graph domains, role members, role assignments or role eligibility schedules.");
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
  const activePart = field(root, "roleAssignments");
  const eligiblePart = field(root, "roleEligibilitySchedules", "roleEligibilityScheduleInstances");
  if (domainsPart !== undefined || adminsPart !== undefined || activePart !== undefined || eligiblePart !== undefined || sawExtras) {
    for (const [part, kind] of [[activePart, "active"], [eligiblePart, "eligible"]] as const) {
      if (part !== undefined && !readResponse(part.value, part.key, kind, ctx)) {
        sink.error(`"${part.key}" is not a Graph ${part.key} response or an array of them.`, { column: part.key });
      }
    }

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
      "This JSON is not a Graph response this app reads. Expected GET /v1.0/domains, the Hybrid Identity Administrator role members " +
        `(GET /v1.0/directoryRoles(roleTemplateId='${HYBRID_IDENTITY_ADMINISTRATOR_TEMPLATE_ID}')/members), or role assignments / role eligibility schedules with $expand=principal.`,
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
  label: "Microsoft Graph JSON (/domains, Hybrid Identity Administrator members, role assignments and PIM eligibility)",
  detect,
  parse,
};

export default graphJson;
