import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tenantFactsSchema } from "@/lib/facts";
import graphJson, { HYBRID_IDENTITY_ADMINISTRATOR_TEMPLATE_ID } from "./graph-json";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const parse = (text: string) => graphJson.parse({ fileName: "graph.json", text, options: {} });

describe("graph-json", () => {
  it("uses the Hybrid Identity Administrator role template id", () => {
    expect(HYBRID_IDENTITY_ADMINISTRATOR_TEMPLATE_ID).toBe("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2");
  });

  it("reads GET /v1.0/domains and rejects a malformed entry", () => {
    const result = parse(fixture("graph-domains.json"));
    expect(result).toMatchObject({ kind: "tenant", format: "graph-json", records: 4, rejected: 1 });
    expect(result.tenant).toEqual({
      domains: [
        { id: "contoso.onmicrosoft.com", isVerified: true, isDefault: false, isInitial: true, authenticationType: "Managed" },
        { id: "contoso.com", isVerified: true, isDefault: true, isInitial: false, authenticationType: "Managed" },
        { id: "corp.contoso.com", isVerified: false, isDefault: false, isInitial: false, authenticationType: "Federated" },
      ],
    });
    expect(result.issues).toEqual([expect.objectContaining({ severity: "error", row: 4, column: "value[3].id" })]);
  });

  it("reads role members, skipping non-users and warning about paging", () => {
    const result = parse(fixture("graph-hybrid-admins.json"));
    expect(result.tenant).toEqual({
      hybridIdentityAdmins: [
        { userPrincipalName: "hybrid.admin@contoso.onmicrosoft.com", userType: "Member", onPremisesSyncEnabled: null, accountEnabled: true },
        { userPrincipalName: "jane.doe@contoso.com", userType: "Member", onPremisesSyncEnabled: true, accountEnabled: true },
        { userPrincipalName: "partner_fabrikam.com#EXT#@contoso.onmicrosoft.com", userType: "Guest", onPremisesSyncEnabled: null, accountEnabled: false },
      ],
    });
    expect(result.issues.map(({ severity, column }) => ({ severity, column }))).toEqual([
      { severity: "warning", column: "@odata.nextLink" },
      { severity: "warning", column: "value[3]" },
    ]);
    expect(tenantFactsSchema.safeParse(result.tenant).success).toBe(true);
  });

  it("reads the combined file", () => {
    const result = parse(fixture("graph-combined.json"));
    expect(result.issues).toEqual([]);
    expect(result.tenant).toEqual({
      tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      domains: [{ id: "contoso.onmicrosoft.com", isVerified: true, isDefault: true, isInitial: true, authenticationType: "Managed" }],
      hybridIdentityAdmins: [{ userPrincipalName: "hybrid.admin@contoso.onmicrosoft.com", userType: "Member", onPremisesSyncEnabled: null, accountEnabled: true }],
    });
  });

  it("reads role assignments with $expand=principal: users, groups' members, skipping what cannot install cloud sync", () => {
    const result = parse(fixture("graph-role-assignments.json"));
    expect(result.tenant).toEqual({
      hybridIdentityAdmins: [
        {
          userPrincipalName: "breakglass@contoso.onmicrosoft.com",
          userType: "Member",
          onPremisesSyncEnabled: null,
          accountEnabled: true,
          role: "Global Administrator",
          assignment: "active",
        },
        {
          userPrincipalName: "ops.admin@contoso.onmicrosoft.com",
          userType: "Member",
          onPremisesSyncEnabled: null,
          accountEnabled: true,
          role: "Hybrid Identity Administrator",
          assignment: "active",
          viaGroup: "Tier0-Hybrid-Admins",
        },
        {
          userPrincipalName: "jane.doe@contoso.com",
          userType: "Member",
          onPremisesSyncEnabled: true,
          accountEnabled: true,
          role: "Hybrid Identity Administrator",
          assignment: "active",
          viaGroup: "Tier0-Hybrid-Admins",
        },
      ],
    });
    expect(result).toMatchObject({ records: 3, rejected: 0 });
    expect(result.issues.map(({ severity, column }) => ({ severity, column }))).toEqual([
      { severity: "warning", column: "value[2].principal" },
      { severity: "warning", column: "value[3].principal" },
      { severity: "warning", column: "value[4].directoryScopeId" },
      { severity: "warning", column: "value[5].roleDefinitionId" },
    ]);
    expect(result.issues[0].message).toMatch(/Sync-Operators.*members are not in the file/);
    expect(tenantFactsSchema.safeParse(result.tenant).success).toBe(true);
  });

  it("reads the collect command's output: active assignments and PIM eligibility schedules", () => {
    const result = parse(fixture("graph-admin-roles-collect.json"));
    expect(result.issues).toEqual([]);
    expect(result.tenant).toMatchObject({
      tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      collectedAt: "2026-12-01T09:30:00.000Z",
      domains: [
        { id: "contoso.onmicrosoft.com", isVerified: true, isDefault: false, isInitial: true, authenticationType: "Managed" },
        { id: "contoso.com", isVerified: true, isDefault: true, isInitial: false, authenticationType: "Managed" },
      ],
    });
    expect(result.tenant?.hybridIdentityAdmins).toEqual([
      { userPrincipalName: "jane.doe@contoso.com", userType: "Member", onPremisesSyncEnabled: true, accountEnabled: true, role: "Hybrid Identity Administrator", assignment: "active" },
      { userPrincipalName: "cloud.admin@contoso.onmicrosoft.com", userType: "Member", onPremisesSyncEnabled: null, accountEnabled: true, role: "Global Administrator", assignment: "eligible" },
      {
        userPrincipalName: "pim.admin@contoso.onmicrosoft.com",
        userType: "Member",
        onPremisesSyncEnabled: false,
        accountEnabled: true,
        role: "Hybrid Identity Administrator",
        assignment: "eligible",
        viaGroup: "PIM-Hybrid-Admins",
      },
    ]);
  });

  it("tells eligibility schedules from assignments without @odata.context, and needs the principal expanded", () => {
    const eligible = parse(
      '[{ "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10", "scheduleInfo": {}, "principal": { "userPrincipalName": "a@contoso.onmicrosoft.com" } }]',
    );
    expect(eligible.tenant?.hybridIdentityAdmins).toEqual([{ userPrincipalName: "a@contoso.onmicrosoft.com", role: "Global Administrator", assignment: "eligible" }]);
    const bare = parse('{ "roleAssignments": [{ "roleDefinitionId": "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "principalId": "x" }] }');
    expect(bare).toMatchObject({ records: 1, rejected: 1 });
    expect(bare.issues[0].message).toMatch(/\$expand=principal/);
  });

  it("reads role, assignment and viaGroup on a user entry of the combined file", () => {
    const result = parse(
      JSON.stringify({
        hybridIdentityAdministrators: [
          { userPrincipalName: "a@contoso.onmicrosoft.com", role: "global administrator", assignment: "Eligible", viaGroup: "GA-Eligible" },
          { userPrincipalName: "b@contoso.onmicrosoft.com", role: "62e90394-69f5-4237-9190-012177145e10" },
          { userPrincipalName: "c@contoso.onmicrosoft.com", role: "User Administrator" },
          { userPrincipalName: "d@contoso.onmicrosoft.com", assignment: "permanent" },
        ],
      }),
    );
    expect(result.tenant?.hybridIdentityAdmins).toEqual([
      { userPrincipalName: "a@contoso.onmicrosoft.com", role: "Global Administrator", assignment: "eligible", viaGroup: "GA-Eligible" },
      { userPrincipalName: "b@contoso.onmicrosoft.com", role: "Global Administrator" },
    ]);
    expect(result.issues.map(({ severity, column }) => ({ severity, column }))).toEqual([
      { severity: "warning", column: "hybridIdentityAdministrators[2].role" },
      { severity: "error", column: "hybridIdentityAdministrators[3].assignment" },
    ]);
    expect(result).toMatchObject({ records: 3, rejected: 1 });
  });

  it("records an empty role as 'collected, nobody'", () => {
    const result = parse('{ "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects", "value": [] }');
    expect(result.tenant).toEqual({ hybridIdentityAdmins: [] });
  });

  it("rejects members without a UPN and bad booleans", () => {
    const result = parse(
      '{ "value": [ { "@odata.type": "#microsoft.graph.user", "userType": "Member" }, { "userPrincipalName": "a@b.com", "accountEnabled": "yes" } ] }',
    );
    expect(result.rejected).toBe(2);
    expect(result.issues.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 1, column: "value[0].userPrincipalName" },
      { row: 2, column: "value[1].accountEnabled" },
    ]);
  });

  it("refuses JSON that is not a Graph response", () => {
    expect(parse('{ "value": [ { "foo": 1 } ] }').issues[0].message).toMatch(/not a Graph response/);
  });

  it("reads a bare array as Get-MgDomain | ConvertTo-Json writes it (no response wrapper)", () => {
    const domains = parse(JSON.stringify([{ id: "contoso.com", isVerified: true, isDefault: true, isInitial: false, authenticationType: "Managed" }]));
    expect(domains).toMatchObject({ records: 1, rejected: 0, tenant: { domains: [{ id: "contoso.com", isVerified: true }] } });
    const admins = parse(JSON.stringify([{ "@odata.type": "#microsoft.graph.user", userPrincipalName: "ada@contoso.com", accountEnabled: true }]));
    expect(admins.tenant?.hybridIdentityAdmins).toEqual([expect.objectContaining({ userPrincipalName: "ada@contoso.com" })]);
    expect(parse("[1, 2]").issues.some((issue) => issue.severity === "error")).toBe(true);
  });
});

describe("graph-json: optional features, licence and Connect Sync (issue 14)", () => {
  it("reads featuresUsed, entraIdP1 and connectSync beside the Graph parts, or alone", () => {
    const text = JSON.stringify({
      tenantId: "00000000-0000-0000-0000-0000000000aa",
      featuresUsed: { groupProvisioning: true, exchangeHybridWriteback: false },
      entraIdP1: true,
      connectSync: { inUse: true, version: "2.4.131.0" },
    });
    expect(graphJson.detect({ fileName: "tenant.json", text, options: {} })).toBeGreaterThan(0.5);
    const result = parse(text);
    expect(result.tenant).toMatchObject({
      featuresUsed: { groupProvisioning: true, exchangeHybridWriteback: false },
      entraIdP1: true,
      connectSync: { inUse: true, version: "2.4.131.0" },
    });
    expect(tenantFactsSchema.safeParse(result.tenant).success).toBe(true);
  });

  it("refuses malformed feature flags", () => {
    const result = parse(JSON.stringify({ featuresUsed: { groupProvisioning: "maybe" } }));
    expect(result.tenant).toBeUndefined();
  });
});
