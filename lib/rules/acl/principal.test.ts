import { describe, expect, it } from "vitest";
import type { DomainFacts } from "@/lib/facts";
import { createIdentityResolver, domainAliases, isBroadWellKnownGroup, parsePrincipal, samePrincipal } from "./principal";

const DOMAIN: DomainFacts = { dnsName: "corp.contoso.com", netbiosName: "CORP" };
const SID = "S-1-5-21-1004336348-1177238915-682003330-1105";

describe("parsePrincipal", () => {
  it.each([
    ["CORP\\provAgentgMSA$", { kind: "name", domain: "corp", name: "provagentgmsa", dollar: true }],
    ["provAgentgMSA$", { kind: "name", domain: null, name: "provagentgmsa", dollar: true }],
    ["corp.contoso.com\\provAgentgMSA$", { kind: "name", domain: "corp.contoso.com", name: "provagentgmsa" }],
    ["provAgentgMSA$@corp.contoso.com", { kind: "name", domain: "corp.contoso.com", name: "provagentgmsa" }],
    ["NT AUTHORITY\\SELF", { kind: "name", domain: "nt authority", name: "self", dollar: false }],
    ["s-1-5-21-1-2-3-1105", { kind: "sid", sid: "S-1-5-21-1-2-3-1105" }],
    ["CN=SYNC01,OU=Servers,DC=corp,DC=contoso,DC=com", { kind: "name", domain: "corp.contoso.com", name: "sync01", dollar: false }],
    ["CN=Smith\\, John,OU=Users,DC=corp,DC=contoso,DC=com", { kind: "name", name: "smith, john" }],
  ])("%s", (raw, expected) => expect(parsePrincipal(raw)).toMatchObject(expected));

  it.each([[""], ["   "], [42], [null], [undefined], [{ Value: "x" }], ["CORP\\"], ["$"]])("rejects %j", (raw) => {
    expect(parsePrincipal(raw)).toBeNull();
  });
});

describe("gMSA matching", () => {
  const resolver = createIdentityResolver({ names: ["CORP\\provAgentgMSA$"], sids: [SID] }, DOMAIN);
  it.each<[string, "subject" | "other"]>([
    ["CORP\\provAgentgMSA$", "subject"],
    ["corp\\PROVAGENTGMSA$", "subject"],
    ["CORP\\provAgentgMSA", "subject"],
    ["provAgentgMSA$", "subject"],
    ["corp.contoso.com\\provAgentgMSA$", "subject"],
    ["provAgentgMSA$@corp.contoso.com", "subject"],
    [SID, "subject"],
    [SID.toLowerCase(), "subject"],
    ["FABRIKAM\\provAgentgMSA$", "other"],
    ["fabrikam.com\\provAgentgMSA$", "other"],
    ["NT AUTHORITY\\SELF", "other"],
    ["BUILTIN\\provAgentgMSA$", "other"],
    ["CORP\\provAgentgMSA2$", "other"],
    ["S-1-5-21-1004336348-1177238915-682003330-1106", "other"],
  ])("%s -> %s", (identity, kind) => expect(resolver.match(identity).kind).toBe(kind));

  it("matches a bare account name against any domain prefix when no domain is known", () => {
    const loose = createIdentityResolver({ names: ["provAgentgMSA$"], sids: [] });
    expect(loose.match("FABRIKAM\\provAgentgMSA$").kind).toBe("subject");
    expect(loose.match("NT AUTHORITY\\provAgentgMSA$").kind).toBe("other");
  });

  it("treats a DNS prefix as the account's NetBIOS domain when only the prefix is known", () => {
    const noFacts = createIdentityResolver({ names: ["CORP\\provAgentgMSA$"], sids: [] });
    expect(noFacts.match("corp.contoso.com\\provAgentgMSA$").kind).toBe("subject");
    expect(noFacts.match("OTHER\\provAgentgMSA$").kind).toBe("other");
  });

  it("does not match a SID against a name", () => {
    const byName = createIdentityResolver({ names: ["CORP\\provAgentgMSA$"], sids: [] }, DOMAIN);
    expect(byName.match(SID).kind).toBe("other");
  });

  it("compares domains through the aliases", () => {
    const aliases = domainAliases(DOMAIN);
    const a = parsePrincipal("CORP\\x");
    const b = parsePrincipal("corp.contoso.com\\x");
    expect(a && b && samePrincipal(a, b, aliases)).toBe(true);
  });
});

describe("group resolution", () => {
  it("counts no group without membership data", () => {
    const resolver = createIdentityResolver({ names: ["CORP\\provAgentgMSA$"], sids: [] }, DOMAIN);
    expect(resolver.membership).toEqual({ dataPresent: false, subjectEntryFound: false });
    expect(resolver.match("CORP\\Sync Admins").kind).toBe("other");
  });

  it("resolves direct and nested groups, keyed by name, bare name or SID", () => {
    const domain: DomainFacts = {
      ...DOMAIN,
      groupMemberships: {
        [SID]: ["CORP\\Sync Admins"],
        "Sync Admins": ["CORP\\Tier0 Services", "S-1-5-21-1004336348-1177238915-682003330-3001"],
        "CORP\\Tier0 Services": ["CORP\\Sync Admins"], // cycle
      },
    };
    const resolver = createIdentityResolver({ names: ["CORP\\provAgentgMSA$"], sids: [SID] }, domain);
    expect(resolver.membership).toEqual({ dataPresent: true, subjectEntryFound: true });
    expect(resolver.groups.map((g) => g.name)).toEqual(["CORP\\Sync Admins", "CORP\\Tier0 Services", "S-1-5-21-1004336348-1177238915-682003330-3001"]);
    const nested = resolver.match("corp\\tier0 services");
    expect(nested.kind === "group" && nested.group.via).toEqual(["CORP\\Sync Admins", "CORP\\Tier0 Services"]);
    expect(resolver.match("S-1-5-21-1004336348-1177238915-682003330-3001").kind).toBe("group");
    expect(resolver.match("CORP\\Domain Admins").kind).toBe("other");
  });

  it("reports data present but no entry for the subject", () => {
    const resolver = createIdentityResolver({ names: ["CORP\\provAgentgMSA$"], sids: [] }, { ...DOMAIN, groupMemberships: { "CORP\\someone": ["CORP\\x"] } });
    expect(resolver.membership).toEqual({ dataPresent: true, subjectEntryFound: false });
    expect(resolver.groups).toEqual([]);
  });

  it("tolerates malformed membership data", () => {
    const domain = { ...DOMAIN, groupMemberships: { "CORP\\provAgentgMSA$": "CORP\\x", other: [1, null, "CORP\\y"] } } as never;
    const resolver = createIdentityResolver({ names: ["CORP\\provAgentgMSA$"], sids: [] }, domain);
    expect(resolver.membership.dataPresent).toBe(true);
    expect(resolver.groups).toEqual([]);
  });
});

describe("isBroadWellKnownGroup", () => {
  it.each([["S-1-1-0"], ["S-1-5-11"], ["NT AUTHORITY\\Authenticated Users"], ["CORP\\Domain Users"], ["S-1-5-21-1-2-3-515"], ["BUILTIN\\Pre-Windows 2000 Compatible Access"]])(
    "%s is broad",
    (raw) => {
      const ref = parsePrincipal(raw);
      expect(ref && isBroadWellKnownGroup(ref)).toBe(true);
    },
  );
  it.each([["CORP\\Domain Admins"], ["S-1-5-21-1-2-3-512"], ["CORP\\Sync Admins"]])("%s is not", (raw) => {
    const ref = parsePrincipal(raw);
    expect(ref && isBroadWellKnownGroup(ref)).toBe(false);
  });
});
