import { evaluateSchemaMinimum } from "./domain/schema-minimum";
import { cite, DOCS } from "./sources";
import { defineRule } from "./types";

/** Cloud sync needs msDS-ExternalDirectoryObjectId, first in the Windows Server 2016 schema (objectVersion 87). */
export default defineRule({
  meta: {
    id: "domain-schema-cloud-sync",
    title: "The forest schema is at Windows Server 2016 level or later (objectVersion 87) and has msDS-ExternalDirectoryObjectId",
    severity: "blocker",
    scope: "domain",
    rationale:
      "Cloud sync requires the attribute msDS-ExternalDirectoryObjectId in the Active Directory schema. The attribute " +
      "first ships in the Windows Server 2016 schema, so a forest below objectVersion 87 cannot host cloud sync.",
    source: cite(DOCS.prerequisites, "Cloud provisioning agent requirements", "cloud-provisioning-agent-requirements"),
    otherSources: [
      cite(
        DOCS.prerequisites,
        "Provision Microsoft Entra ID to Active Directory Domain Services - Prerequisites > General requirements",
        "general-requirements",
      ),
      cite(DOCS.schemaVersion, "Mapping the objectVersion attribute", "mapping-the-objectversion-attribute"),
    ],
    notes: [
      "The document names an attribute, not a schema version. The rule uses objectVersion >= 87 as the proxy, because " +
        "msDS-ExternalDirectoryObjectId (schemaIDGUID bd29bf90-66ad-40e1-887b-10df070419a6) was first implemented in " +
        "Windows Server 2016 ([MS-ADA2] 2.320) and objectVersion 87 = Windows Server 2016 in the schema version table.",
      "This is stricter than the gMSA floor (objectVersion 56, domain-schema-gmsa); when both fail, this one decides the fix.",
      "To confirm the attribute directly: Get-ADObject \"CN=ms-DS-External-Directory-Object-Id,$((Get-ADRootDSE).schemaNamingContext)\".",
    ],
    remediation: {
      summary:
        "Extend the forest schema to Windows Server 2016 or later with adprep /forestprep from Windows Server 2016+ " +
        "media, run as a Schema Admin and Enterprise Admin on the schema master.",
      steps: [
        "Find the schema master: Get-ADForest | Select-Object SchemaMaster",
        "On the schema master, from Windows Server 2016 or later media: <media>\\support\\adprep\\adprep.exe /forestprep",
        "Then in every domain: adprep.exe /domainprep (promoting a 2016+ domain controller runs both automatically)",
        "Let the schema replicate, then verify: Get-ADObject (Get-ADRootDSE).schemaNamingContext -Property objectVersion (87 or more)",
        "Check the attribute: Get-ADObject \"CN=ms-DS-External-Directory-Object-Id,$((Get-ADRootDSE).schemaNamingContext)\"",
      ],
    },
  },
  evaluate: (ctx) => evaluateSchemaMinimum(ctx, 87, "the cloud sync requirement (msDS-ExternalDirectoryObjectId, Windows Server 2016 schema)"),
  examples: [
    {
      name: "Windows Server 2019/2022 schema",
      expect: "pass",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", schemaVersion: 88 } },
    },
    {
      name: "Windows Server 2012 R2 schema (enough for gMSA, not for cloud sync)",
      expect: "fail",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", schemaVersion: 69 } },
    },
    {
      name: "schema version not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", forestName: "contoso.com" } },
    },
  ],
});
