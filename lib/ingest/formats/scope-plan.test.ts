import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scopeFactsSchema } from "@/lib/facts";
import scopePlan, { parseGroupEntry } from "./scope-plan";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const parse = (text: string) => scopePlan.parse({ fileName: "scope", text, options: {} });

describe("scope-plan", () => {
  it("parses group entries with member counts", () => {
    expect(parseGroupEntry("Pilot Users (1,250)")).toEqual({ name: "Pilot Users", memberCount: 1250 });
    expect(parseGroupEntry("Sales:48000")).toEqual({ name: "Sales", memberCount: 48000 });
    expect(parseGroupEntry("IT (Europe)")).toEqual({ name: "IT (Europe)" });
    expect(parseGroupEntry("  ")).toBeUndefined();
  });

  it("reads the JSON plan", () => {
    const result = parse(fixture("scope-plan.json"));
    expect(result).toMatchObject({ kind: "sync-scope", format: "scope-plan", records: 2, rejected: 1 });
    expect(result.scope).toEqual({
      configurations: [
        {
          name: "CORP users",
          domain: "corp.contoso.com",
          ous: ["OU=Users,OU=Paris,DC=corp,DC=contoso,DC=com", "OU=Users,OU=Lyon,DC=corp,DC=contoso,DC=com"],
          groups: [
            { name: "Pilot Users", memberCount: 1250 },
            { name: "Sales", memberCount: 48000 },
            { name: "Finance", memberCount: 12345 },
            { name: "IT (Europe)" },
          ],
          passwordHashSync: true,
          passwordWriteback: false,
          inetOrgPersonCount: 0,
          objectCount: 120000,
        },
      ],
    });
    expect(result.issues).toEqual([expect.objectContaining({ severity: "error", row: 2, column: "name" })]);
    expect(scopeFactsSchema.safeParse(result.scope).success).toBe(true);
  });

  it("reads the CSV plan with ;-separated lists and yes/no/1/0 booleans", () => {
    const result = parse(fixture("scope-plan.csv"));
    expect(result).toMatchObject({ records: 3, rejected: 1 });
    expect(result.scope?.configurations).toEqual([
      {
        name: "CORP users",
        domain: "corp.contoso.com",
        ous: ["OU=Users,OU=Paris,DC=corp,DC=contoso,DC=com", "OU=Users,OU=Lyon,DC=corp,DC=contoso,DC=com"],
        groups: [{ name: "Pilot Users", memberCount: 1250 }, { name: "Sales", memberCount: 48000 }, { name: "IT (Europe)" }],
        passwordHashSync: true,
        passwordWriteback: false,
        inetOrgPersonCount: 0,
        objectCount: 120000,
      },
      { name: "EMEA", domain: "emea.contoso.com", ous: ["OU=Staff,DC=emea,DC=contoso,DC=com"], passwordHashSync: true, passwordWriteback: false },
    ]);
    expect(result.issues.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 4, column: "Password Hash Sync" },
      { row: 4, column: "InetOrgPerson Count" },
    ]);
  });

  it("refuses a CSV without a name column", () => {
    const result = parse("Domain,OUs\ncorp.com,OU=X,DC=corp,DC=com\n");
    expect(result.scope).toBeUndefined();
    expect(result.issues[0].message).toMatch(/No column names the configuration/);
  });
});

describe("scope-plan: optional features (issue 14)", () => {
  it("reads group provisioning, Exchange hybrid writeback and the group provisioning scope from JSON", () => {
    const result = parse(
      JSON.stringify({
        configurations: [
          {
            name: "groups-to-ad",
            domain: "corp.contoso.com",
            groupProvisioning: true,
            exchangeHybridWriteback: "no",
            groupProvisioningScope: { mode: "selected-groups", groupCount: 1200, membershipCount: 84000, largestGroupMembers: 9800 },
          },
        ],
      }),
    );
    expect(result.scope?.configurations?.[0]).toEqual({
      name: "groups-to-ad",
      domain: "corp.contoso.com",
      groupProvisioning: true,
      exchangeHybridWriteback: false,
      groupProvisioningScope: { mode: "selected-groups", groupCount: 1200, membershipCount: 84000, largestGroupMembers: 9800 },
    });
  });

  it("reads the flags from CSV columns and refuses a malformed scope", () => {
    const ok = parse('Name,Domain,OUs,GroupProvisioning,ExchangeHybridWriteback\ncorp,corp.contoso.com,"OU=Users,DC=corp,DC=contoso,DC=com",yes,1\n');
    expect(ok.scope?.configurations?.[0]).toMatchObject({ groupProvisioning: true, exchangeHybridWriteback: true });
    const bad = parse(JSON.stringify({ configurations: [{ name: "x", groupProvisioningScope: { mode: "everything" } }] }));
    expect(bad.rejected).toBe(1);
  });
});
