import { isRecord, missingFact, prop, readArray, readBoolean, readString, readTime } from "./domain/read";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { HINT } from "./tenant/collect";
import { defineRule } from "./types";

const FACT = "tenant.attestations";
const KEY = "idfix-run";

interface Attestation {
  index: number;
  attested: boolean;
  by: string;
  at?: string;
  atMs?: number;
  note?: string;
}

function readAttestations(list: readonly unknown[]): Attestation[] {
  return list.flatMap((entry, index) => {
    if (!isRecord(entry) || prop(entry, "key") !== KEY) return [];
    const attested = readBoolean(prop(entry, "attested"));
    if (attested === undefined) return [];
    const at = readString(prop(entry, "at"));
    return [{ index, attested, by: readString(prop(entry, "by")) ?? "unknown person", at, atMs: readTime(at), note: readString(prop(entry, "note")) }];
  });
}

/** The latest attestation by time; entries without a valid time rank before timed ones, later array entries win ties. */
function latest(items: readonly Attestation[]): Attestation | undefined {
  return items.reduce<Attestation | undefined>((best, item) => {
    if (best === undefined) return item;
    return (item.atMs ?? Number.NEGATIVE_INFINITY) >= (best.atMs ?? Number.NEGATIVE_INFINITY) ? item : best;
  }, undefined);
}

export default defineRule({
  meta: {
    id: "tenant-idfix",
    title: "IdFix has been run to prepare directory attributes for synchronization (attested)",
    severity: "warning",
    scope: "tenant",
    rationale:
      "Microsoft asks to run IdFix against Active Directory before synchronizing, to find and fix duplicate or malformed " +
      "attributes (UPN, proxyAddresses, mail...) that would otherwise produce sync errors for those objects.",
    source: cite(DOCS.prerequisites, "In your directory in Active Directory", "in-your-directory-in-active-directory"),
    otherSources: [],
    notes: [
      "IdFix is an interactive tool; its result cannot be collected automatically. The rule reads a manual attestation " +
        "(key \"idfix-run\") recorded in the app with who and when; the latest attestation wins.",
      "No attestations data, or no \"idfix-run\" attestation, is unknown (not a fail). An attestation recorded as " +
        "false (IdFix not run, or errors left unresolved) fails as a warning: sync works, but objects with bad " +
        "attributes will error or be skipped.",
    ],
    remediation: {
      summary: "Run IdFix against the OUs you will sync, fix or accept what it reports, then record the attestation.",
      steps: [
        "Download IdFix from https://github.com/microsoft/idfix and run it as a user who can read the in-scope OUs",
        "Query, review each error (duplicate, format, blank...), apply fixes, and export the remaining list for the record",
        "Record the \"idfix-run\" attestation (attested = true, with a note on remaining accepted errors) on the tenant page",
      ],
    },
  },
  evaluate: (ctx) => {
    const raw = ctx.tenant?.attestations;
    const list = readArray(raw);
    if (list === undefined) return missingFact(FACT, HINT.idfixAttestation, raw, "The tenant's attestations");
    const entry = latest(readAttestations(list));
    if (entry === undefined) {
      return unknown(`${FACT}[key=${KEY}]`, HINT.idfixAttestation, "Nobody has attested whether IdFix was run.");
    }
    const when = entry.at ?? "an unrecorded time";
    const found = [
      evidence(`${FACT}[${entry.index}]`, { key: KEY, attested: entry.attested, by: entry.by, at: entry.at ?? null, note: entry.note ?? null }, "attested: true"),
    ];
    return entry.attested
      ? pass(`${entry.by} attested on ${when} that IdFix was run.`, found)
      : fail(`${entry.by} recorded on ${when} that IdFix has not been run (or its findings are unresolved).`, found);
  },
  examples: [
    {
      name: "attested by the AD team",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        tenant: {
          attestations: [{ key: "idfix-run", attested: true, by: "alice@contoso.com", at: "2026-07-20T14:05:00Z", note: "3 accepted format warnings" }],
        },
      },
    },
    {
      name: "recorded as not run yet",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        tenant: { attestations: [{ key: "idfix-run", attested: false, by: "bob@contoso.com", at: "2026-07-28T09:00:00Z" }] },
      },
    },
    {
      name: "no attestations recorded",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", tenant: { tenantId: "00000000-0000-0000-0000-0000000000aa" } },
    },
  ],
});
