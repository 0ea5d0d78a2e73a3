import { evaluateSchemaMinimum } from "./domain/schema-minimum";
import { cite, DOCS } from "./sources";
import { defineRule } from "./types";

/** gMSA needs the Windows Server 2012 schema (objectVersion 56). */
export default defineRule({
  meta: {
    id: "domain-schema-gmsa",
    title: "The forest schema is at Windows Server 2012 level or later (objectVersion 56)",
    severity: "blocker",
    scope: "domain",
    rationale:
      "The provisioning agent runs as a group Managed Service Account (gMSA), and a gMSA can only be created when the " +
      "forest schema has been updated to Windows Server 2012 or later.",
    source: cite(DOCS.prerequisites, "Group Managed Service Accounts > Prerequisites for gMSA", "prerequisites-for-gmsa"),
    otherSources: [
      cite(DOCS.gmsaGettingStarted, "Create Group Managed Service Accounts", "create-group-managed-service-accounts"),
      cite(DOCS.schemaVersion, "Mapping the objectVersion attribute", "mapping-the-objectversion-attribute"),
    ],
    notes: [
      "objectVersion 56 = Windows Server 2012 per the schema version table. This is the gMSA floor only: cloud sync " +
        "itself needs the Windows Server 2016 schema (objectVersion 87, see domain-schema-cloud-sync), so a forest can " +
        "pass this rule and still be blocked.",
      "The schema is forest-wide: every domain of the forest reports the same objectVersion.",
    ],
    remediation: {
      summary:
        "Extend the forest schema to Windows Server 2012 or later (in practice to 2016 or later, which cloud sync needs) " +
        "with adprep from the newer Windows Server media, as a Schema Admin and Enterprise Admin on the schema master.",
      steps: [
        "Find the schema master: Get-ADForest | Select-Object SchemaMaster",
        "On the schema master, from the Windows Server 2016 or later media: <media>\\support\\adprep\\adprep.exe /forestprep",
        "Then in every domain: adprep.exe /domainprep (promoting a newer domain controller runs both steps automatically)",
        "Verify: Get-ADObject (Get-ADRootDSE).schemaNamingContext -Property objectVersion",
      ],
    },
  },
  evaluate: (ctx) => evaluateSchemaMinimum(ctx, 56, "the gMSA requirement (Windows Server 2012 schema)"),
  examples: [
    {
      name: "Windows Server 2012 R2 schema",
      expect: "pass",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", schemaVersion: 69 } },
    },
    {
      name: "Windows Server 2008 R2 schema",
      expect: "fail",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", schemaVersion: 47 } },
    },
    {
      name: "schema version not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com" } },
    },
  ],
});
