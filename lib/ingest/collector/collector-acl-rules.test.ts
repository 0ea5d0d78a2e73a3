import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ScopeFacts } from "@/lib/facts";
import { parseFile } from "@/lib/ingest/parse-file";
import { RULES, type RuleContext, type RuleOutcome } from "@/lib/rules";
import { toPs51Json, type JsonValue } from "./fixtures/ps51-json";

/**
 * The collector report alone (with -IncludeDomain) is enough for the gMSA ACL rules: parseFile -> domain facts and
 * the domain root's AclFacts -> every gmsa-acl rule reaches a verdict, as with an uploaded Get-Acl export.
 */

const FIXTURE = path.join(__dirname, "fixtures", "server2025-dc-domain-acl.json");
const ROOT = "DC=corp,DC=contoso,DC=com";
const GMSA = "CORP\\provAgentgMSA$";
const GROUP_GUID = "bf967a9c-0de6-11d0-a285-00aa003049e2";
/** The gmsa-acl rules of optional features (issue 14): not applicable here, the scope uses neither feature. */
const OPTIONAL_FEATURE_RULES = ["gmsa-acl-exchange-hybrid", "gmsa-acl-group-provisioning"];
const ACL_RULES = RULES.filter((rule) => rule.meta.scope === "gmsa-acl" && !OPTIONAL_FEATURE_RULES.includes(rule.meta.id));
/** Password writeback on, so the writeback rule applies too. */
const SCOPE: ScopeFacts = { configurations: [{ name: "corp.contoso.com", domain: "corp.contoso.com", passwordHashSync: true, passwordWriteback: true }] };

type Report = {
  domain: { acls: { distinguishedName: string; protected: boolean | null; accessRules: Record<string, JsonValue>[] | null; error: JsonValue }[] };
  errors: { probe: string; message: string }[];
};

function report(): Report {
  return JSON.parse(readFileSync(FIXTURE, "utf8")) as Report;
}

/** parseFile on the report as the collector writes it, then every gmsa-acl rule on the domain and its root ACL. */
function evaluate(doc: Report): Record<string, RuleOutcome> {
  const parsed = parseFile(new TextEncoder().encode(toPs51Json(doc as unknown as JsonValue)), "DC01.cloudsync-readiness.json");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
  expect(parsed.result.format).toBe("collector-json");
  const domain = parsed.result.domains[0];
  const acl = parsed.result.acls.find((entry) => entry.targetDn === ROOT);
  const ctx: RuleContext = { asOf: "2026-10-08T00:00:00Z", domain, acl, scope: SCOPE };
  const outcomes: Record<string, RuleOutcome> = {};
  for (const rule of ACL_RULES) {
    expect(rule.appliesTo?.(ctx) ?? true, rule.meta.id).toBe(true);
    outcomes[rule.meta.id] = rule.evaluate(ctx);
  }
  return outcomes;
}

function statuses(outcomes: Record<string, RuleOutcome>): Record<string, string> {
  return Object.fromEntries(Object.entries(outcomes).map(([id, outcome]) => [id, outcome.status]));
}

describe("gMSA ACL rules from a collector report alone", () => {
  it("leaves the optional features' rules not applicable when the scope uses neither feature", () => {
    const ctx: RuleContext = { asOf: "2026-10-08T00:00:00Z", scope: SCOPE, domain: { dnsName: "corp.contoso.com" } };
    for (const id of OPTIONAL_FEATURE_RULES) expect(RULES.find((rule) => rule.meta.id === id)?.appliesTo?.(ctx), id).toBe(false);
  });

  it("covers every gmsa-acl rule", () => {
    expect(ACL_RULES.map((rule) => rule.meta.id)).toEqual([
      "gmsa-acl-create-delete-users",
      "gmsa-acl-deny",
      "gmsa-acl-excess",
      "gmsa-acl-groups-full-control",
      "gmsa-acl-phs",
      "gmsa-acl-read-objects",
      "gmsa-acl-writeback",
    ]);
  });

  it("pass: the domain root grants the documented permission set", () => {
    const outcomes = evaluate(report());
    expect(statuses(outcomes)).toEqual(Object.fromEntries(ACL_RULES.map((rule) => [rule.meta.id, "pass"])));
    expect(outcomes["gmsa-acl-read-objects"].message).toContain(`${GMSA} holds Read all properties`);
    expect(outcomes["gmsa-acl-read-objects"].message).toContain(ROOT);
  });

  it("fail: a right missing on the domain root (Full control on descendant groups)", () => {
    const doc = report();
    const root = doc.domain.acls[0];
    root.accessRules = (root.accessRules ?? []).filter(
      (rule) => !(rule.identityReference === GMSA && rule.inheritedObjectType === GROUP_GUID && rule.activeDirectoryRights === 983551),
    );
    const outcomes = evaluate(doc);
    expect(outcomes["gmsa-acl-groups-full-control"].status).toBe("fail");
    expect(outcomes["gmsa-acl-groups-full-control"].message).toMatch(/lacks Full control on descendant group objects on DC=corp,DC=contoso,DC=com: missing/);
    const others = ACL_RULES.map((rule) => rule.meta.id).filter((id) => id !== "gmsa-acl-groups-full-control");
    expect(others.map((id) => outcomes[id].status)).toEqual(others.map(() => "pass"));
  });

  it("fail: a Deny ACE for a group the gMSA is in (its tokenGroups, also in the report) takes a required right away", () => {
    const doc = report();
    const root = doc.domain.acls[0];
    root.accessRules = [
      {
        identityReference: "CORP\\Domain Computers",
        sid: "S-1-5-21-1004336348-1177238915-682003330-515",
        activeDirectoryRights: 256,
        accessControlType: "Deny",
        objectType: "1131f6ad-9c07-11d1-f79f-00c04fc2dcd2",
        inheritedObjectType: "00000000-0000-0000-0000-000000000000",
        inheritanceType: "None",
        isInherited: false,
      },
      ...(root.accessRules ?? []),
    ];
    const outcomes = evaluate(doc);
    expect(outcomes["gmsa-acl-deny"].status).toBe("fail");
    expect(outcomes["gmsa-acl-deny"].message).toContain("take away required permissions: Replicating Directory Changes All");
    expect(JSON.stringify(outcomes["gmsa-acl-deny"].evidence)).toContain("CORP\\\\Domain Computers");
    expect(outcomes["gmsa-acl-phs"].status).toBe("fail");
  });

  it("unknown: the collector could not read the domain root's ACL, and every gmsa-acl rule names its error", () => {
    const doc = report();
    const message = `${ROOT}: Insufficient access rights to perform the operation.`;
    doc.domain.acls = [{ ...doc.domain.acls[0], protected: null, accessRules: null, error: { probe: "domain.acls", message } }];
    doc.errors = [{ probe: "domain.acls", message }];
    const outcomes = evaluate(doc);
    for (const rule of ACL_RULES) {
      const outcome = outcomes[rule.meta.id];
      expect(outcome.status, rule.meta.id).toBe("unknown");
      expect(outcome.message).toBe(
        `The collector could not read the ACL of the domain root ${ROOT} (Insufficient access rights to perform the operation.), ` +
          "and no other export of it was uploaded, so the gMSA's permissions cannot be judged.",
      );
      if (outcome.status === "unknown") expect(outcome.reason.missingFact).toBe("acl");
    }
  });
});
