import { HINT } from "./domain/collect";
import { missingFact, readCount } from "./domain/read";
import { SCHEMA_FACT } from "./domain/schema-minimum";
import { cite, DOCS } from "./sources";
import { schemaVersionName } from "./domain/versions";
import { evidence, fail, pass } from "./outcome";
import { defineRule } from "./types";

/** Intermediate values of the Windows Server 2025 schema upgrade (sch89.ldf, sch90.ldf applied; sch91.ldf not). */
const INTERRUPTED = new Set([89, 90]);

export default defineRule({
  meta: {
    id: "domain-schema-upgrade",
    title: "The forest schema is not stuck part-way through the Windows Server 2025 upgrade (objectVersion is not 89 or 90)",
    severity: "warning",
    scope: "domain",
    rationale:
      "The Windows Server 2025 schema update applies three files in turn (sch89.ldf, sch90.ldf, sch91.ldf) and ends at " +
      "objectVersion 91. A forest that reports 89 or 90 most likely has an adprep /forestprep that stopped part-way; " +
      "cloud sync's own schema needs are met, but the forest is in a state Microsoft does not document.",
    source: cite(DOCS.whatsNew2025, "Active Directory Domain Services (Active Directory schema updates)", "active-directory-domain-services"),
    otherSources: [cite(DOCS.schemaVersion, "Mapping the objectVersion attribute", "mapping-the-objectversion-attribute")],
    notes: [
      "Inference, not a Microsoft statement: the schema table lists 88 (2019/2022) and 91 (2025) only; 89 and 90 are the " +
        "values after sch89.ldf and sch90.ldf. Treated as an interrupted upgrade and reported as a warning, never a blocker, " +
        "because 89/90 already satisfy the cloud sync (87) and gMSA (56) schema floors.",
      "Earlier (Insider Preview era) revisions of the Windows Server 2025 what's-new page named only two files, sch89.ldf " +
        "and sch90.ldf; a forest prepared with a preview adprep can therefore sit at 90 without an error. Re-running " +
        "adprep from release media resolves both cases.",
      "Values other than 89/90 pass, including unrecognised ones; domain-schema-gmsa and domain-schema-cloud-sync judge the floors.",
    ],
    remediation: {
      summary:
        "Finish the Windows Server 2025 schema update: re-run adprep /forestprep from Windows Server 2025 release media on " +
        "the schema master and check its log until objectVersion reads 91.",
      steps: [
        "Find the schema master: Get-ADForest | Select-Object SchemaMaster",
        "Check the last run's log for the failing LDF import: C:\\Windows\\debug\\adprep\\logs\\<latest>\\ADPrep.log",
        "As Schema Admin and Enterprise Admin on the schema master: <Windows Server 2025 media>\\support\\adprep\\adprep.exe /forestprep",
        "Verify after replication: Get-ADObject (Get-ADRootDSE).schemaNamingContext -Property objectVersion (expect 91)",
      ],
    },
  },
  evaluate: (ctx) => {
    const raw = ctx.domain?.schemaVersion;
    const version = readCount(raw);
    if (version === undefined) return missingFact(SCHEMA_FACT, HINT.schemaVersion, raw, "The forest schema version");
    const found = [evidence(SCHEMA_FACT, version, "not 89 or 90 (the 2025 upgrade ends at 91)")];
    if (INTERRUPTED.has(version)) {
      const next = version === 89 ? "sch90.ldf and sch91.ldf" : "sch91.ldf";
      return fail(
        `The forest schema is at objectVersion ${version}: the Windows Server 2025 schema update looks interrupted ` +
          `(${next} not applied). Re-run adprep /forestprep from Windows Server 2025 media.`,
        found,
      );
    }
    return pass(`The forest schema is at objectVersion ${version} (${schemaVersionName(version)}), not an intermediate 2025 value.`, found);
  },
  examples: [
    {
      name: "completed Windows Server 2025 schema update",
      expect: "pass",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", schemaVersion: 91 } },
    },
    {
      name: "forestprep stopped after sch90.ldf",
      expect: "fail",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", schemaVersion: 90 } },
    },
    {
      name: "schema version not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com" } },
    },
  ],
});
