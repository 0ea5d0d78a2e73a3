import { describe, expect, it } from "vitest";
import type { DomainFacts, HostFacts } from "@/lib/facts";
import { evaluateRule, rollup } from "@/lib/readiness";
import { EXAMPLE_AS_OF, EXAMPLE_DOMAIN, EXAMPLE_HOST, HOST_SID } from "./acl/examples";
import { describeAclRuleContract } from "./testing/acl-kit";
import rule from "./host-gmsa-retrieval";

const withList = (principals: string[], extra: Partial<DomainFacts> = {}): DomainFacts => ({
  ...EXAMPLE_DOMAIN,
  gmsa: { ...EXAMPLE_DOMAIN.gmsa, principalsAllowedToRetrievePassword: principals },
  ...extra,
});
const evaluate = (domain: DomainFacts, host: HostFacts = EXAMPLE_HOST) => rule.evaluate({ asOf: EXAMPLE_AS_OF, host, domain });

describe("host-gmsa-retrieval", () => {
  describeAclRuleContract(rule, { id: "host-gmsa-retrieval", severity: "warning", scope: "host" });

  it.each([
    ["CORP\\SYNC01$"],
    ["SYNC01$"],
    ["sync01$"],
    ["corp\\sync01"],
    ["corp.contoso.com\\SYNC01$"],
    [HOST_SID],
    ["CN=SYNC01,OU=Tier0 Servers,DC=corp,DC=contoso,DC=com"],
  ])("matches the host listed as %s", (entry) => {
    expect(evaluate(withList(["CORP\\SYNC02$", entry])).status).toBe("pass");
  });

  it.each([["FABRIKAM\\SYNC01$"], ["CORP\\SYNC011$"], ["S-1-5-21-1004336348-1177238915-682003330-1612"]])("does not match %s", (entry) => {
    const outcome = evaluate(withList([entry], { groupMemberships: { "CORP\\SYNC01$": [] } }));
    expect(outcome.status).toBe("fail");
  });

  it("passes through a nested group and names the chain", () => {
    const outcome = evaluate(
      withList(["CORP\\Tier0 Hosts"], { groupMemberships: { "SYNC01$": ["CORP\\Sync Hosts"], "CORP\\Sync Hosts": ["CORP\\Tier0 Hosts"] } }),
    );
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("CORP\\Sync Hosts → CORP\\Tier0 Hosts");
  });

  it("fails when the membership data shows the host outside every listed group", () => {
    const outcome = evaluate(withList(["CORP\\Tier0 Hosts"], { groupMemberships: { [HOST_SID]: ["CORP\\Servers"] } }));
    expect(outcome.status).toBe("fail");
  });

  it("is unknown when a listed SID or group cannot be resolved without membership data", () => {
    expect(evaluate(withList(["S-1-5-21-1004336348-1177238915-682003330-3101"])).status).toBe("unknown");
    const groupOnly = evaluate(withList(["CORP\\Tier0 Hosts"], { groupMemberships: { "CORP\\SYNC02$": ["CORP\\Tier0 Hosts"] } }));
    expect(groupOnly.status).toBe("unknown");
    expect(groupOnly.status === "unknown" && groupOnly.reason.missingFact).toBe("domain.groupMemberships");
  });

  it("fails when nobody may retrieve the password", () => {
    expect(evaluate(withList([])).status).toBe("fail");
  });

  it("says in the fail message that a custom gMSA needs the host listed and the installer adds it otherwise", () => {
    for (const outcome of [evaluate(withList(["CORP\\SYNC02$"])), evaluate(withList([]))]) {
      expect(outcome.status).toBe("fail");
      expect(outcome.message).toContain("custom (pre-created) gMSA");
      expect(outcome.message).toContain('"Create gMSA"');
      expect(outcome.message).toContain("the installer adds the host itself");
    }
  });

  it("is a warning: a host not yet listed is Ready with conditions, not Not ready", () => {
    const result = evaluateRule(rule, { asOf: EXAMPLE_AS_OF, host: EXAMPLE_HOST, domain: withList(["CORP\\SYNC02$"]) });
    expect(result).toMatchObject({ ruleId: "host-gmsa-retrieval", status: "fail", severity: "warning" });
    const readiness = rollup(result === null ? [] : [result]);
    expect(readiness.verdict).toBe("ready-with-conditions");
    expect(readiness.conditionRuleIds).toEqual(["host-gmsa-retrieval"]);
    expect(readiness.blockingRuleIds).toEqual([]);
    expect(rule.meta.notes?.[0]).toMatch(/Create gMSA.*custom gMSA/);
  });

  it("falls back to the FQDN when the NetBIOS name is missing", () => {
    const host: HostFacts = { identity: { fqdn: "sync01.corp.contoso.com" } };
    expect(evaluate(withList(["CORP\\SYNC01$"]), host).status).toBe("pass");
  });

  describe("disjoint DNS namespace (DNS suffix is not the AD domain)", () => {
    const disjoint = (identity: NonNullable<HostFacts["identity"]>): HostFacts => ({ identity });

    it("matches CORP\\SYNC01$ for sync01.dmz.contoso.net by computer name within the evaluated AD domain", () => {
      const outcome = evaluate(withList(["CORP\\SYNC01$"]), disjoint({ fqdn: "sync01.dmz.contoso.net", netbiosName: "SYNC01" }));
      expect(outcome.status).toBe("pass");
      expect(outcome.message).toContain("CORP\\SYNC01$");
    });

    it("also when host.identity.domain carries the DNS suffix, and for a DNS-qualified list entry", () => {
      const host = disjoint({ fqdn: "sync01.dmz.contoso.net", domain: "dmz.contoso.net" });
      expect(evaluate(withList(["CORP\\SYNC01$"]), host).status).toBe("pass");
      expect(evaluate(withList(["corp.contoso.com\\SYNC01$"]), host).status).toBe("pass");
    });

    it("still fails when only another computer of the AD domain is listed", () => {
      const outcome = evaluate(withList(["CORP\\SYNC02$"]), disjoint({ fqdn: "sync01.dmz.contoso.net", netbiosName: "SYNC01" }));
      expect(outcome.status).toBe("fail");
    });

    it("keeps an explicit NetBIOS domain of another domain as another principal", () => {
      const outcome = evaluate(withList(["CORP\\SYNC01$"]), disjoint({ fqdn: "sync01.dmz.contoso.net", netbiosName: "SYNC01", netbiosDomain: "DMZ" }));
      expect(outcome.status).toBe("fail");
    });

    it("is unknown when the host's identity is missing altogether", () => {
      expect(evaluate(withList(["CORP\\SYNC01$"]), {}).status).toBe("unknown");
    });
  });

  it("is unknown without host identity, naming what to collect", () => {
    const outcome = rule.evaluate({ asOf: EXAMPLE_AS_OF, domain: EXAMPLE_DOMAIN, host: { os: { build: 20348 } } });
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason.collect).toContain("COMPUTERNAME");
  });

  it("is unknown without the gMSA facts, with the Get-ADServiceAccount command", () => {
    const outcome = rule.evaluate({ asOf: EXAMPLE_AS_OF, host: EXAMPLE_HOST, domain: { dnsName: "corp.contoso.com" } });
    expect(outcome.status === "unknown" && outcome.reason.collect).toContain("Get-ADServiceAccount -Identity 'provAgentgMSA$'");
  });

  it("scripts an idempotent addition that keeps the current entries", () => {
    const script = rule.remediationScript?.({ asOf: EXAMPLE_AS_OF, host: EXAMPLE_HOST, domain: withList(["CORP\\SYNC02$"]) }) ?? "";
    expect(script).toContain("Get-ADComputer -Identity 'SYNC01'");
    expect(script).toContain("1.2.840.113556.1.4.1941");
    expect(script).toContain("(@($allowed) + $computer.DistinguishedName)");
    expect(script).toContain("$PSCmdlet.ShouldProcess");
    expect(rule.remediationScript?.({ asOf: EXAMPLE_AS_OF, domain: EXAMPLE_DOMAIN })).toBeNull();
  });
});
